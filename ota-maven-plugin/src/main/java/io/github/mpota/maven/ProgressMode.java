package io.github.mpota.maven;

import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;

/** {@code ota.progress}: how a push shows its progress. */
enum ProgressMode {
    /** A redrawn line on a terminal, else plain. */
    AUTO,
    /** A log line at every 10%. */
    PLAIN,
    /** No progress lines. */
    NONE;

    static ProgressMode of(String value) throws MojoExecutionException {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        for (ProgressMode m : values()) {
            if (m.name().toLowerCase(Locale.ROOT).equals(v)) {
                return m;
            }
        }
        throw new MojoExecutionException("-Dota.progress=" + value + " is not a progress display: use auto, plain"
                + " or none");
    }
}
