package io.github.mpota.maven;

import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.ProgressReporter;
import io.github.mpota.core.client.PushDisplay;
import java.util.Arrays;
import org.apache.maven.plugin.logging.Log;

/**
 * A push as the build shows it. Progress: one line redrawn in place when a person watches a terminal; a log line
 * at every 10% in batch mode (-B), with {@code -l FILE}, or through a pipe, where carriage returns would garble
 * it; nothing under {@code -q} or {@code -Dota.progress=none}. Around it: each connection retry, the wait for the
 * board's apply, and under {@code -X} each protocol step.
 */
final class MavenProgressDisplay {

    private MavenProgressDisplay() {
    }

    static ProgressListener create(Log log, ProgressMode mode, boolean interactiveMode) {
        return new PushDisplay(progressLines(log, mode, interactiveMode), log::info, "ota.applyTimeout", step -> {
            if (log.isDebugEnabled()) {
                log.debug("OTA: " + step);
            }
        });
    }

    private static ProgressListener progressLines(Log log, ProgressMode mode, boolean interactiveMode) {
        if (mode == ProgressMode.NONE || !log.isInfoEnabled()) {
            return ProgressListener.NONE;
        }
        if (mode == ProgressMode.AUTO && interactiveMode && System.console() != null && !logFileInUse()) {
            // Maven's own prefix, so that the line lines up with the log lines around it.
            return ProgressReporter.inPlace(text -> {
                System.out.print(text.replace("\r", "\r[INFO] "));
                System.out.flush();
            }, System::nanoTime);
        }
        return ProgressReporter.everyTenPercent(log::info);
    }

    /**
     * Whether Maven writes its output to a file ({@code -l FILE}, {@code --log-file}): the terminal is still there,
     * but carriage returns would end up in the file. The mvn launcher passes its arguments in this variable.
     */
    static boolean logFileInUse() {
        return logFileIn(System.getenv("MAVEN_CMD_LINE_ARGS"));
    }

    static boolean logFileIn(String commandLine) {
        if (commandLine == null) {
            return false;
        }
        return Arrays.stream(commandLine.trim().split("\\s+")).anyMatch(a -> a.equals("-l")
                || a.equals("--log-file") || a.startsWith("--log-file=")
                || (a.startsWith("-l") && a.length() > 2 && !a.equals("-llr")));
    }
}
