package io.github.mpota.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;

/**
 * Reads a secret that is deliberately a property and not a mojo parameter: Maven prints every parameter's
 * value with {@code -X}, but not the properties a mojo looks up itself.
 */
final class MavenProperties {

    private MavenProperties() {
    }

    /**
     * The first value of {@code name} among the command line's {@code -D}, the session's system properties, the
     * POM's {@code <properties>} (fit only for throw-away passwords such as a test board's), and the JVM's.
     */
    static String find(MavenSession session, MavenProject project, String name) {
        if (session != null) {
            String user = session.getUserProperties().getProperty(name);
            if (user != null) {
                return user;
            }
            String system = session.getSystemProperties().getProperty(name);
            if (system != null) {
                return system;
            }
        }
        if (project != null && project.getProperties().getProperty(name) != null) {
            return project.getProperties().getProperty(name);
        }
        return System.getProperty(name);
    }
}
