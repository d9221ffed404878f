package io.github.mpota.runtime.transcript;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Records the events of every session in memory and, when asked, appends them as JSON lines to a file. */
public final class Transcript implements AutoCloseable {

    private final List<TranscriptEvent> events = new ArrayList<>();
    private final BufferedWriter file;
    private final Consumer<String> problems;
    private long seq;
    private boolean fileFailed;

    /**
     * @param file where to append JSON lines, or null for memory only
     * @param problems told once when the file cannot be written (the board keeps serving)
     */
    public Transcript(Path file, Consumer<String> problems) throws IOException {
        this.problems = problems;
        if (file == null) {
            this.file = null;
        } else {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.file = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
    }

    /** Records an event; {@code keyValues} alternates names and values. */
    public TranscriptEvent record(int session, String type, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            data.put((String) keyValues[i], keyValues[i + 1]);
        }
        TranscriptEvent event;
        synchronized (this) {
            event = new TranscriptEvent(++seq, Instant.now(), session, type, data);
            events.add(event);
            if (file != null && !fileFailed) {
                try {
                    file.write(event.toJson());
                    file.write('\n');
                    file.flush();
                } catch (IOException e) {
                    fileFailed = true;
                    problems.accept("transcript file cannot be written any more: " + e.getMessage());
                }
            }
        }
        return event;
    }

    public synchronized List<TranscriptEvent> snapshot() {
        return List.copyOf(events);
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // the events are in memory too; nothing more to save
            }
        }
    }
}
