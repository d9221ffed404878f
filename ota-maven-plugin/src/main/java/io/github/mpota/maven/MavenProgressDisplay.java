package io.github.mpota.maven;

import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.ProgressReporter;
import org.apache.maven.plugin.logging.Log;

/**
 * Picks how to draw progress: one line redrawn in place when a person watches a terminal, a log line at every
 * 10% in batch mode (-B) or when the output goes to a file or a pipe, where carriage returns would garble it.
 */
final class MavenProgressDisplay {

    private MavenProgressDisplay() {
    }

    static ProgressListener create(Log log, boolean interactiveMode) {
        if (interactiveMode && System.console() != null) {
            // Maven's own prefix, so that the line lines up with the log lines around it.
            return ProgressReporter.inPlace(text -> {
                System.out.print(text.replace("\r", "\r[INFO] "));
                System.out.flush();
            }, System::nanoTime);
        }
        return ProgressReporter.everyTenPercent(log::info);
    }
}
