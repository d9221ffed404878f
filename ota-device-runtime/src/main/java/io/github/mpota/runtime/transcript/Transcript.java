package io.github.mpota.runtime.transcript;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Records the events of the board's sessions: every event, as it happens, as one JSON line appended to a file when
 * asked; in memory only those of the most recent sessions, so that a board that runs for days does not grow.
 */
public final class Transcript implements AutoCloseable {

    /** How many client sessions the memory keeps by default, with the board's own events among them. */
    public static final int DEFAULT_SESSIONS_KEPT = 100;

    private final Deque<TranscriptEvent> events = new ArrayDeque<>();
    /** The number of the first event of each session in memory, oldest first. */
    private final Deque<Long> sessionsKept = new ArrayDeque<>();
    private final int maxSessions;
    private final BufferedWriter file;
    private final Consumer<String> problems;
    private long seq;
    private int lastSession;
    private boolean fileFailed;

    /**
     * @param file where to append JSON lines, or null for memory only
     * @param problems told once when the file cannot be written (the board keeps serving)
     */
    public Transcript(Path file, Consumer<String> problems) throws IOException {
        this(file, problems, DEFAULT_SESSIONS_KEPT);
    }

    /**
     * @param maxSessions how many client sessions the memory keeps: when one more begins, the events before the
     *     first event of the oldest kept session, board events among them, are dropped from memory (the file keeps
     *     them)
     */
    public Transcript(Path file, Consumer<String> problems, int maxSessions) throws IOException {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("a transcript keeps at least one session, was " + maxSessions);
        }
        this.maxSessions = maxSessions;
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
            keep(event);
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

    /** The events in memory, in order: those of the most recent sessions, with the board's events among them. */
    public synchronized List<TranscriptEvent> snapshot() {
        return List.copyOf(events);
    }

    private void keep(TranscriptEvent event) {
        if (event.session() > lastSession) {
            lastSession = event.session();
            sessionsKept.addLast(event.seq());
            if (sessionsKept.size() > maxSessions) {
                sessionsKept.removeFirst();
                long firstKept = sessionsKept.getFirst();
                while (!events.isEmpty() && events.getFirst().seq() < firstKept) {
                    events.removeFirst();
                }
            }
        }
        events.addLast(event);
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
