package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.auth.ChallengeResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The reference quirks: reproduced by the upstream profile, fixed by the hardened one. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProfileDifferencesTest {

    @TempDir
    Path root;

    private static String meta(long compressed, String filesJson) {
        return "{\"compressed_size\": " + compressed + ", \"total_uncompressed\": 0, \"files\": [" + filesJson + "]}";
    }

    private String push(Profile profile, String metadata, byte[] payload) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            String replies = c.push(Devices.PASSWORD, metadata, payload);
            device.awaitSession(1, Devices.WAIT);
            return replies;
        }
    }

    @Test
    void upstreamCreatesOneFolderLevelAndLeavesEarlierFilesWritten() throws Exception {
        byte[] payload = RawClient.deflate(RawClient.utf8("AAAA"), RawClient.utf8("BBBB"));
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 8, \"files\": ["
                + "{\"path\": \"first.py\", \"size\": 4}, {\"path\": \"a/b/c.py\", \"size\": 4}]}";
        try (DeviceRuntime device = Devices.start(root, Profile.UPSTREAM); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,FAIL", c.push(Devices.PASSWORD, m, payload));
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertEquals("cannot create folder a/b for a/b/c.py: the reference server creates one folder level at a"
                    + " time and a does not exist", o.reason());
            assertEquals(List.of("first.py"), o.filesWritten());
        }
        assertEquals("AAAA", Files.readString(root.resolve("first.py")));
        assertFalse(Files.exists(root.resolve("a")));
    }

    @Test
    void hardenedCreatesFoldersRecursively() throws Exception {
        byte[] payload = RawClient.deflate(RawClient.utf8("AAAA"), RawClient.utf8("BBBB"));
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 8, \"files\": ["
                + "{\"path\": \"first.py\", \"size\": 4}, {\"path\": \"a/b/c.py\", \"size\": 4}]}";
        assertEquals("OK,OK,OK,UPDATE_SUCCESS", push(Profile.HARDENED, m, payload));
        assertEquals("BBBB", Files.readString(root.resolve("a/b/c.py")));
    }

    @Test
    void upstreamLeavesAMixAfterAShortStreamAndHardenedLeavesTheOldFiles() throws Exception {
        for (Profile profile : Profile.values()) {
            Files.writeString(root.resolve("one.py"), "old one");
            Files.writeString(root.resolve("two.py"), "old two");
            byte[] payload = RawClient.deflate(RawClient.utf8("new one"), RawClient.utf8("new"));
            String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 14, \"files\": ["
                    + "{\"path\": \"one.py\", \"size\": 7}, {\"path\": \"two.py\", \"size\": 7}]}";
            assertEquals("OK,OK,OK,FAIL", push(profile, m, payload), profile.label());
            if (profile == Profile.UPSTREAM) {
                assertEquals("new one", Files.readString(root.resolve("one.py")));
                assertEquals("new", Files.readString(root.resolve("two.py")), "truncated file left behind");
            } else {
                assertEquals("old one", Files.readString(root.resolve("one.py")));
                assertEquals("old two", Files.readString(root.resolve("two.py")));
                assertFalse(Files.exists(root.resolve(".ota")), "no staging left behind");
            }
        }
    }

    @Test
    void upstreamCutsASizeSmallerThanTheDataAndSucceedsHardenedRefuses() throws Exception {
        byte[] payload = RawClient.deflate(RawClient.utf8("hello world"));
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 5, \"files\": ["
                + "{\"path\": \"a.txt\", \"size\": 5}]}";
        assertEquals("OK,OK,OK,UPDATE_SUCCESS", push(Profile.UPSTREAM, m, payload));
        assertEquals("hello", Files.readString(root.resolve("a.txt")));
        Files.delete(root.resolve("a.txt"));
        assertEquals("OK,OK,OK,FAIL", push(Profile.HARDENED, m, payload));
        assertFalse(Files.exists(root.resolve("a.txt")));
    }

    @Test
    void upstreamUsesSizesAsPythonDoes() throws Exception {
        byte[] payload = RawClient.deflate(RawClient.utf8("xyzw"));
        // true counts as 1; a negative size hands its bytes to the next file
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 4, \"files\": ["
                + "{\"path\": \"t.txt\", \"size\": true}, {\"path\": \"neg.txt\", \"size\": -3},"
                + " {\"path\": \"rest.txt\", \"size\": 3}]}";
        assertEquals("OK,OK,OK,UPDATE_SUCCESS", push(Profile.UPSTREAM, m, payload));
        assertEquals("x", Files.readString(root.resolve("t.txt")));
        assertEquals("", Files.readString(root.resolve("neg.txt")));
        assertEquals("yzw", Files.readString(root.resolve("rest.txt")));
    }

    @Test
    void upstreamLeavesAnEmptyFileForAStringSizeHardenedRefusesBeforeWriting() throws Exception {
        byte[] payload = RawClient.deflate(RawClient.utf8("abc"));
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 3, \"files\": ["
                + "{\"path\": \"s.txt\", \"size\": \"3\"}]}";
        assertEquals("OK,OK,OK,FAIL", push(Profile.UPSTREAM, m, payload));
        assertEquals(0, Files.size(root.resolve("s.txt")));
        Files.delete(root.resolve("s.txt"));
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,FA", c.sendMetadata(m), "validated before the OK of step 7");
            assertTrue(device.awaitSession(1, Devices.WAIT).reason().contains("whole number"));
        }
        assertFalse(Files.exists(root.resolve("s.txt")));
    }

    @Test
    void upstreamReadsTheResponseWithOneRecvHardenedReadsExactly() throws Exception {
        for (Profile profile : Profile.values()) {
            try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
                String challenge = c.read(8);
                String response = ChallengeResponse.compute(challenge, Devices.PASSWORD);
                c.send(response.substring(0, 32));
                if (profile == Profile.UPSTREAM) {
                    assertEquals("AUTH_FAIL", c.read(9), "the half that arrived is compared on its own");
                } else {
                    c.send(response.substring(32));
                    assertEquals("OK", c.read(2));
                }
            }
        }
    }

    @Test
    void upstreamFailsMetadataThatArrivesInTwoPiecesHardenedWaitsForAll() throws Exception {
        for (Profile profile : Profile.values()) {
            try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
                assertEquals("OK", c.authenticate(Devices.PASSWORD));
                byte[] meta = RawClient.utf8(RawClient.VECTOR_METADATA);
                c.send(io.github.mpota.core.protocol.LengthHeader.encode(meta.length));
                assertEquals("OK", c.read(2));
                c.send(java.util.Arrays.copyOf(meta, 20));
                if (profile == Profile.UPSTREAM) {
                    assertEquals("FAIL", c.readToEnd());
                } else {
                    c.send(java.util.Arrays.copyOfRange(meta, 20, meta.length));
                    assertEquals("OK", c.read(2));
                    c.send(RawClient.VECTOR_PAYLOAD);
                    assertEquals("UPDATE_SUCCESS", c.readToEnd());
                }
                device.awaitSession(1, Devices.WAIT);
            }
        }
    }

    @Test
    void hardenedRefusesSizesThatDoNotAddUpBeforeTheSecondOk() throws Exception {
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,FA", c.sendMetadata(meta(38, "{\"path\": \"a\", \"size\": 3}")));
            assertTrue(device.awaitSession(1, Devices.WAIT).reason().contains("add up to 3"));
        }
    }
}
