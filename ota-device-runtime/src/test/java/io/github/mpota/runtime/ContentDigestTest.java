package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension "content digest" (docs/PROTOCOL.md): the hardened profile checks {@code content_sha256} before
 * anything is applied; the upstream profile ignores it, as the reference device ignores every unknown key.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContentDigestTest {

    private static final byte[] ONE = RawClient.utf8("print('new one')\n");
    private static final byte[] TWO = RawClient.utf8("def two():\n    return 2\n");

    @TempDir
    Path root;

    @BeforeEach
    void oldFiles() throws Exception {
        Files.writeString(root.resolve("one.py"), "old one\n");
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/two.py"), "old two\n");
    }

    private static String sha256(byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static String meta(byte[] payload, String digestJson) {
        return "{\"compressed_size\":" + payload.length + ",\"total_uncompressed\":" + (ONE.length + TWO.length)
                + ",\"files\":[{\"path\":\"one.py\",\"size\":" + ONE.length + "},{\"path\":\"lib/two.py\",\"size\":"
                + TWO.length + "}],\"content_sha256\":" + digestJson + "}";
    }

    private void assertOldFiles() throws Exception {
        assertEquals("old one\n", Files.readString(root.resolve("one.py")));
        assertEquals("old two\n", Files.readString(root.resolve("lib/two.py")));
        assertFalse(Files.exists(root.resolve(".ota")), "no staging left behind");
    }

    @Test
    void hardenedAppliesAPayloadThatMatchesItsDigestAndRecordsIt() throws Exception {
        byte[] payload = RawClient.deflate(ONE, TWO);
        String digest = sha256(ONE, TWO);
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD, meta(payload, "\"" + digest + "\""),
                    payload));
            assertTrue(device.awaitSession(1, Devices.WAIT).success());
            TranscriptEvent metadata = device.transcript().stream()
                    .filter(e -> TranscriptEvent.Type.METADATA.equals(e.type())).findFirst().orElseThrow();
            assertEquals(digest, metadata.get("content_sha256"));
        }
        assertEquals("print('new one')\n", Files.readString(root.resolve("one.py")));
        assertEquals("def two():\n    return 2\n", Files.readString(root.resolve("lib/two.py")));
    }

    @Test
    void hardenedRefusesAValidStreamWhoseDigestDiffersAndKeepsEveryOldFile() throws Exception {
        byte[] payload = RawClient.deflate(ONE, TWO);
        String wrong = sha256(ONE, RawClient.utf8("def two():\n    return 3\n"));
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, log).build().start();
             RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,FAIL", c.push(Devices.PASSWORD, meta(payload, "\"" + wrong + "\""), payload));
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertFalse(o.success());
            String expected = "payload content does not match content_sha256: the " + (ONE.length + TWO.length)
                    + " bytes inflated have SHA-256 " + sha256(ONE, TWO) + ", the metadata lists " + wrong
                    + "; nothing was changed";
            assertEquals(expected, o.reason());
            assertEquals(List.of(), o.filesWritten());
            assertTrue(log.contains("Update failed: " + expected), log.toString());
            assertEquals(0, device.rebootCount(), "a refused update does not reset the board");
        }
        assertOldFiles();
    }

    @Test
    void upstreamIgnoresTheDigestAsTheReferenceDoes() throws Exception {
        byte[] payload = RawClient.deflate(ONE, TWO);
        String wrong = "0".repeat(64);
        try (DeviceRuntime device = Devices.start(root, Profile.UPSTREAM); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD, meta(payload, "\"" + wrong + "\""),
                    payload));
            assertTrue(device.awaitSession(1, Devices.WAIT).success());
        }
        assertEquals("print('new one')\n", Files.readString(root.resolve("one.py")));
        assertEquals("def two():\n    return 2\n", Files.readString(root.resolve("lib/two.py")));
    }

    @Test
    void hardenedRefusesADigestOfAnotherFormAtTheMetadataUpstreamIgnoresIt() throws Exception {
        byte[] payload = RawClient.deflate(ONE, TWO);
        for (String bad : List.of("\"" + sha256(ONE, TWO).toUpperCase() + "\"", "\"abc\"", "42", "null")) {
            try (DeviceRuntime device = Devices.start(root, Profile.HARDENED);
                 RawClient c = new RawClient(device.port())) {
                assertEquals("OK", c.authenticate(Devices.PASSWORD));
                assertEquals("OK,FA", c.sendMetadata(meta(payload, bad)), bad);
                String reason = device.awaitSession(1, Devices.WAIT).reason();
                assertTrue(reason.startsWith("'content_sha256' must be a string of 64 lowercase hex characters"),
                        reason);
            }
            assertOldFiles();
        }
        try (DeviceRuntime device = Devices.start(root, Profile.UPSTREAM); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD, meta(payload, "42"), payload));
        }
    }
}
