package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Runs a device runtime in the foreground until Maven is interrupted (Ctrl-C): a board to push to by hand,
 * for example with {@code mvn ota:push -Dota.host=127.0.0.1 -Dota.port=<its port>} from another terminal.
 */
@Mojo(name = "device-run", requiresProject = false, threadSafe = true)
public class DeviceRunMojo extends AbstractDeviceMojo {

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping device-run (ota.skip)");
            return;
        }
        DeviceRuntime runtime = startDevice();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "ota-device-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        getLog().info("Running the " + describe(runtime) + " until interrupted (Ctrl-C)");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runtime.close();
            Runtime.getRuntime().removeShutdownHook(hook);
            getLog().info("Stopped the device runtime");
        }
    }
}
