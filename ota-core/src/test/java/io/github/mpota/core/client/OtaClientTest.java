package io.github.mpota.core.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.protocol.Phase;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.testing.FakeDevice;
import io.github.mpota.core.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OtaClientTest {

    private static final String PASSWORD = "secret";
    private static final String CHALLENGE = "0a1b2c3d";
    /** PROTOCOL.md's vector for CHALLENGE and PASSWORD. */
    private static final String RESPONSE = "3b4080dfed2da6d0718645d2a09b498a832865de29038181da0673e875041021";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private PackedPayload small;

    @BeforeEach
    void packTheProtocolExample() throws Exception {
        Trees.write(tmp.resolve("src"), Trees.protocolExample());
        small = new PayloadDeflater().pack(new FileSelector().select(tmp.resolve("src")).files(), tmp);
    }

    /** A payload larger than every socket buffer between the client and a small-window device. */
    private PackedPayload large() throws Exception {
        Trees.write(tmp.resolve("big"), Map.of("www/big.bin", Trees.random(12 * 1024 * 1024, 5)));
        return new PayloadDeflater(0).pack(new FileSelector().select(tmp.resolve("big")).files(), tmp);
    }

    private static ClientOptions options(int port) {
        return new ClientOptions("127.0.0.1", port, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(5), 1, Duration.ZERO);
    }

    private static PushException pushFails(ClientOptions options, PackedPayload payload) {
        return assertThrows(PushException.class,
                () -> new OtaClient(options).push(payload, PasswordSource.of(PASSWORD), ProgressListener.NONE));
    }

    /** Steps 1-7 played correctly, up to and including the OK after the metadata. */
    private static void handshake(FakeDevice.Connection c, PackedPayload payload) throws Exception {
        c.send(CHALLENGE);
        c.read(Protocol.RESPONSE_LENGTH);
        c.send("OK");
        c.read(Protocol.LENGTH_HEADER_SIZE);
        c.send("OK");
        c.read(io.github.mpota.core.metadata.MetadataCodec.write(payload.metadata()).length);
        c.send("OK");
    }

    @Test
    void aSuccessfulPushPutsExactlyTheContractsBytesOnTheWire() throws Exception {
        byte[] compressed = Files.readAllBytes(small.file());
        // The selector's order: a folder's own files by name, then its subfolders.
        String metadata = "{\"compressed_size\":" + compressed.length + ",\"total_uncompressed\":38,\"files\":["
                + "{\"path\":\"empty.txt\",\"size\":0},{\"path\":\"main.py\",\"size\":15},"
                + "{\"path\":\"lib/util.py\",\"size\":23}],"
                // extension "content digest": SHA-256 of print('hello')\n + def f():\n    return 42\n, in list order
                + "\"content_sha256\":\"38d354e3f3e9d281af6ffceacf11736db6a1829466f68a04388f58e5852bb02e\"}";
        List<String> steps = new CopyOnWriteArrayList<>();
        try (FakeDevice device = FakeDevice.start(c -> {
            c.send(CHALLENGE);
            steps.add("response " + c.readText(64));
            c.send("OK");
            steps.add("length [" + c.readText(10) + "]");
            c.send("OK");
            steps.add("metadata " + new String(c.read(metadata.length()), StandardCharsets.UTF_8));
            c.send("OK");
            c.read(compressed.length);
            c.send("UPDATE_SUCCESS");
            steps.add("after the payload the client sent " + c.readToEnd().length + " more bytes and closed");
        })) {
            List<long[]> progress = new ArrayList<>();
            PushResult result = new OtaClient(options(device.port())).push(small, PasswordSource.of(PASSWORD),
                    (sent, total) -> progress.add(new long[] {sent, total}));

            ByteArrayOutputStream expectedWire = new ByteArrayOutputStream();
            expectedWire.writeBytes(RESPONSE.getBytes(StandardCharsets.US_ASCII));
            expectedWire.writeBytes(String.format("%10d", metadata.length()).getBytes(StandardCharsets.US_ASCII));
            expectedWire.writeBytes(metadata.getBytes(StandardCharsets.UTF_8));
            expectedWire.writeBytes(compressed);
            assertArrayEquals(expectedWire.toByteArray(), device.received(WAIT));
            assertEquals(List.of("response " + RESPONSE, "length [       " + metadata.length() + "]",
                    "metadata " + metadata, "after the payload the client sent 0 more bytes and closed"), steps);

            assertEquals(new InetSocketAddress(InetAddress.getLoopbackAddress(), device.port()), result.device());
            assertEquals(3, result.files());
            assertEquals(38, result.uncompressedBytes());
            assertEquals(compressed.length, result.compressedBytes());
            assertEquals(1, result.authAttempts());
            assertEquals(compressed.length, progress.get(progress.size() - 1)[0], "progress reaches the total");
            assertEquals(0, progress.get(0)[0], "progress starts at zero");
            progress.forEach(p -> assertEquals(compressed.length, p[1]));
        }
    }

    @Test
    void progressOfALargePayloadClimbsToTheTotal() throws Exception {
        try (PackedPayload payload = large(); FakeDevice device = FakeDevice.start(c -> {
            handshake(c, payload);
            c.read((int) payload.compressedSize());
            c.send("UPDATE_SUCCESS");
        })) {
            List<Long> sent = new ArrayList<>();
            new OtaClient(options(device.port())).push(payload, PasswordSource.of(PASSWORD),
                    (s, total) -> sent.add(s));
            assertTrue(sent.size() > 10, "reported as it goes: " + sent.size() + " calls");
            for (int i = 1; i < sent.size(); i++) {
                assertTrue(sent.get(i) > sent.get(i - 1), "progress only grows");
            }
            assertEquals(payload.compressedSize(), sent.get(sent.size() - 1));
            device.received(WAIT);
        }
    }

    @Test
    void aNewChallengeAfterAuthFailIsAnsweredAgain() throws Exception {
        List<String> responses = new CopyOnWriteArrayList<>();
        try (FakeDevice device = FakeDevice.start(c -> {
            c.send("deadbeef");
            responses.add(c.readText(64));
            c.send("AUTH_FAIL");
            c.send(CHALLENGE);
            responses.add(c.readText(64));
            c.send("OK");
            c.read(10);
            c.send("OK");
            c.read(io.github.mpota.core.metadata.MetadataCodec.write(small.metadata()).length);
            c.send("OK");
            c.read((int) small.compressedSize());
            c.send("UPDATE_SUCCESS");
        })) {
            PushResult result = new OtaClient(options(device.port())).push(small, PasswordSource.of(PASSWORD),
                    ProgressListener.NONE);
            assertEquals(2, result.authAttempts());
            assertEquals(List.of(ChallengeResponse.compute("deadbeef", PASSWORD), RESPONSE), responses);
            device.received(WAIT);
        }
    }

    @Test
    void everyProtocolStepIsToldForADebugLogButNeverThePasswordOrResponse() throws Exception {
        List<String> steps = new CopyOnWriteArrayList<>();
        List<String> waits = new CopyOnWriteArrayList<>();
        try (FakeDevice device = FakeDevice.start(c -> {
            handshake(c, small);
            c.read((int) small.compressedSize());
            c.send("UPDATE_SUCCESS");
        })) {
            PushResult result = new OtaClient(options(device.port())).push(small, PasswordSource.of(PASSWORD),
                    new ProgressListener() {
                        @Override
                        public void onProgress(long sent, long total) {
                        }

                        @Override
                        public void onStep(String step) {
                            steps.add(step);
                        }

                        @Override
                        public void onWaitingForApply(int files, Duration timeout) {
                            waits.add(files + " files within " + timeout.toMillis() + " ms");
                        }
                    });
            device.received(WAIT);
            assertEquals(List.of(small.metadata().files().size() + " files within 5000 ms"), waits);
            assertEquals(result.elapsed(), result.handshake().plus(result.sending()).plus(result.apply()));
        }
        String all = String.join("\n", steps);
        assertTrue(steps.get(0).startsWith("connected to "), all);
        assertTrue(all.contains("challenge 1 received") && all.contains("the board answered OK to response 1")
                && all.contains("sent the metadata: ") && all.contains("the board answered UPDATE_SUCCESS"), all);
        assertTrue(!all.contains(PASSWORD) && !all.contains(RESPONSE), all);
    }

    @Test
    void threeAuthFailsAreARefusedPassword() throws Exception {
        String[] challenges = {"00000001", "00000002", "00000003"};
        List<String> responses = new CopyOnWriteArrayList<>();
        try (FakeDevice device = FakeDevice.start(c -> {
            for (String challenge : challenges) {
                c.send(challenge);
                responses.add(c.readText(64));
                c.send("AUTH_FAIL");
            }
            // The reference device then closes without another word.
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.AUTHENTICATION_REFUSED, e.failure());
            assertEquals(Phase.AUTHENTICATION, e.phase());
            assertEquals("the device refused the password (AUTH_FAIL 3 times)", e.getMessage());
            device.received(WAIT);
            assertEquals(List.of(ChallengeResponse.compute(challenges[0], PASSWORD),
                    ChallengeResponse.compute(challenges[1], PASSWORD),
                    ChallengeResponse.compute(challenges[2], PASSWORD)), responses);
        }
    }

    @Test
    void aDeviceThatClosesAfterTheThirdResponseWithoutAuthFailAlsoMeansRefused() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> {
            for (int i = 0; i < 2; i++) {
                c.send(CHALLENGE);
                c.read(64);
                c.send("AUTH_FAIL");
            }
            c.send(CHALLENGE);
            c.read(64);
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.AUTHENTICATION_REFUSED, e.failure());
            assertEquals("the device refused the password (AUTH_FAIL 3 times)", e.getMessage());
        }
    }

    @Test
    void failAfterTheLengthHeader() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> {
            c.send(CHALLENGE);
            c.read(64);
            c.send("OK");
            c.read(10);
            c.send("FAIL");
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.DEVICE_FAILED, e.failure());
            assertEquals(Phase.LENGTH, e.phase());
            assertEquals("the device answered FAIL to the metadata length (it could not parse the length header)",
                    e.getMessage());
        }
    }

    @Test
    void failAfterTheMetadata() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> {
            c.send(CHALLENGE);
            c.read(64);
            c.send("OK");
            c.read(10);
            c.send("OK");
            c.read(io.github.mpota.core.metadata.MetadataCodec.write(small.metadata()).length);
            c.send("FAIL");
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.DEVICE_FAILED, e.failure());
            assertEquals(Phase.METADATA, e.phase());
            assertEquals("the device answered FAIL to the metadata (it could not parse or accept the metadata)",
                    e.getMessage());
        }
    }

    private static String spaceMessage(PackedPayload p) {
        return "the device answered FAIL after accepting the metadata: it refuses an update when it has less than "
                + (p.compressedSize() + p.uncompressedSize()) + " bytes free (payload " + p.compressedSize()
                + " + files " + p.uncompressedSize() + "), or when it cannot inflate and write the files";
    }

    @Test
    void failAfterThePayloadGivesTheSpaceFigure() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> {
            handshake(c, small);
            c.read((int) small.compressedSize());
            c.send("FAIL");
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.DEVICE_FAILED, e.failure());
            assertEquals(Phase.PAYLOAD, e.phase());
            assertEquals(spaceMessage(small), e.getMessage());
        }
    }

    @Test
    void failWhileThePayloadIsStillStreamingGivesTheSpaceFigure() throws Exception {
        // The reference device checks the space after its OK to the metadata and closes on FAIL without reading
        // the payload, so the client's writes break while FAIL waits in its receive buffer.
        try (PackedPayload payload = large(); FakeDevice device = FakeDevice.startWithSmallWindow(c -> {
            handshake(c, payload);
            c.send("FAIL");
        })) {
            PushException e = pushFails(options(device.port()), payload);
            assertEquals(spaceMessage(payload), e.getMessage());
            assertEquals(PushFailure.DEVICE_FAILED, e.failure());
            assertEquals(Phase.PAYLOAD, e.phase());
        }
    }

    @Test
    void aConnectionClosedInThePayloadSaysWhereItBroke() throws Exception {
        int readBeforeClosing = 100_000;
        try (PackedPayload payload = large(); FakeDevice device = FakeDevice.startWithSmallWindow(c -> {
            handshake(c, payload);
            c.read(readBeforeClosing);
        })) {
            PushException e = pushFails(options(device.port()), payload);
            assertEquals(PushFailure.CONNECTION_LOST, e.failure());
            assertEquals(Phase.PAYLOAD, e.phase());
            Matcher m = Pattern.compile("the connection was closed at byte (\\d+) of (\\d+) of the payload: .+")
                    .matcher(e.getMessage());
            assertTrue(m.matches(), e.getMessage());
            long at = Long.parseLong(m.group(1));
            assertEquals(payload.compressedSize(), Long.parseLong(m.group(2)));
            assertTrue(at >= readBeforeClosing && at < payload.compressedSize(), "broke at " + at);
        }
    }

    @Test
    void aConnectionClosedAfterThePayloadBeforeTheLastWord() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> {
            handshake(c, small);
            c.read((int) small.compressedSize());
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.CONNECTION_LOST, e.failure());
            assertEquals(Phase.APPLY, e.phase());
            assertEquals("the device closed the connection while waiting for the board to apply the update",
                    e.getMessage());
        }
    }

    @Test
    void noUpdateSuccessWithinTheApplyTimeout() throws Exception {
        ClientOptions impatient = new ClientOptions("127.0.0.1", 1, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofMillis(300), 1, Duration.ZERO);
        try (FakeDevice device = FakeDevice.start(c -> {
            handshake(c, small);
            c.read((int) small.compressedSize());
            c.readToEnd(); // says nothing until the client gives up and closes
        })) {
            ClientOptions options = new ClientOptions(impatient.host(), device.port(), impatient.connectTimeout(),
                    impatient.replyTimeout(), impatient.applyTimeout(), 1, Duration.ZERO);
            long start = System.nanoTime();
            PushException e = pushFails(options, small);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(PushFailure.TIMEOUT, e.failure());
            assertEquals(Phase.APPLY, e.phase());
            assertEquals("no UPDATE_SUCCESS from the device within 300 ms while waiting for the board to apply the "
                    + "update", e.getMessage());
            assertTrue(waited >= 300 && waited < 4000, "waited " + waited + " ms");
            device.received(WAIT);
        }
    }

    @Test
    void aSilentServerTimesOutWaitingForTheChallenge() throws Exception {
        try (FakeDevice device = FakeDevice.start(FakeDevice.Connection::readToEnd)) {
            ClientOptions options = new ClientOptions("127.0.0.1", device.port(), Duration.ofSeconds(2),
                    Duration.ofMillis(300), Duration.ofSeconds(5), 1, Duration.ZERO);
            PushException e = pushFails(options, small);
            assertEquals(PushFailure.TIMEOUT, e.failure());
            assertEquals(Phase.CHALLENGE, e.phase());
            assertEquals("no 8-character challenge from the device within 300 ms while waiting for the challenge",
                    e.getMessage());
        }
    }

    @Test
    void aServerThatIsNotAnOtaDeviceIsNamedAsSuch() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> c.send("HTTP/1.1 400 Bad Request\r\n\r\n"))) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.UNEXPECTED_REPLY, e.failure());
            assertEquals(Phase.CHALLENGE, e.phase());
            assertEquals("expected an 8-character hex challenge, received 'HTTP/1.1'; is this an OTA server on "
                    + "127.0.0.1:" + device.port() + "?", e.getMessage());
        }
    }

    @Test
    void aDeviceThatClosesBeforeTheChallenge() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> c.send("0a1b"))) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.CONNECTION_LOST, e.failure());
            assertEquals(Phase.CHALLENGE, e.phase());
            assertEquals("the device closed the connection before sending a challenge (received '0a1b'); is another "
                    + "client pushing to it?", e.getMessage());
        }
    }

    @Test
    void anUnknownWordAfterTheResponse() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> {
            c.send(CHALLENGE);
            c.read(64);
            c.send("NOPE");
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.UNEXPECTED_REPLY, e.failure());
            assertEquals(Phase.AUTHENTICATION, e.phase());
            assertEquals("unexpected reply while authenticating: 'NO'", e.getMessage());
        }
    }

    @Test
    void aWordThatOnlyStartsLikeOne() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> {
            c.send(CHALLENGE);
            c.read(64);
            c.send("OK");
            c.read(10);
            c.send("FAUX");
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.UNEXPECTED_REPLY, e.failure());
            assertEquals(Phase.LENGTH, e.phase());
            assertEquals("unexpected reply while sending the metadata length: 'FAUX'", e.getMessage());
        }
    }

    @Test
    void aDeviceThatClosesAfterTheMetadataWithoutAWord() throws Exception {
        try (FakeDevice device = FakeDevice.start(c -> {
            c.send(CHALLENGE);
            c.read(64);
            c.send("OK");
            c.read(10);
            c.send("OK");
            c.read(io.github.mpota.core.metadata.MetadataCodec.write(small.metadata()).length);
        })) {
            PushException e = pushFails(options(device.port()), small);
            assertEquals(PushFailure.CONNECTION_LOST, e.failure());
            assertEquals(Phase.METADATA, e.phase());
            assertEquals("the device closed the connection while sending the metadata", e.getMessage());
        }
    }

    @Test
    void anUnknownHostIsNamedAndNotRetried() throws Exception {
        // Issue 15: a name that does not resolve is not retried (4 attempts with pauses would only delay).
        ClientOptions options = new ClientOptions("no-such-board.invalid", 8266, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 4, Duration.ofSeconds(5));
        List<String> retries = new ArrayList<>();
        PushException e = assertThrows(PushException.class, () -> new OtaClient(options).push(small,
                PasswordSource.of(PASSWORD), new ProgressListener() {
                    @Override
                    public void onProgress(long sent, long total) {
                    }

                    @Override
                    public void onRetry(int attempt, int attempts, String reason, Duration delay) {
                        retries.add(reason);
                    }
                }));
        assertEquals(PushFailure.HOST_NOT_FOUND, e.failure());
        assertEquals(Phase.CONNECT, e.phase());
        assertEquals("host no-such-board.invalid was not found", e.getMessage());
        assertEquals(List.of(), retries);
    }

    @Test
    void aDotLocalNameThatDoesNotResolvePointsAtMdns() {
        ClientOptions options = new ClientOptions("no-such-board.invalid.local", 8266, Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ZERO);
        PushException e = pushFails(options, small);
        assertEquals(PushFailure.HOST_NOT_FOUND, e.failure());
        assertTrue(e.getMessage().contains("(names ending in .local are resolved by mDNS through the system "
                + "resolver)"), e.getMessage());
    }

    @Test
    void aRefusedConnectionIsRetriedThenNamed() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        ClientOptions options = new ClientOptions("127.0.0.1", port, Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 2, Duration.ofMillis(10));
        List<String> retries = new ArrayList<>();
        PushException e = assertThrows(PushException.class, () -> new OtaClient(options).push(small,
                PasswordSource.of(PASSWORD), new ProgressListener() {
                    @Override
                    public void onProgress(long sent, long total) {
                    }

                    @Override
                    public void onRetry(int attempt, int attempts, String reason, Duration delay) {
                        retries.add(attempt + "/" + attempts + " " + delay.toMillis() + " ms: " + reason);
                    }
                }));
        assertEquals(PushFailure.CONNECTION_REFUSED, e.failure());
        assertEquals(Phase.CONNECT, e.phase());
        assertTrue(e.getMessage().startsWith("cannot connect to 127.0.0.1:" + port + ": "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (after 2 attempts)"), e.getMessage());
        assertEquals(1, retries.size(), retries.toString());
        assertTrue(retries.get(0).startsWith("2/2 10 ms: cannot connect to 127.0.0.1:" + port), retries.toString());
    }

    @Test
    void noPasswordIsALocalErrorBeforeAnyConnection() {
        PushException e = assertThrows(PushException.class, () -> new OtaClient(options(1))
                .push(small, () -> null, ProgressListener.NONE));
        assertEquals(PushFailure.LOCAL_ERROR, e.failure());
        assertEquals("no OTA password was supplied", e.getMessage());
    }

    @Test
    void optionsRefuseNonsense() {
        assertEquals("port must be 1 to 65535, was 0", assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.defaults("board", 0)).getMessage());
        assertEquals("host is empty", assertThrows(IllegalArgumentException.class,
                () -> ClientOptions.defaults(" ")).getMessage());
        assertEquals(Protocol.DEFAULT_PORT, ClientOptions.defaults("board").port());
        assertEquals("apply timeout must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> new ClientOptions("b", 1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 1,
                        Duration.ZERO)).getMessage());
        assertNotEquals(Reply.OK, Reply.FAIL);
    }
}
