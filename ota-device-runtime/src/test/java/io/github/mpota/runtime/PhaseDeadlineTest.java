package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.core.testing.Deflate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 3, by the rule the MicroPython server keeps (docs/PROTOCOL.md, "A deadline per phase"): each
 * response within 10,000 ms of its challenge (missed: a silent close); the length header and the metadata within
 * 10,000 ms of the OK of step 3, plus the metadata's length at 1 KiB/s once the length is parsed; the payload within
 * 10,000 ms of the OK of step 7 plus {@code compressed_size} at 1 KiB/s, i.e. {@code n * 1000 // 1024} ms (missed:
 * FAIL). A client that sends a byte every 8 s stays under the 10 s receive timeout forever; the deadlines cut it. The
 * upstream profile keeps the reference's rule. The board's clock is fake here, moved by the test between bytes; the
 * receive timeout is set long so that only a deadline can end the connection within the client's 5 s patience.
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

    /** Sends {@code bytes} one at a time, the board's clock moved by {@code every} before each after the first. */
    private void trickle(RawClient c, byte[] bytes, Duration every) throws Exception {
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                clock.advance(every);
            }
            c.send(new byte[] {bytes[i]});
        }
    }

    @Test
    void aResponseTrickledAByteEvery8SecondsIsCutTenSecondsAfterItsChallengeWithoutAWord() throws Exception {
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            c.read(8);
            trickle(c, RawClient.utf8("012"), EIGHT_SECONDS); // the third byte at 16 s
            assertEquals("", c.readToEnd());
            assertEquals("the client did not send its response within 10000 ms of the challenge (the hardened"
                    + " board's deadline for this phase); closed without a word",
                    device.awaitSession(1, Devices.WAIT).reason());
        }
    }

    @Test
    void eachResponseHasItsOwnTenSecondsCountedFromItsChallenge() throws Exception {
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            c.read(8);
            clock.advance(Duration.ofSeconds(9));
            c.send("0".repeat(64));
            assertEquals("AUTH_FAIL", c.read(9)); // after a pause of 250 ms on the board's clock: 9.25 s
            String challenge = c.read(8);
            clock.advance(Duration.ofSeconds(9)); // 18.25 s after the connection, 9 s after this challenge
            c.send(ChallengeResponse.compute(challenge, Devices.PASSWORD));
            assertEquals("OK", c.read(2));
        }
    }

    @Test
    void aLengthHeaderTrickledAByteEvery8SecondsGetsFailTenSecondsAfterTheOk() throws Exception {
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            trickle(c, RawClient.utf8("000"), EIGHT_SECONDS); // the third byte at 16 s
            assertEquals("FAIL", c.readToEnd());
            assertEquals("receiving the metadata length failed: the client did not send the length header and the"
                    + " metadata within 10000 ms of the OK after authentication (the hardened board's deadline:"
                    + " 10000 ms, plus the metadata's length at 1 KiB/s once it is known)",
                    device.awaitSession(1, Devices.WAIT).reason());
        }
    }

    @Test
    void metadataTrickledGetsFailAtTenSecondsPlusItsLengthAtOneKibPerSecond() throws Exception {
        // 164 bytes of metadata: 164 * 1000 // 1024 = 160 ms more than the 10 s of the phase. A byte every 4 s after an
        // immediate header: the third byte arrives at 8 s, the fourth at 12 s, past 10,160 ms.
        byte[] json = RawClient.utf8(RawClient.VECTOR_METADATA);
        assertEquals(164, json.length);
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            c.send(LengthHeader.encode(json.length));
            assertEquals("OK", c.read(2));
            trickle(c, Arrays.copyOf(json, 4), Duration.ofSeconds(4));
            assertEquals("FAIL", c.readToEnd());
            assertEquals("receiving the metadata failed: the client did not send the length header and the metadata"
                    + " within 10160 ms of the OK after authentication (the hardened board's deadline: 10000 ms plus"
                    + " the metadata's 164 bytes at 1 KiB/s)", device.awaitSession(1, Devices.WAIT).reason());
        }
    }

    @Test
    void aPayloadTrickledPastItsDeadlineGetsFailAndChangesNothing() throws Exception {
        Files.writeString(root.resolve("main.py"), "old");
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
            // 38 bytes: 10,000 + 38 * 1000 // 1024 = 10,037 ms; the third byte at 16 s.
            trickle(c, Arrays.copyOf(RawClient.VECTOR_PAYLOAD, 3), EIGHT_SECONDS);
            assertEquals("FAIL", c.readToEnd());
            assertEquals("payload incomplete: the client did not send the 38-byte payload within 10037 ms of the OK"
                    + " after the metadata (the hardened board's deadline: 10000 ms plus 38 bytes at 1 KiB/s);"
                    + " nothing was changed", device.awaitSession(1, Devices.WAIT).reason());
        }
        assertEquals("old", Files.readString(root.resolve("main.py")));
    }

    @Test
    void aClientThatKeepsToTheFloorRateIsServedAndNeverCut() throws Exception {
        // 9 s of silence before each phase, then the payload at 1,000 bytes a second (under 1 KiB/s): its deadline is
        // 10,000 + n * 1000 // 1024 ms after the OK of step 7; its last byte comes 9 + ceil((n - 5) / 1000) s after it.
        byte[] content = new byte[40_000];
        new Random(13).nextBytes(content);
        byte[] payload = stored(content);
        int n = payload.length;
        long deadlineMs = 10_000 + n * 1000L / 1024;
        long lastByteMs = 9_000 + (n - 5 + 999) / 1000 * 1000L;
        assertEquals(true, lastByteMs < deadlineMs, lastByteMs + " ms against " + deadlineMs + " ms");
        String meta = "{\"compressed_size\": " + n + ", \"total_uncompressed\": 40000, \"files\": [{\"path\":"
                + " \"main.py\", \"size\": 40000}]}";
        try (DeviceRuntime device = start(Profile.HARDENED); RawClient c = patient(device.port())) {
            String challenge = c.read(8);
            clock.advance(Duration.ofSeconds(9));
            c.send(ChallengeResponse.compute(challenge, Devices.PASSWORD));
            assertEquals("OK", c.read(2));
            clock.advance(Duration.ofSeconds(9));
            assertEquals("OK,OK", c.sendMetadata(meta));
            clock.advance(Duration.ofSeconds(9));
            c.send(Arrays.copyOf(payload, 5));
            for (int i = 5; i < n; i += 1000) {
                clock.advance(Duration.ofSeconds(1));
                c.send(Arrays.copyOfRange(payload, i, Math.min(n, i + 1000)));
            }
            assertEquals("UPDATE_SUCCESS", c.readToEnd());
            device.awaitSession(1, Devices.WAIT);
        }
        assertArrayEquals(content, Files.readAllBytes(root.resolve("main.py")));
    }

    @Test
    void upstreamKeepsTheReferenceRuleOfATimeoutPerReceive() throws Exception {
        try (DeviceRuntime device = start(Profile.UPSTREAM); RawClient c = patient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
            trickle(c, Arrays.copyOf(RawClient.VECTOR_PAYLOAD, 5), EIGHT_SECONDS); // 32 s by the board's clock
            c.send(Arrays.copyOfRange(RawClient.VECTOR_PAYLOAD, 5, RawClient.VECTOR_PAYLOAD.length));
            assertEquals("UPDATE_SUCCESS", c.readToEnd());
        }
        assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
    }

    /** Raw deflate of stored blocks only: the payload is as long as the content plus a few bytes per block. */
    private static byte[] stored(byte[] content) {
        return Deflate.raw(content, Deflater.NO_COMPRESSION);
    }
}
