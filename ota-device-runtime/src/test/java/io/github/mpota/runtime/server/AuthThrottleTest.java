package io.github.mpota.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.FakeClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The slow-down's arithmetic against the shared figures of {@link HardenedLimits#BOARD}, on a fake clock. */
class AuthThrottleTest {

    private final FakeClock clock = new FakeClock();
    private final AuthThrottle throttle = new AuthThrottle(HardenedLimits.BOARD, clock);
    private final List<String> log = new ArrayList<>();

    private static InetAddress address(int i) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i});
    }

    /** Guesses as fast as the board lets it: challenge, wrong response, again; returns each wait in ms. */
    private List<Long> guess(InetAddress from, int times) throws Exception {
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            waits.add(throttle.awaitTurn(from, log::add).toMillis());
            throttle.failed(from);
        }
        return waits;
    }

    @Test
    void threeFreeFailuresThenTheDelayDoublesFrom250MillisecondsUpTo8Seconds() throws Exception {
        assertEquals(List.of(0L, 0L, 0L, 0L, 250L, 500L, 1000L, 2000L, 4000L, 8000L, 8000L, 8000L),
                guess(address(1), 12));
        assertEquals("Slowing down: 4 wrong responses from this address; the next challenge to 10.0.0.1 waits 250 ms",
                log.get(0));
    }

    @Test
    void theDelayCountsFromTheFailureSoAClientThatComesBackLaterWaitsOnlyForWhatIsLeft() throws Exception {
        InetAddress a = address(1);
        guess(a, 5); // the fifth failure: the next challenge waits 500 ms from it
        clock.advance(Duration.ofMillis(300));
        assertEquals(Duration.ofMillis(200), throttle.awaitTurn(a, log::add));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(Duration.ZERO, throttle.awaitTurn(a, log::add));
    }

    @Test
    void aRightResponseResetsItsAddressOnly() throws Exception {
        InetAddress a = address(1);
        InetAddress b = address(2);
        guess(a, 6);
        guess(b, 6);
        throttle.succeeded(a);
        assertEquals(List.of(0L, 0L, 0L, 0L), guess(a, 4));
        assertEquals(Duration.ofMillis(1000), throttle.awaitTurn(b, log::add).plus(Duration.ZERO));
    }

    @Test
    void from32FailuresAMinuteAcrossAddressesEveryChallengeWaits250MillisecondsAfterTheLastFailure() throws Exception {
        for (int i = 0; i < 31; i++) {
            assertEquals(List.of(0L), guess(address(i), 1));
        }
        assertEquals(List.of(0L), guess(address(31), 1)); // the 32nd failure in the minute
        assertEquals(List.of(250L, 250L), guess(address(100), 2), "a fresh address waits too");
        assertTrue(log.get(0).startsWith("Slowing down: 32 wrong responses from all addresses in the last 60 s"),
                log.get(0));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(0L), guess(address(200), 1), "a quiet minute lifts the cap");
    }

    @Test
    void aSingleAddressGetsAbout450GuessesAnHourAndManyAddressesAbout14400() throws Exception {
        InetAddress a = address(1); // the fake clock moves only by the board's own waits
        long start = clock.nanoTime();
        int guesses = 0;
        while (clock.nanoTime() - start < Duration.ofHours(1).toNanos()) {
            guess(a, 1);
            guesses++;
        }
        // Guesses 1-4 at once (3 free failures), 5-9 after 250 + 500 + 1000 + 2000 + 4000 ms (the 9th at 7.75 s),
        // then one per 8 s: the 459th starts at 7.75 + 8 x 450 = 3599.75 s. In the hours after: 3600 / 8 = 450.
        assertEquals(459, guesses);

        AuthThrottle fresh = new AuthThrottle(HardenedLimits.BOARD, clock);
        start = clock.nanoTime();
        guesses = 0;
        for (int i = 0; clock.nanoTime() - start < Duration.ofHours(1).toNanos(); i++) {
            InetAddress each = address(i % 60_000);
            fresh.awaitTurn(each, log::add);
            fresh.failed(each);
            guesses++;
        }
        // Rotating addresses: 32 free, then one per 250 ms: 32 + 3600 / 0.25 = 14,432.
        assertEquals(14_432, guesses);
    }
}
