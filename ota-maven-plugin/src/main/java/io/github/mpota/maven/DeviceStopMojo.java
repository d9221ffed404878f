package io.github.mpota.maven;

import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.flash.BoardFileTree;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Stops the device runtimes that {@code ota:device-start} started earlier in this build for this project. A session
 * still running is let finish first, reboot included: a push that has just received {@code UPDATE_SUCCESS} leaves
 * the board about to reboot, and stopping it then would leave a board that never rebooted.
 */
@Mojo(name = "device-stop", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, requiresProject = false,
        threadSafe = true)
public class DeviceStopMojo extends AbstractOtaMojo {

    /** Skip this goal only ({@code ota.skip} skips every goal of the plugin). */
    @Parameter(property = "ota.deviceStop.skip", defaultValue = "false")
    boolean deviceStopSkip;

    @Override
    protected boolean skipThisGoal() {
        return deviceStopSkip;
    }

    @Override
    protected String skipProperty() {
        return "ota.deviceStop.skip";
    }

    /** Longer than the board's own receive timeout, so that even a stalled client's session ends before it. */
    static final Duration SESSION_FINISH_TIMEOUT = Duration.ofSeconds(30);

    /** Stop only the runtime on this port; 0 stops every runtime this project started. */
    @Parameter(property = "ota.devicePort", defaultValue = "0")
    int devicePort;



    @Override
    public void execute() throws MojoExecutionException {
        if (skipped("device-stop")) {
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
            letLastSessionFinish(r, port);
            try {
                report(r);
            } finally {
                r.close();
            }
            getLog().info("Stopped the device runtime on port " + port);
        }
    }

    /** What a user checks after pushing to a board: its files now, the reboots, the space left. */
    private void report(DeviceRuntime runtime) throws MojoExecutionException {
        Path root = runtime.flash().root();
        int sessions = runtime.sessionsBegun();
        int reboots = runtime.rebootCount();
        getLog().info("The board's files after " + sessions + (sessions == 1 ? " session" : " sessions") + " and "
                + reboots + (reboots == 1 ? " reboot" : " reboots") + " (" + root + "):");
        try {
            for (String line : BoardFileTree.lines(root)) {
                getLog().info("  " + line);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot list the board's files in " + root + ": " + e.getMessage(), e);
        }
        long free = runtime.flash().freeBytes();
        getLog().info("Free space left: " + free + " bytes (" + ProgressFormat.bytes(free) + ") of "
                + runtime.flash().capacityBytes() + " bytes");
    }

    private void letLastSessionFinish(DeviceRuntime runtime, int port) {
        int sessions = runtime.sessionsBegun();
        if (sessions == 0) {
            return;
        }
        try {
            runtime.awaitSession(sessions, SESSION_FINISH_TIMEOUT);
        } catch (TimeoutException e) {
            getLog().warn("The device runtime on port " + port + " was still busy with session " + sessions
                    + " after " + SESSION_FINISH_TIMEOUT.toSeconds() + " s; stopping it anyway");
        }
    }
}
