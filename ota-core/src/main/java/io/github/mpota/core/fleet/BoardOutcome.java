package io.github.mpota.core.fleet;

import io.github.mpota.core.protocol.Phase;
import java.time.Duration;
import java.util.Optional;

/**
 * What happened to one board of a fleet push.
 *
 * @param phase the phase that failed, for a failed board
 * @param message why it failed or was not started; empty for a success
 * @param bytes payload bytes sent to it
 * @param canary whether it was one of the canaries
 */
public record BoardOutcome(Board board, Result result, Optional<Phase> phase, String message, long bytes,
        Duration elapsed, boolean canary) {

    public enum Result {
        SUCCEEDED("ok"), FAILED("FAILED"), SKIPPED("skipped");

        private final String word;

        Result(String word) {
            this.word = word;
        }

        /** The word in the table and the JSON report. */
        public String word() {
            return word;
        }
    }

    static BoardOutcome skipped(Board board, String why, boolean canary) {
        return new BoardOutcome(board, Result.SKIPPED, Optional.empty(), why, 0, Duration.ZERO, canary);
    }
}
