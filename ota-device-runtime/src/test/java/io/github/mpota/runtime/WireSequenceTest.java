package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every row of PROTOCOL.md's sequence and failure table that both profiles answer alike, over raw bytes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WireSequenceTest {

    @TempDir
    Path root;

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theVectorUpdateGetsEveryReplyWritesTheFilesAndReboots(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            String challenge = c.read(8);
            assertTrue(challenge.matches("[0-9a-f]{8}"), challenge);
            c.send(ChallengeResponse.compute(challenge, Devices.PASSWORD));
            assertEquals("OK", c.read(2));
            byte[] meta = RawClient.utf8(RawClient.VECTOR_METADATA);
            c.send(LengthHeader.encode(meta.length));
            assertEquals("OK", c.read(2));
            c.send(meta);
            assertEquals("OK", c.read(2));
            c.send(RawClient.VECTOR_PAYLOAD);
            assertEquals("UPDATE_SUCCESS", c.readToEnd());

            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertTrue(o.success());
            assertEquals("UPDATE_SUCCESS", o.reply());
            assertNull(o.reason());
            assertEquals(List.of("main.py", "lib/util.py", "empty.txt"), o.filesWritten());
            assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
            assertEquals("def f():\n    return 42\n", Files.readString(root.resolve("lib/util.py")));
            assertEquals(0, Files.size(root.resolve("empty.txt")));
            assertEquals(1, device.rebootCount());
            assertTrue(device.awaitReboot(1, Devices.WAIT).online());
            try (Stream entries = new Stream(root)) {
                assertEquals(List.of("empty.txt", "lib", "main.py"), entries.names(), "nothing else left behind");
            }
            List<String> types = device.transcript().stream().filter(e -> e.session() == 1)
                    .map(TranscriptEvent::type).collect(Collectors.toList());
            assertEquals(List.of("connect", "challenge", "auth", "reply", "length", "reply", "metadata", "reply",
                    "space_check", "payload", "file_written", "file_written", "file_written", "reply", "close"),
                    types);
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void theBoardAcceptsConnectionsAgainAfterItsReboot(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile)) {
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("OK,OK,OK,UPDATE_SUCCESS",
                        c.push(Devices.PASSWORD, RawClient.VECTOR_METADATA, RawClient.VECTOR_PAYLOAD));
            }
            device.awaitSession(1, Devices.WAIT);
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("OK", c.authenticate(Devices.PASSWORD));
            }
            assertFalse(device.awaitSession(2, Devices.WAIT).success());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aWrongResponseGetsAuthFailAndANewChallengeThreeTimesThenASilentClose(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            String previous = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                String challenge = c.read(8);
                assertTrue(challenge.matches("[0-9a-f]{8}"));
                assertFalse(challenge.equals(previous), "a new challenge at each attempt");
                previous = challenge;
                c.send(ChallengeResponse.compute(challenge, "wrong"));
                assertEquals("AUTH_FAIL", c.read(9));
            }
            assertEquals("", c.readToEnd());
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertFalse(o.success());
            assertEquals("AUTH_FAIL", o.reply());
            assertTrue(o.reason().contains("authentication failed 3 times"), o.reason());
            assertEquals(0, device.rebootCount());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void anUpperCaseResponseFails(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            String challenge = c.read(8);
            c.send(ChallengeResponse.compute(challenge, Devices.PASSWORD).toUpperCase());
            assertEquals("AUTH_FAIL", c.read(9));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aLengthFieldThatIsNotAnIntegerGetsFail(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            c.send("      12x ");
            assertEquals("FAIL", c.readToEnd());
            assertEquals("FAIL", device.awaitSession(1, Devices.WAIT).reply());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aLengthFieldWithAPlusSignIsAccepted(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            byte[] meta = RawClient.utf8(RawClient.VECTOR_METADATA);
            c.send(String.format("%+10d", meta.length));
            assertEquals("OK", c.read(2));
            c.send(meta);
            assertEquals("OK", c.read(2));
            c.send(RawClient.VECTOR_PAYLOAD);
            assertEquals("UPDATE_SUCCESS", c.readToEnd());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void metadataThatIsNotJsonGetsOkThenFail(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            c.send(LengthHeader.encode(9));
            assertEquals("OK", c.read(2));
            c.send("{not json");
            assertEquals("FAIL", c.readToEnd());
            assertTrue(device.awaitSession(1, Devices.WAIT).reason().contains("not valid JSON"));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void metadataWithoutAKeyFailsUpstreamAfterTheOkOfStep7AndHardenedBeforeIt(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            String json = "{\"compressed_size\": 1, \"files\": []}";
            c.send(LengthHeader.encode(json.length()));
            assertEquals("OK", c.read(2));
            c.send(json);
            // The reference says OK as soon as the bytes parse; hardened validates the metadata before its OK.
            assertEquals(profile == Profile.UPSTREAM ? "OKFAIL" : "FAIL", c.readToEnd());
            assertTrue(device.awaitSession(1, Devices.WAIT).reason().contains("total_uncompressed"));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void notEnoughFreeSpaceGetsOkOkThenFailAndWritesNothing(Profile profile) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, profile, log).capacityBytes(8192).build().start();
             RawClient c = new RawClient(device.port())) {
            assertEquals(8192, device.flash().freeBytes());
            byte[] big = new byte[8192];
            byte[] payload = RawClient.deflate(big);
            String json = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 8192, "
                    + "\"files\": [{\"path\": \"big.bin\", \"size\": 8192}]}";
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(json));
            assertEquals("FAIL", c.readToEnd());
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertTrue(o.reason().contains("not enough free space"), o.reason());
            assertFalse(Files.exists(root.resolve("big.bin")));
            TranscriptEvent check = device.transcript().stream()
                    .filter(e -> e.type().equals(TranscriptEvent.Type.SPACE_CHECK)).findFirst().orElseThrow();
            assertEquals(8192L, ((Number) check.get("free")).longValue());
            assertEquals(payload.length + 8192L, ((Number) check.get("needed")).longValue());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aPayloadCutShortGetsFailAndNothingIsExtracted(Profile profile) throws Exception {
        Files.writeString(root.resolve("main.py"), "old");
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
            c.send(java.util.Arrays.copyOf(RawClient.VECTOR_PAYLOAD, 20));
            c.socket.shutdownOutput();
            assertEquals("FAIL", c.readToEnd());
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertTrue(o.reason().contains("20 of 38"), o.reason());
            assertEquals(List.of(), o.filesWritten());
            assertEquals("old", Files.readString(root.resolve("main.py")));
            assertFalse(Files.exists(root.resolve("lib")));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aClientThatSaysNothingIsClosedSilentlyAfterTheTimeout(Profile profile) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, profile, log).ioTimeout(Duration.ofMillis(300)).build()
                .start(); RawClient c = new RawClient(device.port())) {
            assertEquals(8, c.read(8).length());
            assertEquals("", c.readToEnd());
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            assertNull(o.reply());
            assertTrue(o.reason().contains("authentication"), o.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aClientThatStallsInThePayloadGetsFailAfterTheTimeout(Profile profile) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, profile, log).ioTimeout(Duration.ofMillis(300)).build()
                .start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA));
            c.send(java.util.Arrays.copyOf(RawClient.VECTOR_PAYLOAD, 10));
            assertEquals("FAIL", c.readToEnd());
            assertTrue(device.awaitSession(1, Devices.WAIT).reason().contains("timed out"));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aCorruptPayloadGetsFail(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            byte[] garbage = new byte[38];
            java.util.Arrays.fill(garbage, (byte) 0xff);
            assertEquals("OK,OK,OK,FAIL", c.push(Devices.PASSWORD, RawClient.VECTOR_METADATA, garbage));
            assertEquals(0, device.rebootCount());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void anEmptyUpdateSucceedsAndReboots(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            String json = "{\"compressed_size\": 0, \"total_uncompressed\": 0, \"files\": []}";
            assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD, json, new byte[0]));
            assertTrue(device.awaitSession(1, Devices.WAIT).success());
            assertEquals(1, device.rebootCount());
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aPipelinedClientGetsOkOkUpdateSuccess(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            byte[] meta = RawClient.utf8(RawClient.VECTOR_METADATA);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(LengthHeader.encode(meta.length));
            all.writeBytes(meta);
            all.writeBytes(RawClient.VECTOR_PAYLOAD);
            c.send(all.toByteArray());
            assertEquals("OKOKUPDATE_SUCCESS", c.readToEnd());
            assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aSecondClientWaitsUntilTheFirstConnectionEnds(Profile profile) throws Exception {
        try (DeviceRuntime device = Devices.start(root, profile); RawClient first = new RawClient(device.port())) {
            assertEquals(8, first.read(8).length());
            try (RawClient second = new RawClient(device.port())) {
                first.close();
                String challenge = second.read(8);
                assertTrue(challenge.matches("[0-9a-f]{8}"), "the second client gets its challenge: " + challenge);
                assertEquals(1, device.awaitSession(1, Devices.WAIT).number());
            }
        }
    }

    /** Lists the root's entries, sorted. */
    private static final class Stream implements AutoCloseable {
        private final java.util.stream.Stream<Path> s;

        Stream(Path dir) throws java.io.IOException {
            s = Files.list(dir);
        }

        List<String> names() {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }

        @Override
        public void close() {
            s.close();
        }
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
