package io.github.mpota.core.fleet;

/** Told as a fleet push goes, so that a front end can draw it; called from the pushing threads. */
public interface FleetListener {
    FleetListener NONE = new FleetListener() { };

    default void started(Board board, boolean canary) {
    }

    default void progress(Board board, long sent, long total) {
    }

    default void finished(BoardOutcome outcome) {
    }

    /** Called about once a second while pushes run, so that a display can print lines that are due. */
    default void heartbeat() {
    }

    /** No further push will start; {@code reason} says why. */
    default void stopped(String reason) {
    }
}
