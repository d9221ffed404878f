package io.github.mpota.benchmark.push;

import io.github.mpota.core.protocol.Reply;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.SessionOutcome;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

/**
 * A device runtime in this JVM, on a loopback ephemeral port, with room for the large project, that counts its
 * sessions so that each push can be awaited until the board has rebooted.
 */
public final class BenchmarkBoard implements AutoCloseable {

    public static final String PASSWORD = "benchmark";
    /** Room for the large project twice over (payload + files), in 4096-byte blocks. */
    public static final long CAPACITY_BYTES = 256L * 1024 * 1024;
    private static final Duration SESSION_TIMEOUT = Duration.ofMinutes(3);

    private final DeviceRuntime runtime;
    private int sessions;

    public BenchmarkBoard(Path root) throws IOException {
        // The board's log would drown the table; a failure is reported from its session outcome instead.
        runtime = DeviceRuntime.builder().root(root).port(0).password(PASSWORD).capacityBytes(CAPACITY_BYTES)
                .log(line -> { }).build().start();
    }

    public int port() {
        return runtime.port();
    }

    /** Waits for the next session to end, after the board rebooted; fails unless it was a success. */
    public SessionOutcome awaitNextSuccess() throws IOException {
        sessions++;
        SessionOutcome outcome;
        try {
            outcome = runtime.awaitSession(sessions, SESSION_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IOException("the device runtime did not finish session " + sessions + ": " + e.getMessage(), e);
        }
        if (!outcome.success()) {
            throw new IOException("the device runtime refused push " + sessions + ": " + outcome.reason());
        }
        return outcome;
    }

    /**
     * The board's extraction time for a session: from the last payload byte received to its UPDATE_SUCCESS, i.e.
     * inflating, writing and moving every file into place.
     */
    public Duration extractionTime(int session) throws IOException {
        Instant received = null;
        Instant replied = null;
        for (TranscriptEvent e : runtime.transcript()) {
            if (e.session() != session) {
                continue;
            }
            if (TranscriptEvent.Type.PAYLOAD.equals(e.type()) && e.get("error") == null) {
                received = e.time();
            } else if (TranscriptEvent.Type.REPLY.equals(e.type())
                    && Reply.UPDATE_SUCCESS.word().equals(e.get("reply"))) {
                replied = e.time();
            }
        }
        if (received == null || replied == null) {
            throw new IOException("the transcript of session " + session + " has no payload or no UPDATE_SUCCESS");
        }
        return Duration.between(received, replied);
    }

    public int sessions() {
        return sessions;
    }

    @Override
    public void close() {
        runtime.close();
    }
}
