package io.github.mpota.runtime.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mpota.runtime.FakeClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pause before each {@code AUTH_FAIL} against the rule of docs/PROTOCOL.md ("Guessing is slowed down"), shared
 * with the MicroPython server: {@code min(5000, 250 << (k - 1))} ms with {@code k = max(failures of the address,
 * all failures // 3)}, both counting the current one, reset by a right response; at most 8 addresses kept. On a fake
 * clock that moves only by the board's pauses, i.e. a client that answers in no time.
 */
class AuthThrottleTest {

    private static final long HOUR_MS = 3_600_000;

    private final FakeClock clock = new FakeClock();
    private final AuthThrottle throttle = new AuthThrottle(HardenedLimits.BOARD, clock);
    private final List<String> log = new ArrayList<>();

    private static InetAddress address(int i) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
    }

    /** {@code times} wrong responses from {@code from}; returns each pause in ms. */
    private List<Long> wrong(InetAddress from, int times) throws Exception {
        List<Long> pauses = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            pauses.add(throttle.pauseBeforeAuthFail(from, i % 3 + 1, log::add).toMillis());
        }
        return pauses;
    }

    private long nowMs() {
        return clock.nanoTime() / 1_000_000;
    }

    @Test
    void eachWrongResponseOfAnAddressWaits250MillisecondsDoublingUpToFiveSecondsBeforeItsAuthFail() throws Exception {
        // k = 1..9 (the overall count // 3 never exceeds the address's own): 250 << (k - 1), at most 5000.
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L, 5000L), wrong(address(1), 9));
        assertEquals(clock.sleeps().stream().map(Duration::toMillis).toList(),
                List.of(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L, 5000L), "each pause is slept");
        assertEquals(List.of("Wrong response to the challenge (attempt 1 of 3); AUTH_FAIL after 250 ms",
                "Wrong response to the challenge (attempt 2 of 3); AUTH_FAIL after 500 ms",
                "Wrong response to the challenge (attempt 3 of 3); AUTH_FAIL after 1000 ms"), log.subList(0, 3));
    }

    @Test
    void aRightResponseResetsItsAddressAndTheOverallCountButNotTheOtherAddresses() throws Exception {
        InetAddress a = address(1);
        InetAddress b = address(2);
        wrong(a, 4); // a: 4, overall 4
        // b: own count 1 and 2, overall 5 and 6: k = max(1, 5 // 3) = 1, then max(2, 6 // 3) = 2.
        assertEquals(List.of(250L, 500L), wrong(b, 2));
        throttle.succeeded(b); // b forgotten, overall 0; a keeps its 4
        assertEquals(List.of(4000L), wrong(a, 1), "a: k = max(5, 1 // 3) = 5");
        assertEquals(List.of(250L), wrong(b, 1), "b starts again: k = max(1, 2 // 3) = 1");
        throttle.succeeded(a);
        assertEquals(List.of(250L), wrong(a, 1), "a starts again: k = max(1, 1 // 3) = 1");
    }

    @Test
    void anAttackerWithANewAddressForEveryConnectionIsSlowedByTheOverallCount() throws Exception {
        // Three wrong responses per connection, each connection from a new address (own counts 1, 2, 3); the overall
        // count o runs on, and k = max(own, o // 3):
        // o 1-3: k 1,2,3 (250+500+1000 = 1750); o 4-6: k 1,2,3 (1750); o 7-9: k 2,2,3 (2000); o 10-12: k 3,3,4
        // (4000); o 13-15: k 4,4,5 (8000); o 16-18: k 5,5,6 (13000); from o 19: k >= 6, 5000 each (15000).
        List<Long> perConnection = new ArrayList<>();
        for (int connection = 0; connection < 8; connection++) {
            perConnection.add(wrong(address(connection), 3).stream().mapToLong(Long::longValue).sum());
        }
        assertEquals(List.of(1750L, 1750L, 2000L, 4000L, 8000L, 13000L, 15000L, 15000L), perConnection);
    }

    @Test
    void atMostEightAddressesAreKeptAndTheOneWithTheFewestFailuresIsForgotten() throws Exception {
        InetAddress reset = address(999);
        for (int i = 1; i <= 8; i++) {
            wrong(address(i), i + 1); // address i: i + 1 failures; address 1 has the fewest (2)
        }
        throttle.succeeded(reset); // the overall count back to 0, so that the pauses show the addresses' own counts
        assertEquals(List.of(250L), wrong(address(9), 1), "a ninth address: address 1 is forgotten to make room");
        throttle.succeeded(reset);
        assertEquals(List.of(250L), wrong(address(1), 1), "address 1 starts again at 1, not 3");
        throttle.succeeded(reset);
        assertEquals(List.of(2000L), wrong(address(2), 1), "address 2 was kept: its 4th failure, k = 4");
    }

    @Test
    void aResetOfTheBoardForgetsEveryCount() throws Exception {
        wrong(address(1), 6);
        wrong(address(2), 6);
        throttle.forgetAll(); // OtaServer.bind: at boot and after every reset, as a board's memory
        assertEquals(List.of(250L), wrong(address(2), 1), "k = max(1, 1 // 3) = 1");
    }

    @Test
    void anHourOfGuessingFromOneAddressGets723AnswersOr242WholeConnectionsThen720AnHour() throws Exception {
        InetAddress a = address(1);
        long start = nowMs();
        // Guess n gets its AUTH_FAIL at 250 + 500 + 1000 + 2000 + 4000 + 5000 (n - 5) = 7750 + 5000 (n - 5) ms for
        // n >= 5: the 723rd at 3,597,750 ms, the 724th at 3,602,750 ms.
        int answered = 0;
        while (true) {
            wrong(a, 1);
            if (nowMs() - start > HOUR_MS) {
                break;
            }
            answered++;
        }
        assertEquals(723, answered);
        assertEquals(3_602_750, nowMs() - start);
        // An hour later every guess waits 5 s: 3,600,000 / 5,000 = 720 an hour.
        long hourStart = nowMs();
        int next = 0;
        while (nowMs() - hourStart < HOUR_MS) {
            wrong(a, 1);
            next++;
        }
        assertEquals(720, next);
    }

    @Test
    void countedAsTheMicroPythonTestCountsWholeConnectionsBegunWithinTheHourTheFiguresAreTheSame() throws Exception {
        // GuessingSlowdownTest (ota-board-server) counts three guesses per connection begun before the hour ends.
        // One address: connection j begins at the AUTH_FAIL of guess 3 (j - 1), 7750 + 5000 (3j - 8) ms, before
        // 3,600,000 ms for j <= 242: 726 guesses, the last AUTH_FAIL at 7750 + 5000 x 721 = 3,612,750 ms.
        long start = nowMs();
        int guesses = 0;
        while (nowMs() - start < HOUR_MS) {
            wrong(address(1), 3);
            guesses += 3;
        }
        assertEquals(726, guesses);
        assertEquals(3_612_750, nowMs() - start);

        // A new address for every connection: the first six connections take 30,500 ms (see above), then 15,000 each:
        // connection j >= 7 begins at 30,500 + 15,000 (j - 7) ms, before the hour for j <= 244: 732 guesses, the last
        // AUTH_FAIL at 30,500 + 15,000 x 238 = 3,600,500 ms.
        AuthThrottle fresh = new AuthThrottle(HardenedLimits.BOARD, clock);
        start = nowMs();
        guesses = 0;
        for (int connection = 0; nowMs() - start < HOUR_MS; connection++) {
            for (int attempt = 1; attempt <= 3; attempt++) {
                fresh.pauseBeforeAuthFail(address(connection), attempt, log::add);
            }
            guesses += 3;
        }
        assertEquals(732, guesses);
        assertEquals(3_600_500, nowMs() - start);
    }
}
