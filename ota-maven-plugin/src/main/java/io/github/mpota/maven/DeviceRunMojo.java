package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs a device runtime in the foreground until Maven is interrupted (Ctrl-C): a board to push to by hand,
 * for example with {@code mvn ota:push -Dota.host=127.0.0.1 -Dota.port=<its port>} from another terminal.
 */
@Mojo(name = "device-run", requiresProject = false, threadSafe = true)
public class DeviceRunMojo extends AbstractDeviceMojo {

    /** Skip this goal only ({@code ota.skip} skips every goal of the plugin). */
    @Parameter(property = "ota.deviceRun.skip", defaultValue = "false")
    boolean deviceRunSkip;

    @Override
    protected boolean skipThisGoal() {
        return deviceRunSkip;
    }

    @Override
    protected String skipProperty() {
        return "ota.deviceRun.skip";
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped("device-run")) {
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
