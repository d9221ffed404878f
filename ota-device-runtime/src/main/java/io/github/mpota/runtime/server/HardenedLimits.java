package io.github.mpota.runtime.server;

import java.time.Duration;

/**
 * The hardened board's limits on a client that stalls or guesses, in one place. They are the rules of our MicroPython
 * server ({@code ota/protocol.py} and {@code ota/auth.py}; docs/PROTOCOL.md, "Hardened devices: deadlines, guessing
 * and names as FAT sees them"), so that both hardened boards answer alike; docs/DEVICE-RUNTIME.md states them for
 * users and docs/RELIABILITY.md works out the guesses per hour they allow.
 *
 * <p>Deadlines per phase (the per-receive timeout still applies inside each phase: a receive waits for that timeout
 * or the time left in its phase, whichever is shorter):
 *
 * @param responseDeadline each response, from the challenge it answers
 * @param headerDeadline the length header and the metadata, from the {@code OK} of step 3, before the metadata's
 *     length at the floor rate is added
 * @param payloadDeadline the payload, from the {@code OK} of step 7, before {@code compressed_size} at the floor rate
 *     is added
 * @param floorBytesPerSecond the slowest rate a client may keep after authenticating: {@code n} bytes take
 *     {@code n * 1000 / floorBytesPerSecond} ms (integer division, as the board's {@code //})
 *
 * <p>The pause before each {@code AUTH_FAIL} (a client that knows the password never waits):
 * @param firstPause the pause at step 1, doubling with each step
 * @param maxPause the longest pause
 * @param failuresPerStep the failures of all addresses that make one step: the step is the failures of the client's
 *     address, or all failures divided by this (an attacker with many addresses), whichever is more
 * @param maxAddresses addresses remembered at once (when full, the one with the fewest failures is forgotten), so
 *     memory stays bounded
 */
public record HardenedLimits(Duration responseDeadline, Duration headerDeadline, Duration payloadDeadline,
        long floorBytesPerSecond, Duration firstPause, Duration maxPause, int failuresPerStep, int maxAddresses) {

    /** The board's figures, those of the MicroPython server. */
    public static final HardenedLimits BOARD = new HardenedLimits(Duration.ofMillis(10_000), Duration.ofMillis(10_000),
            Duration.ofMillis(10_000), 1024, Duration.ofMillis(250), Duration.ofMillis(5000), 3, 8);

    /**
     * The longest deadline of a phase, in milliseconds: the MicroPython board's clock ({@code ticks_add}) cannot reach
     * further, and the same bound keeps this board's nanosecond arithmetic from overflowing (about 6.2 days).
     */
    static final long MAX_PHASE_MS = 0x1FFF_FFFFL;

    public HardenedLimits {
        if (floorBytesPerSecond < 1 || failuresPerStep < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("the floor rate, the failures per step and the addresses kept must be"
                    + " positive");
        }
        if (firstPause.isNegative() || maxPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("the pauses must be positive and the longest at least the first");
        }
    }

    /** The milliseconds that {@code bytes} take at the floor rate: {@code bytes * 1000 // floor}, without overflow. */
    public long atFloorMillis(long bytes) {
        long n = Math.max(0, bytes);
        return n / floorBytesPerSecond * 1000 + n % floorBytesPerSecond * 1000 / floorBytesPerSecond;
    }

    /** The pause before an {@code AUTH_FAIL} at step {@code k >= 1}: {@code min(maxPause, firstPause << (k - 1))}. */
    public Duration pause(int k) {
        Duration d = firstPause;
        for (int i = 1; i < k && d.compareTo(maxPause) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxPause) > 0 ? maxPause : d;
    }
}
