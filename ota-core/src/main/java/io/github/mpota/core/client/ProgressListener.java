package io.github.mpota.core.client;

import java.time.Duration;

/**
 * Told how a push goes, so that a front end can show it: the payload's progress, and the moments around it
 * that take time or need explaining (a connection retry, the wait for the board's apply, each protocol step for
 * a debug log).
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (sent, total) -> { };

    /** {@code sent} of {@code total} payload bytes are written to the connection. */
    void onProgress(long sent, long total);

    /**
     * Connection attempt {@code attempt - 1} of {@code attempts} failed for {@code reason}; the next one comes
     * after {@code delay}.
     */
    default void onRetry(int attempt, int attempts, String reason, Duration delay) {
    }

    /** Every payload byte is sent; the board now inflates and writes {@code files} files, within {@code timeout}. */
    default void onWaitingForApply(int files, Duration timeout) {
    }

    /** One protocol step, in words, for diagnosing a board; never the password or the response. */
    default void onStep(String step) {
    }
}
