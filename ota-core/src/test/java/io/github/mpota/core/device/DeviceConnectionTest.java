package io.github.mpota.core.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.auth.ChallengeSequence;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.core.protocol.WireIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class DeviceConnectionTest {

    private static final String PASSWORD = "pässwörd";

    private final ExecutorService deviceThread = Executors.newSingleThreadExecutor();
    private ServerSocket server;
    /** The client end, driven by the test with raw bytes. */
    private Socket client;
    private InputStream fromDevice;
    private OutputStream toDevice;
    private DeviceConnection device;
    /** What the device reports, from the connection's listener. */
    private final Transcript sent = new Transcript();
    /** The device end, as accepted. */
    private Socket accepted;

    @BeforeEach
    void connect() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setSoTimeout(10_000);
        client.setTcpNoDelay(true);
        fromDevice = client.getInputStream();
        toDevice = client.getOutputStream();
        accepted = server.accept();
        device = new DeviceConnection(accepted, sent);
    }

    @AfterEach
    void close() throws IOException {
        device.close();
        client.close();
        server.close();
        deviceThread.shutdownNow();
    }

    private String readChallenge() throws IOException {
        String c = new String(WireIO.readExactly(fromDevice, Protocol.CHALLENGE_LENGTH), StandardCharsets.US_ASCII);
        assertTrue(c.matches("[0-9a-f]{8}"), "challenge " + c);
        return c;
    }

    private String readWord(Reply expected) throws IOException {
        return new String(WireIO.readExactly(fromDevice, expected.word().length()), StandardCharsets.US_ASCII);
    }

    private void send(String ascii) throws IOException {
        toDevice.write(ascii.getBytes(StandardCharsets.UTF_8));
        toDevice.flush();
    }

    /** Records what the device reports. */
    private static final class Transcript implements DeviceListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void challengeSent(int attempt, String challenge) {
            events.add("challenge " + attempt + " " + challenge);
        }

        @Override
        public void responseChecked(int attempt, boolean accepted, int receivedBytes) {
            events.add("response " + attempt + (accepted ? " accepted" : " refused"));
        }

        @Override
        public void responseUnreadable(int attempt, String why) {
            events.add("response " + attempt + " unreadable: " + why);
        }

        @Override
        public void replySent(Reply reply) {
            events.add("sent " + reply.word());
        }
    }

    @Test
    void setsTheDeviceTimeoutOnTheConnection() throws IOException {
        assertEquals(Protocol.DEVICE_TIMEOUT.toMillis(), accepted.getSoTimeout());
        assertTrue(accepted.getTcpNoDelay());
    }

    @Test
    void aRightResponseIsAnsweredOk() throws Exception {
        Transcript transcript = sent;
        Future<AuthOutcome> outcome = deviceThread.submit(
                () -> device.authenticate(PASSWORD, new ChallengeSequence(new SecureRandom())::next,
                        FixedLengthReads.EXACT));
        String challenge = readChallenge();
        send(ChallengeResponse.compute(challenge, PASSWORD));
        assertEquals("OK", readWord(Reply.OK));
        assertEquals(AuthOutcome.AUTHENTICATED, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("challenge 1 " + challenge, "response 1 accepted", "sent OK"), transcript.events);
    }

    @Test
    void aResponseSplitIntoManySegmentsIsStillRead() throws Exception {
        Future<AuthOutcome> outcome = deviceThread.submit(
                () -> device.authenticate(PASSWORD, new ChallengeSequence(new SecureRandom())::next,
                        FixedLengthReads.EXACT));
        byte[] response = ChallengeResponse.compute(readChallenge(), PASSWORD).getBytes(StandardCharsets.US_ASCII);
        for (byte b : response) {
            toDevice.write(b);
            toDevice.flush();
        }
        assertEquals("OK", readWord(Reply.OK));
        assertEquals(AuthOutcome.AUTHENTICATED, outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void eachAttemptGetsANewChallengeAndTheThirdMayStillSucceed() throws Exception {
        Transcript transcript = sent;
        Future<AuthOutcome> outcome = deviceThread.submit(
                () -> device.authenticate(PASSWORD, new ChallengeSequence(new SecureRandom())::next,
                        FixedLengthReads.EXACT));
        List<String> challenges = new ArrayList<>();
        for (int attempt = 1; attempt <= 2; attempt++) {
            challenges.add(readChallenge());
            send(ChallengeResponse.compute(challenges.get(attempt - 1), "wrong"));
            assertEquals("AUTH_FAIL", readWord(Reply.AUTH_FAIL));
        }
        challenges.add(readChallenge());
        send(ChallengeResponse.compute(challenges.get(2), PASSWORD));
        assertEquals("OK", readWord(Reply.OK));
        assertEquals(AuthOutcome.AUTHENTICATED, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(3, new HashSet<>(challenges).size(), "a new challenge at each attempt: " + challenges);
        assertEquals(List.of("challenge 1 " + challenges.get(0), "response 1 refused", "sent AUTH_FAIL",
                "challenge 2 " + challenges.get(1), "response 2 refused", "sent AUTH_FAIL",
                "challenge 3 " + challenges.get(2), "response 3 accepted", "sent OK"), transcript.events);
    }

    @Test
    void threeWrongResponsesAreRefusedWithNoFourthChallenge() throws Exception {
        Future<AuthOutcome> outcome = deviceThread.submit(
                () -> device.authenticate(PASSWORD, new ChallengeSequence(new SecureRandom())::next,
                        FixedLengthReads.EXACT));
        for (int attempt = 1; attempt <= Protocol.MAX_AUTH_ATTEMPTS; attempt++) {
            String challenge = readChallenge();
            // Upper-case hex of the right digest: refused, as on the reference device.
            send(ChallengeResponse.compute(challenge, PASSWORD).toUpperCase(Locale.ROOT));
            assertEquals("AUTH_FAIL", readWord(Reply.AUTH_FAIL));
        }
        assertEquals(AuthOutcome.REFUSED, outcome.get(10, TimeUnit.SECONDS));
        device.close(); // the caller's part after REFUSED
        assertEquals(-1, fromDevice.read(), "nothing after the third AUTH_FAIL");
    }

    @Test
    void aClientThatLeavesMidResponseAborts() throws Exception {
        Future<AuthOutcome> outcome = deviceThread.submit(
                () -> device.authenticate(PASSWORD, new ChallengeSequence(new SecureRandom())::next,
                        FixedLengthReads.EXACT));
        readChallenge();
        send("3b4080dfed2da6d0");
        client.shutdownOutput();
        assertEquals(AuthOutcome.ABORTED, outcome.get(10, TimeUnit.SECONDS));
        device.close(); // the caller's part after ABORTED
        assertEquals(-1, fromDevice.read(), "no word sent on an abort");
    }

    @Test
    void readsTheLengthFieldExactlyHoweverItIsSplit() throws Exception {
        Future<byte[]> field = deviceThread.submit(() -> device.readLengthField(FixedLengthReads.EXACT));
        send("     ");
        send("  123");
        send("MORE");
        assertEquals("       123", new String(field.get(10, TimeUnit.SECONDS), StandardCharsets.US_ASCII));
        assertEquals("MORE", new String(accepted.getInputStream().readNBytes(4), StandardCharsets.US_ASCII));
    }

    @Test
    void aClientThatLeavesMidResponseAbortsOnTheReferenceReadsToo() throws Exception {
        Future<AuthOutcome> outcome = deviceThread.submit(
                () -> device.authenticate(PASSWORD, new ChallengeSequence(new SecureRandom())::next,
                        FixedLengthReads.REFERENCE));
        readChallenge();
        toDevice.write(new byte[] {(byte) 0xff, (byte) 0xfe});
        toDevice.flush();
        assertEquals(AuthOutcome.ABORTED, outcome.get(10, TimeUnit.SECONDS));
        assertTrue(sent.events.get(1).startsWith("response 1 unreadable: response is not valid UTF-8"),
                sent.events.toString());
    }

    @Test
    void readsTheMetadataExactlyAndNoFurther() throws Exception {
        Future<byte[]> metadata = deviceThread.submit(() -> device.readMetadata(11));
        send("{\"files\":[]}PAYLOAD");
        assertEquals("{\"files\":[]", new String(metadata.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        assertEquals("}PAYLOAD", new String(accepted.getInputStream().readNBytes(8), StandardCharsets.UTF_8));
    }

    @Test
    void receivesThePayloadExactlyWithProgress() throws Exception {
        byte[] payload = new byte[100_000];
        new java.util.Random(4).nextBytes(payload);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        List<Long> progress = new CopyOnWriteArrayList<>();
        Future<Long> got = deviceThread.submit(() -> device.receivePayload(sink, payload.length, progress::add));
        toDevice.write(payload);
        send("AFTER");
        assertEquals(payload.length, got.get(10, TimeUnit.SECONDS));
        assertArrayEquals(payload, sink.toByteArray());
        assertEquals(payload.length, progress.get(progress.size() - 1));
        assertArrayEquals("AFTER".getBytes(StandardCharsets.US_ASCII), accepted.getInputStream().readNBytes(5),
                "bytes after the payload are left unread");
    }

    @Test
    void aPayloadCutShortSaysHowFarItGot() throws Exception {
        Future<Long> got = deviceThread.submit(() -> device.receivePayload(new ByteArrayOutputStream(), 5000,
                n -> { }));
        toDevice.write(new byte[1234]);
        client.shutdownOutput();
        Exception e = assertThrows(Exception.class, () -> got.get(10, TimeUnit.SECONDS));
        DeviceConnection.PayloadCutException cut = (DeviceConnection.PayloadCutException) e.getCause();
        assertEquals("connection closed after 1234 of 5000 payload bytes", cut.getMessage());
        assertEquals(1234, cut.received());
        assertEquals(5000, cut.expected());
    }

    @Test
    void theReferenceReadTakesWhatOneReceiveGivesAndEmptyAtTheEnd() throws Exception {
        send("0123456789");
        byte[] first = device.readLengthField(FixedLengthReads.REFERENCE);
        assertTrue(first.length >= 1 && first.length <= 10, "one recv(10) gives 1 to 10 bytes: " + first.length);
        assertEquals("0123456789".substring(0, first.length), new String(first, StandardCharsets.US_ASCII));
        client.shutdownOutput();
        accepted.getInputStream().readNBytes(10 - first.length);
        assertArrayEquals(new byte[0], device.readLengthField(FixedLengthReads.REFERENCE));
    }

    @Test
    void sendsWordsAndTrySendReportsAClosedSocket() throws Exception {
        device.send(Reply.UPDATE_SUCCESS);
        assertEquals("UPDATE_SUCCESS", readWord(Reply.UPDATE_SUCCESS));
        assertEquals(List.of("sent UPDATE_SUCCESS"), sent.events);
        assertTrue(device.trySend(Reply.FAIL));
        assertEquals("FAIL", readWord(Reply.FAIL));
        device.close();
        assertFalse(device.trySend(Reply.FAIL));
    }
}
