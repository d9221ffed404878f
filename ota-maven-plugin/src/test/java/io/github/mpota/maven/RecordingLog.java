package io.github.mpota.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** Keeps what a mojo logs, so that tests read it as a user reads the build output. */
final class RecordingLog extends SystemStreamLog {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(CharSequence content) {
        lines.add("[INFO] " + content);
    }

    @Override
    public synchronized void warn(CharSequence content) {
        lines.add("[WARNING] " + content);
    }

    @Override
    public synchronized void debug(CharSequence content) {
        lines.add("[DEBUG] " + content);
    }

    @Override
    public boolean isDebugEnabled() {
        return true;
    }

    synchronized String text() {
        return String.join("\n", lines);
    }
}
