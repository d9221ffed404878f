package io.github.mpota.maven;

import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;

/** Looks up the password of a {@code <server>} of settings.xml. */
@FunctionalInterface
interface ServerCredentials {
    /** Empty when no server has that id; an error when it exists but cannot be used. */
    Optional<String> password(String serverId) throws MojoExecutionException;
}
