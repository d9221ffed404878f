package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.auth.ChallengeResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 2: the hardened board slows down a client that guesses (figures in HardenedLimits.BOARD: three
 * free failures, then 250 ms doubling up to 8 s per address, reset by a right response).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowDownTest {

    private static final String WRONG = "0".repeat(io.github.mpota.core.protocol.Protocol.RESPONSE_LENGTH);

    @TempDir
    Path root;

    /** One session of wrong responses; returns the replies. */
    private static String wrongSession(int port, int attempts) throws Exception {
        StringBuilder replies = new StringBuilder();
        try (RawClient c = new RawClient(port)) {
            for (int i = 0; i < attempts; i++) {
                c.read(8);
                c.send(WRONG);
                replies.append(c.read(9)).append(',');
            }
        }
        return replies.toString();
    }

    @Test
    void afterThreeWrongResponsesTheNextChallengeComesAQuarterSecondLaterOnTheRealClock() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, log).build().start()) {
            assertEquals("AUTH_FAIL,AUTH_FAIL,AUTH_FAIL,", wrongSession(device.port(), 3));
            try (RawClient c = new RawClient(device.port())) {
                c.read(8); // three failures are free: this challenge comes at once
                c.send(WRONG);
                assertEquals("AUTH_FAIL", c.read(9));
                long failedAt = System.nanoTime();
                String challenge = c.read(8);
                long waited = (System.nanoTime() - failedAt) / 1_000_000;
                assertTrue(waited >= 240, "the fifth challenge came " + waited + " ms after the fourth failure");
                c.send(ChallengeResponse.compute(challenge, Devices.PASSWORD));
                assertEquals("OK", c.read(2));
            }
            // The wait counts from the failure, so the log gives what was left of the 250 ms when the client came back.
            assertTrue(log.stream().anyMatch(l -> l.matches("Slowing down: 4 wrong responses from this address; the"
                    + " next challenge to 127\\.0\\.0\\.1 waits 2[0-5][0-9] ms")),
                    log.toString());
        }
    }

    @Test
    void theDelayDoublesUpToEightSecondsAndARightResponseResetsIt() throws Exception {
        FakeClock clock = new FakeClock();
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = ReliabilityHooks.clock(Devices.builder(root, Profile.HARDENED, log), clock)
                .build().start()) {
            for (int s = 0; s < 3; s++) {
                assertEquals("AUTH_FAIL,AUTH_FAIL,AUTH_FAIL,", wrongSession(device.port(), 3));
            }
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("OK", c.authenticate(Devices.PASSWORD)); // waits 8 s after nine failures
                assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
                c.send(RawClient.VECTOR_PAYLOAD);
                assertEquals("UPDATE_SUCCESS", c.readToEnd());
            }
            device.awaitSession(4, Devices.WAIT);
            assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000),
                    Duration.ofMillis(2000), Duration.ofMillis(4000), Duration.ofMillis(8000)), clock.sleeps());
            assertEquals("AUTH_FAIL,", wrongSession(device.port(), 1));
            assertEquals(6, clock.sleeps().size(), "a right response reset the count: no wait after one failure");
        }
    }
}
