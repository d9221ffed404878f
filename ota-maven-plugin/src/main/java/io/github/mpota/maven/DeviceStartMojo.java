package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Starts a device runtime in the background and leaves it running for the rest of the build, typically for
 * integration tests; {@code ota:device-stop} stops it. The bound port is published as the project property
 * {@code ota.device.port} (or the one named by {@code portProperty}), so that later executions of the same project
 * ({@code ${ota.device.port}}) can push to it. Only the project's properties: the session's user properties and
 * the JVM's system properties are shared by every project of a parallel build ({@code mvn -T}), where one
 * project's port would overwrite another's.
 */
@Mojo(name = "device-start", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, requiresProject = false,
        threadSafe = true)
public class DeviceStartMojo extends AbstractDeviceMojo {

    /**
     * The property that carries the bound port; a build that starts several boards gives each execution its own
     * ({@code board.a.port}, {@code board.b.port}).
     */
    @Parameter(property = "ota.device.portProperty", defaultValue = PORT_PROPERTY)
    String portProperty;
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
        String name = portProperty == null || portProperty.isBlank() ? PORT_PROPERTY : portProperty;
        if (project != null) {
            project.getProperties().setProperty(name, port);
        }
        getLog().info("Started the " + describe(runtime) + "; " + name + "=" + port);
    }
}
