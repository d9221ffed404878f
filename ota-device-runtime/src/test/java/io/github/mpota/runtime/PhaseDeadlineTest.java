package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 3: a client that sends a byte every 8 s stays under the 10 s receive timeout forever; the hardened
 * board bounds each phase as a whole (HardenedLimits.BOARD: 30 s to authenticate, 15 s for the length header and
 * metadata, 15 s plus 1 s per 2048 bytes for the payload). The upstream profile keeps the reference's rule. The
 * board's clock is fake here, moved 8 s between bytes; the receive timeout is set long so that only a deadline can
 * end the connection within the client's 5 s patience.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PhaseDeadlineTest {

    private static final Duration EIGHT_SECONDS = Duration.ofSeconds(8);

    @TempDir
    Path root;

    private final FakeClock clock = new FakeClock();

    private DeviceRuntime start(Profile profile) throws Exception {
        return ReliabilityHooks.clock(Devices.builder(root, profile, new CopyOnWriteArrayList<>()), clock)
                .ioTimeout(Duration.ofSeconds(20)).build().start();
    }

    private static RawClient patient(int port) throws Exception {
        RawClient c = new RawClient(port);
        c.socket.setSoTimeout(5_000);
        return c;
    }

    /** Sends {@code bytes} one at a time, the board's clock moved 8 s before each after the first. */
    private void trickle(RawClient c, byte[] bytes) throws Exception {
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                clock.advance(EIGHT_SECONDS);
            }
            c.send(new byte[] {bytes[i]});
        }
    }

    @Test
    void aResponseTrickledOverMoreThan30SecondsIsCutWithoutAWord() throws Exception {
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            c.read(8);
            trickle(c, RawClient.utf8("01234")); // the fifth byte at 32 s
            assertEquals("", c.readToEnd());
            assertEquals("the client did not authenticate within 30 s of connecting (the hardened board's deadline"
                    + " for this phase); closed without a word", device.awaitSession(1, Devices.WAIT).reason());
        }
    }

    @Test
    void aLengthHeaderTrickledOverMoreThan15SecondsGetsFail() throws Exception {
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            trickle(c, RawClient.utf8("000")); // the third byte at 16 s
            assertEquals("FAIL", c.readToEnd());
            assertEquals("receiving the metadata length failed: the client did not send the length header and"
                    + " metadata within 15 s of authenticating (the hardened board's deadline for this phase)",
                    device.awaitSession(1, Devices.WAIT).reason());
        }
    }

    @Test
    void aPayloadTrickledPastItsDeadlineGetsFailAndChangesNothing() throws Exception {
        Files.writeString(root.resolve("main.py"), "old");
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
            trickle(c, java.util.Arrays.copyOf(RawClient.VECTOR_PAYLOAD, 3)); // the third byte at 16 s
            assertEquals("FAIL", c.readToEnd());
            assertEquals("payload incomplete: the client did not send the 38-byte payload within 15.018 s (15 s plus"
                    + " 1 s per 2048 bytes) (the hardened board's deadline for this phase); nothing was changed",
                    device.awaitSession(1, Devices.WAIT).reason());
        }
        assertEquals("old", Files.readString(root.resolve("main.py")));
    }

    @Test
    void upstreamKeepsTheReferenceRuleOfATimeoutPerReceive() throws Exception {
        try (DeviceRuntime device = start(Profile.UPSTREAM); RawClient c = patient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
            trickle(c, java.util.Arrays.copyOf(RawClient.VECTOR_PAYLOAD, 5)); // 32 s by the board's clock
            c.send(java.util.Arrays.copyOfRange(RawClient.VECTOR_PAYLOAD, 5, RawClient.VECTOR_PAYLOAD.length));
            assertEquals("UPDATE_SUCCESS", c.readToEnd());
        }
        assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
    }
}
