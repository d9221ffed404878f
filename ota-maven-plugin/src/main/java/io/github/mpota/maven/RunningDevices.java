package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.project.MavenProject;

/**
 * The device runtimes that ota:device-start left running, so that ota:device-stop of the same build finds
 * them. A static registry: both goals run in the same plugin class realm, whatever their executions.
 */
final class RunningDevices {

    private static final Map<String, List<DeviceRuntime>> BY_PROJECT = new LinkedHashMap<>();

    private RunningDevices() {
    }

    /** Identifies the project whose build started a device, so that its device-stop finds it. */
    static String keyOf(MavenProject project) {
        return project == null ? "standalone" : project.getId() + "@" + project.getBasedir();
    }

    static synchronized void add(String projectKey, DeviceRuntime runtime) {
        BY_PROJECT.computeIfAbsent(projectKey, k -> new ArrayList<>()).add(runtime);
    }

    /** Removes and returns the runtimes of a project; when {@code port} is not 0, only the one on that port. */
    static synchronized List<DeviceRuntime> remove(String projectKey, int port) {
        List<DeviceRuntime> running = BY_PROJECT.getOrDefault(projectKey, new ArrayList<>());
        List<DeviceRuntime> taken = new ArrayList<>();
        for (DeviceRuntime r : List.copyOf(running)) {
            if (port == 0 || r.port() == port) {
                taken.add(r);
                running.remove(r);
            }
        }
        if (running.isEmpty()) {
            BY_PROJECT.remove(projectKey);
        }
        return taken;
    }
}
