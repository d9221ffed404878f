package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** Stops the device runtimes that {@code ota:device-start} started earlier in this build for this project. */
@Mojo(name = "device-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, requiresProject = false,
        threadSafe = true)
public class DeviceStopMojo extends AbstractMojo {

    /** Stop only the runtime on this port; 0 stops every runtime this project started. */
    @Parameter(property = "ota.devicePort", defaultValue = "0")
    int devicePort;

    /** Skip this goal. */
    @Parameter(property = "ota.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping device-stop (ota.skip)");
            return;
        }
        List<DeviceRuntime> stopped = RunningDevices.remove(RunningDevices.keyOf(project), devicePort);
        if (stopped.isEmpty()) {
            getLog().warn("No device runtime to stop" + (devicePort == 0 ? "" : " on port " + devicePort)
                    + ": ota:device-start did not run earlier in this build for this project");
            return;
        }
        for (DeviceRuntime r : stopped) {
            int port = r.port();
            r.close();
            getLog().info("Stopped the device runtime on port " + port);
        }
    }
}
