package io.github.mpota.runtime.server;

import java.time.Duration;

/** The time the hardened board's deadlines and slow-down read, and how it waits; tests substitute both. */
public interface SessionClock {

    SessionClock SYSTEM = new SessionClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        }
    };

    /** A monotonic reading in nanoseconds, as {@link System#nanoTime()}. */
    long nanoTime();

    void sleep(Duration d) throws InterruptedException;
}
