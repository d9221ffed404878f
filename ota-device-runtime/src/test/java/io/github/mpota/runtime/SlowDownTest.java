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
 * Issue 13, point 2, by the rule the MicroPython server keeps (docs/PROTOCOL.md, "Guessing is slowed down"): before
 * every {@code AUTH_FAIL}, the third included, the hardened board waits {@code min(5000, 250 << (k - 1))} ms, k the
 * failures of the client's IP (the port aside) or all failures // 3, whichever is more; a right response is answered
 * {@code OK} at once and resets the count; nothing waits before a challenge.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SlowDownTest {

    private static final String WRONG = "0".repeat(io.github.mpota.core.protocol.Protocol.RESPONSE_LENGTH);

    @TempDir
    Path root;

    /** One connection of wrong responses; returns the replies, then what came before the close. */
    private static String wrongSession(int port, int attempts) throws Exception {
        StringBuilder replies = new StringBuilder();
        try (RawClient c = new RawClient(port)) {
            for (int i = 0; i < attempts; i++) {
                c.read(8);
                c.send(WRONG);
                replies.append(c.read(9)).append(',');
            }
            if (attempts == 3) {
                replies.append(c.readToEnd()).append("<closed>");
            }
        }
        return replies.toString();
    }

    private static List<Long> millis(FakeClock clock) {
        return clock.sleeps().stream().map(Duration::toMillis).toList();
    }

    @Test
    void aWrongResponseGetsItsAuthFailAQuarterSecondLaterOnTheRealClockAndARightOneGetsOk() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, log).build().start();
                RawClient c = new RawClient(device.port())) {
            c.read(8);
            long sentAt = System.nanoTime();
            c.send(WRONG);
            assertEquals("AUTH_FAIL", c.read(9));
            long waited = (System.nanoTime() - sentAt) / 1_000_000;
            assertTrue(waited >= 240, "AUTH_FAIL came " + waited + " ms after the first wrong response");
            String challenge = c.read(8);
            c.send(ChallengeResponse.compute(challenge, Devices.PASSWORD));
            assertEquals("OK", c.read(2));
            assertTrue(log.contains("Wrong response to the challenge (attempt 1 of 3); AUTH_FAIL after 250 ms"),
                    log.toString());
        }
    }

    @Test
    void thePauseDoublesAcrossConnectionsFromOneAddressUpToFiveSecondsAndARightResponseResetsIt() throws Exception {
        FakeClock clock = new FakeClock();
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = ReliabilityHooks.clock(Devices.builder(root, Profile.HARDENED, log), clock)
                .build().start()) {
            for (int s = 0; s < 3; s++) {
                // Every connection comes from another port of 127.0.0.1: the count follows the IP.
                assertEquals("AUTH_FAIL,AUTH_FAIL,AUTH_FAIL,<closed>", wrongSession(device.port(), 3));
            }
            // Failures 1-9, k = 1-9: 250 << (k - 1), at most 5000; the third AUTH_FAIL of each connection waits too.
            assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L, 5000L, 5000L), millis(clock));
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("OK", c.authenticate(Devices.PASSWORD));
                assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
                c.send(RawClient.VECTOR_PAYLOAD);
                assertEquals("UPDATE_SUCCESS", c.readToEnd());
            }
            device.awaitSession(4, Devices.WAIT);
            assertEquals(9, clock.sleeps().size(), "no pause before a challenge or an OK");
            assertEquals("AUTH_FAIL,", wrongSession(device.port(), 1));
            assertEquals(250L, millis(clock).get(9), "the right response reset the count: k = 1 again");
        }
    }
}
