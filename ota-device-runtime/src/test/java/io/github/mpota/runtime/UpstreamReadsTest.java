package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upstream profile read by read, against PROTOCOL.md's section "Reads of the reference device, phase by phase"
 * and its failures table: how much the device reads in each phase, when it says {@code OK}, what it leaves on its
 * filesystem, and how the connection ends as the client sees it (end-of-stream, or a reset when the device closed
 * with bytes it never read).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UpstreamReadsTest {

    private static final String END_OF_STREAM = "end-of-stream";
    private static final String RESET = "Connection reset";

    @TempDir
    Path root;

    private DeviceRuntime start() throws Exception {
        return Devices.start(root, Profile.UPSTREAM);
    }

    /** How the connection ends, read from the client's side after the device's last word. */
    private static String ending(RawClient c) throws IOException {
        try {
            int b = c.in.read();
            return b < 0 ? END_OF_STREAM : "a byte more: " + (char) b;
        } catch (SocketException e) {
            return e.getMessage();
        }
    }

    /** Sends and ignores a write refused because the device has already closed (it then reset the connection). */
    private static void sendRegardless(RawClient c, byte[] bytes) {
        try {
            c.send(bytes);
        } catch (IOException e) {
            // the device closed while the bytes were on their way: what it answered is read next
        }
    }

    private static String header(long length) {
        return String.format("%10d", length);
    }

    private static byte[] noise(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String meta(long compressed, long total, String files) {
        return "{\"compressed_size\": " + compressed + ", \"total_uncompressed\": " + total + ", \"files\": ["
                + files + "]}";
    }

    // ---- 1. metadata read in a loop until exactly its length ----

    @Test
    void metadataSentInThreePartsIsReadWhole() throws Exception {
        byte[] m = RawClient.utf8(RawClient.VECTOR_METADATA);
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            c.send(header(m.length));
            assertEquals("OK", c.read(2));
            int third = m.length / 3;
            c.send(Arrays.copyOfRange(m, 0, third));
            c.send(Arrays.copyOfRange(m, third, 2 * third));
            c.send(Arrays.copyOfRange(m, 2 * third, m.length));
            assertEquals("OK", c.read(2));
            c.send(RawClient.VECTOR_PAYLOAD);
            assertEquals("UPDATE_SUCCESS", c.read(14));
            assertEquals(END_OF_STREAM, ending(c));
            assertTrue(device.awaitSession(1, Devices.WAIT).success());
        }
        assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
    }

    @Test
    void metadataShorterThanItsHeaderFailsWhenTheClientStopsSending() throws Exception {
        byte[] m = RawClient.utf8(RawClient.VECTOR_METADATA);
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            c.send(header(m.length + 40));
            assertEquals("OK", c.read(2));
            c.send(m);
            c.socket.shutdownOutput();
            assertEquals("FAIL", c.readToEnd(), "no OK for a partial read: the device waits for every byte");
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertTrue(o.reason().contains("metadata"), o.reason());
        }
    }

    // ---- 2. a length <= 0 gets OK, then the empty text fails as JSON ----

    @Test
    void aNegativeLengthGetsOkThenFailAsEmptyJson() throws Exception {
        for (String field : new String[] {"        -5", "         0"}) {
            try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
                assertEquals("OK", c.authenticate(Devices.PASSWORD));
                c.send(field);
                assertEquals("OKFAIL", c.read(6), field);
                assertEquals(END_OF_STREAM, ending(c), field);
                SessionOutcome o = device.awaitSession(1, Devices.WAIT);
                assertTrue(o.reason().contains("not valid JSON"), o.reason());
            }
        }
    }

    // ---- 3. the second OK as soon as the bytes parse as JSON ----

    @Test
    void jsonThatIsNotAnObjectOrLacksASizeGetsOkThenFail() throws Exception {
        String[] texts = {"[]", "null", "{\"total_uncompressed\": 0, \"files\": []}",
            "{\"compressed_size\": 0, \"files\": []}"};
        for (String text : texts) {
            try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
                assertEquals("OK", c.authenticate(Devices.PASSWORD));
                assertEquals("OK,OK", c.sendMetadata(text), text);
                assertEquals("FAIL", c.readToEnd(), text);
                assertFalse(device.awaitSession(1, Devices.WAIT).success(), text);
            }
        }
    }

    @Test
    void metadataWithoutFilesReceivesTheWholePayloadThenFails() throws Exception {
        String m = "{\"compressed_size\": 38, \"total_uncompressed\": 38}";
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(m));
            c.send(RawClient.VECTOR_PAYLOAD);
            assertEquals("FAIL", c.read(4));
            assertEquals(END_OF_STREAM, ending(c), "every payload byte was read before the FAIL");
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertTrue(o.reason().contains("'files'"), o.reason());
        }
        assertFalse(Files.exists(root.resolve("ota_payload.tmp")));
    }

    // ---- 4. JSON as MicroPython parses it ----

    @Test
    void aUtf8ByteOrderMarkIsRefused() throws Exception {
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,FA", c.sendMetadata("\uFEFF" + RawClient.VECTOR_METADATA));
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertTrue(o.reason().contains("not valid JSON"), o.reason());
        }
        assertFalse(Files.exists(root.resolve("main.py")));
    }

    @Test
    void aDuplicateKeyIsAcceptedAndTheLastOneWins() throws Exception {
        byte[] payload = RawClient.deflate(RawClient.utf8("hello"));
        String m = "{\"compressed_size\": 1, \"compressed_size\": " + payload.length + ", \"total_uncompressed\": 5,"
                + " \"files\": [{\"path\": \"a.txt\", \"size\": 9}, {\"path\": \"a.txt\", \"size\": 5}],"
                + " \"files\": [{\"path\": \"b.txt\", \"size\": 5}]}";
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD, m, payload));
            device.awaitSession(1, Devices.WAIT);
        }
        assertEquals("hello", Files.readString(root.resolve("b.txt")));
        assertFalse(Files.exists(root.resolve("a.txt")));
    }

    // ---- 5. paths go to the filesystem as given, inside the root ----

    @Test
    void pathsWithDotAndEmptySegmentsWriteWhereTheFilesystemPutsThem() throws Exception {
        Files.createDirectories(root.resolve("a"));
        byte[] payload = RawClient.deflate(RawClient.utf8("mainbody"));
        String m = meta(payload.length, 8, "{\"path\": \"./main.py\", \"size\": 4}, {\"path\": \"a//b.txt\", \"size\": 4}");
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD, m, payload));
            device.awaitSession(1, Devices.WAIT);
        }
        assertEquals("main", Files.readString(root.resolve("main.py")));
        assertEquals("body", Files.readString(root.resolve("a/b.txt")));
    }

    @Test
    void aPathThatLeavesTheRootStillFails() throws Exception {
        byte[] payload = RawClient.deflate(RawClient.utf8("evil"));
        String m = meta(payload.length, 4, "{\"path\": \"./../evil.py\", \"size\": 4}");
        Path outside = root.getParent().resolve("evil.py");
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,FAIL", c.push(Devices.PASSWORD, m, payload));
            assertTrue(device.awaitSession(1, Devices.WAIT).reason().contains("'..'"));
        }
        assertFalse(Files.exists(outside));
    }

    // ---- 6. the payload read to exactly compressed_size; the inflater sees only those bytes ----

    @Test
    void aStreamLongerThanCompressedSizeIsInflatedCutAndFails() throws Exception {
        byte[] content = noise(100, 6);
        byte[] stream = RawClient.deflate(content);
        String m = meta(stream.length - 2, 100, "{\"path\": \"cut.bin\", \"size\": 100}");
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(m));
            c.send(stream);
            assertEquals("FAIL", c.read(4));
            assertEquals(RESET, ending(c), "the 2 bytes after compressed_size were never read");
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertTrue(o.reason().contains("cut.bin"), o.reason());
        }
        assertEquals(0, Files.size(root.resolve("cut.bin")), "the failed chunk is not written");
    }

    // ---- 7. files written per 1024-byte chunk; a chunk that fails is not written ----

    @Test
    void aFileWhoseStreamIsCutNearItsEndKeepsOnlyItsWholeChunks() throws Exception {
        byte[] content = noise(3000, 7);
        byte[] stream = RawClient.deflate(content);
        byte[] cut = Arrays.copyOf(stream, stream.length - 3);
        String m = meta(cut.length, 3000, "{\"path\": \"big.bin\", \"size\": 3000}");
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(m));
            c.send(cut);
            assertEquals("FAIL", c.readToEnd());
            device.awaitSession(1, Devices.WAIT);
        }
        byte[] left = Files.readAllBytes(root.resolve("big.bin"));
        assertEquals(2048, left.length);
        assertTrue(Arrays.equals(Arrays.copyOf(content, 2048), left));
    }

    // ---- 8. how a connection ends ----

    @Test
    void anUpdateThatReadsEveryByteSentEndsWithAnOrderlyClose() throws Exception {
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
            c.send(RawClient.VECTOR_PAYLOAD);
            assertEquals("UPDATE_SUCCESS", c.read(14));
            assertEquals(END_OF_STREAM, ending(c));
        }
    }

    @Test
    void anElevenByteHeaderLeavesUnreadBytesAndTheClientSeesAReset() throws Exception {
        byte[] m = RawClient.utf8(RawClient.VECTOR_METADATA);
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            // '%11d': the device takes the first 10 bytes as the length; the 11th starts its metadata.
            c.send(String.format("%11d", m.length));
            assertEquals("OK", c.read(2));
            sendRegardless(c, m);
            assertEquals("FAIL", c.read(4));
            assertEquals(RESET, ending(c));
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertTrue(o.reason().contains("not valid JSON"), o.reason());
        }
    }

    @Test
    void metadataLongerThanDeclaredLeavesUnreadBytesAndTheClientSeesAReset() throws Exception {
        byte[] m = RawClient.utf8(RawClient.VECTOR_METADATA);
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            c.send(header(m.length - 10));
            assertEquals("OK", c.read(2));
            sendRegardless(c, m);
            assertEquals("FAIL", c.read(4));
            assertEquals(RESET, ending(c));
        }
    }

    @Test
    void bytesAfterThePayloadAreNeverReadAndTheClientSeesAResetAfterSuccess() throws Exception {
        try (DeviceRuntime device = start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
            byte[] more = Arrays.copyOf(RawClient.VECTOR_PAYLOAD, RawClient.VECTOR_PAYLOAD.length + 20);
            c.send(more);
            assertEquals("UPDATE_SUCCESS", c.read(14));
            assertEquals(RESET, ending(c));
            assertTrue(device.awaitSession(1, Devices.WAIT).success());
        }
    }

    @Test
    void aPayloadStillArrivingAfterASpaceFailEndsInAReset() throws Exception {
        DeviceRuntimeBuilder b = Devices.builder(root, Profile.UPSTREAM, new CopyOnWriteArrayList<>())
                .capacityBytes(8192);
        byte[] payload = noise(64 * 1024, 8);
        String m = meta(payload.length, 64 * 1024, "{\"path\": \"big.bin\", \"size\": 65536}");
        try (DeviceRuntime device = b.build().start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            c.send(header(m.length()));
            assertEquals("OK", c.read(2));
            // A pipelining client: the payload follows the metadata without waiting for the second OK.
            byte[] all = Arrays.copyOf(RawClient.utf8(m), m.length() + payload.length);
            System.arraycopy(payload, 0, all, m.length(), payload.length);
            sendRegardless(c, all);
            assertEquals("OKFAIL", c.read(6));
            assertEquals(RESET, ending(c));
            assertTrue(device.awaitSession(1, Devices.WAIT).reason().contains("not enough free space"));
        }
    }

    // ---- 9. free space: 0 free, needed == free, byte-exact blocks ----

    @Test
    void aFullBoardReportsNothingFreeAndStillTakesAnUpdateThatNeedsNothing() throws Exception {
        DeviceRuntimeBuilder b = Devices.builder(root, Profile.UPSTREAM, new CopyOnWriteArrayList<>())
                .capacityBytes(0);
        try (DeviceRuntime device = b.build().start(); RawClient c = new RawClient(device.port())) {
            assertEquals(0, device.flash().freeBytes());
            assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD,
                    meta(0, 0, "{\"path\": \"empty.txt\", \"size\": 0}"), new byte[0]));
            assertTrue(device.awaitSession(1, Devices.WAIT).success());
        }
        assertEquals(0, Files.size(root.resolve("empty.txt")));
    }

    @Test
    void anUpdateThatNeedsExactlyTheFreeBytesPasses() throws Exception {
        byte[] content = "print('exactly')\n".getBytes(StandardCharsets.US_ASCII);
        byte[] payload = RawClient.deflate(content);
        long needed = payload.length + content.length;
        String m = meta(payload.length, content.length, "{\"path\": \"main.py\", \"size\": " + content.length + "}");
        DeviceRuntimeBuilder b = Devices.builder(root, Profile.UPSTREAM, new CopyOnWriteArrayList<>())
                .blockSize(1).capacityBytes(needed);
        try (DeviceRuntime device = b.build().start(); RawClient c = new RawClient(device.port())) {
            assertEquals(needed, device.flash().freeBytes());
            assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD, m, payload));
            assertTrue(device.awaitSession(1, Devices.WAIT).success());
        }
        Files.delete(root.resolve("main.py"));
        b = Devices.builder(root, Profile.UPSTREAM, new CopyOnWriteArrayList<>()).blockSize(1)
                .capacityBytes(needed - 1);
        try (DeviceRuntime device = b.build().start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,FAIL", c.push(Devices.PASSWORD, m, payload), "one byte short");
            device.awaitSession(1, Devices.WAIT);
        }
    }
}
