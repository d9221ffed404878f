package io.github.mpota.runtime.server;

import java.time.Duration;

/**
 * The hardened board's limits on a client that stalls or guesses: the figures both hardened boards (this runtime
 * and the MicroPython server) share, in one place. docs/DEVICE-RUNTIME.md ("Deadlines and slow-down") states them
 * for users; docs/RELIABILITY.md works out the guesses per hour they allow.
 *
 * <p>Deadlines per phase (the reference's 10 s per receive still applies inside each phase):
 *
 * @param authDeadline from the accepted connection until a right response (the board's own slow-down waits count)
 * @param headerDeadline from {@code OK} after authentication until the last byte of the metadata
 * @param payloadDeadlineBase the payload's deadline before its size is counted
 * @param payloadFloorBytesPerSecond the slowest payload rate a client may keep: the payload's deadline grows by one
 *     second per this many bytes of {@code compressed_size}
 *
 * <p>Slow-down after wrong responses (never seen by a client that knows the password):
 * @param freeFailures wrong responses from one address answered without delay
 * @param firstDelay the delay after failure {@code freeFailures + 1}; it doubles with each further failure
 * @param maxDelay the most one address waits for its next challenge
 * @param globalWindow the window in which failures from all addresses are counted
 * @param globalThreshold failures in that window from which the board answers all addresses at a capped rate
 * @param globalInterval the least time between a wrong response and the next challenge to anyone, over threshold
 * @param forgetAfter an address with no wrong response for this long starts again from zero
 * @param maxAddresses addresses remembered at once (the stalest is forgotten first), so memory stays bounded
 */
public record HardenedLimits(Duration authDeadline, Duration headerDeadline, Duration payloadDeadlineBase,
        long payloadFloorBytesPerSecond, int freeFailures, Duration firstDelay, Duration maxDelay,
        Duration globalWindow, int globalThreshold, Duration globalInterval, Duration forgetAfter, int maxAddresses) {

    /** The board's figures. */
    public static final HardenedLimits BOARD = new HardenedLimits(Duration.ofSeconds(30), Duration.ofSeconds(15),
            Duration.ofSeconds(15), 2048, 3, Duration.ofMillis(250), Duration.ofSeconds(8), Duration.ofMinutes(1), 32,
            Duration.ofMillis(250), Duration.ofMinutes(15), 1024);

    public HardenedLimits {
        if (payloadFloorBytesPerSecond < 1 || freeFailures < 0 || globalThreshold < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("rates, thresholds and counts must be positive");
        }
    }

    /** The payload's deadline: the base plus one second per {@link #payloadFloorBytesPerSecond} bytes. */
    public Duration payloadDeadline(long compressedSize) {
        long size = Math.max(0, compressedSize);
        return payloadDeadlineBase.plusSeconds(size / payloadFloorBytesPerSecond)
                .plusMillis(size % payloadFloorBytesPerSecond * 1000 / payloadFloorBytesPerSecond);
    }

    /** The same figures with other deadlines (tests shorten them). */
    public HardenedLimits withDeadlines(Duration auth, Duration header, Duration payloadBase) {
        return new HardenedLimits(auth, header, payloadBase, payloadFloorBytesPerSecond, freeFailures, firstDelay,
                maxDelay, globalWindow, globalThreshold, globalInterval, forgetAfter, maxAddresses);
    }
}
