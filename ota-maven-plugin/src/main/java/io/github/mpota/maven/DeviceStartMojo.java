package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts a device runtime in the background and leaves it running for the rest of the build, typically for
 * integration tests; {@code ota:device-stop} stops it. The bound port is published as the project property,
 * user property and system property {@code ota.device.port}, so that later plugins ({@code ${ota.device.port}})
 * and invoker ITs can push to it.
 */
@Mojo(name = "device-start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false,
        threadSafe = true)
public class DeviceStartMojo extends AbstractDeviceMojo {

    /** Skip this goal only ({@code ota.skip} skips every goal of the plugin). */
    @Parameter(property = "ota.deviceStart.skip", defaultValue = "false")
    boolean deviceStartSkip;

    @Override
    protected boolean skipThisGoal() {
        return deviceStartSkip;
    }

    @Override
    protected String skipProperty() {
        return "ota.deviceStart.skip";
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skipped("device-start")) {
            return;
        }
        DeviceRuntime runtime = startDevice();
        RunningDevices.add(RunningDevices.keyOf(project), runtime);
        String port = String.valueOf(runtime.port());
        if (project != null) {
            project.getProperties().setProperty(PORT_PROPERTY, port);
        }
        if (session != null) {
            session.getUserProperties().setProperty(PORT_PROPERTY, port);
        }
        System.setProperty(PORT_PROPERTY, port);
        getLog().info("Started the " + describe(runtime) + "; " + PORT_PROPERTY + "=" + port);
    }
}
