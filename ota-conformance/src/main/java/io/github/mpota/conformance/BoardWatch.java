package io.github.mpota.conformance;

import java.time.Duration;

/**
 * Tells, after each connection of the kit, whether the board rebooted, once it is ready for the next one.
 * {@link ListenerProbe} does it over the network, as for any board; a test harness that knows better (a board
 * whose TCP listener outlives its reset) supplies its own.
 */
public interface BoardWatch {

    /**
     * Called when the kit's {@code connection}-th connection (1-based, counting every connection the kit opened,
     * probes of this watch excepted) has ended.
     *
     * @param bound how long the board may take to come back
     * @return whether the board rebooted after that connection
     * @throws BoardGoneException when the board does not come back within the bound
     */
    boolean afterConnection(int connection, Duration bound) throws BoardGoneException, InterruptedException;

    /** The board went away and did not come back. */
    final class BoardGoneException extends Exception {
        private static final long serialVersionUID = 1L;

        public BoardGoneException(String message) {
            super(message);
        }
    }
}
