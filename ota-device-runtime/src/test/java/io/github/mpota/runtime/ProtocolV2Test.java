package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.v2.BoardCache;
import io.github.mpota.core.v2.DeltaOptions;
import io.github.mpota.core.v2.NegotiatingClient;
import io.github.mpota.core.v2.PushOutcome;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Protocol v2 end to end (docs/PROTOCOL.md "Protocol v2"): ota-core's negotiating client against the hardened
 * profile (delta, removal, nothing changed, a file changed on the board by other means, v1 off) and against the
 * upstream profile (v1 fallback, the probe writes nothing, the cache skips it next time, the downgrade pin).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProtocolV2Test {

    @TempDir
    Path root;
    @TempDir
    Path project;
    @TempDir
    Path cacheDir;

    private List<SourceFile> files() throws IOException {
        List<SourceFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(project)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                out.add(new SourceFile(p, project.relativize(p).toString().replace('\\', '/'), Files.size(p)));
            }
        }
        return out;
    }

    private void write(String path, String content) throws IOException {
        Path p = project.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private PushOutcome push(DeviceRuntime device, BoardCache cache, DeltaOptions options) throws Exception {
        ClientOptions o = new ClientOptions("127.0.0.1", device.port(), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(30), 5, Duration.ofMillis(200));
        return new NegotiatingClient(o, cache, options).push(files(), () -> Devices.PASSWORD, (sent, total) -> { });
    }

    private static long count(DeviceRuntime device, String type, String key, Object value) {
        return device.transcript().stream().filter(e -> type.equals(e.type()))
                .filter(e -> value.equals(e.get(key))).count();
    }

    @Test
    void secondPushSendsOnlyTheEditedFileAndRemovesTheDroppedOne() throws Exception {
        write("main.py", "print('one')\n");
        write("lib/util.py", "def f():\n    return 1\n");
        write("old.py", "gone soon\n");
        Files.writeString(root.resolve("data.json"), "{\"made\": \"by the application\"}");
        BoardCache cache = BoardCache.load(cacheDir.resolve("boards.json"));
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED)) {
            PushOutcome first = push(device, cache, DeltaOptions.defaults());
            assertEquals(2, first.protocol());
            assertEquals(List.of("lib/util.py", "main.py", "old.py"), first.sent());
            assertTrue(first.rebooting());
            device.awaitReboot(1, Devices.WAIT);

            write("main.py", "print('two')\n");
            Files.delete(project.resolve("old.py"));
            PushOutcome second = push(device, cache, DeltaOptions.defaults());
            assertEquals(List.of("main.py"), second.sent());
            assertEquals(List.of("lib/util.py"), second.unchanged());
            assertEquals(List.of("old.py"), second.deleted());
            assertTrue(second.rebooting());
            device.awaitReboot(2, Devices.WAIT);
            // The cached manifest matched the board's digest: the full list was asked for once, in the first push.
            assertEquals(1, count(device, "v2", "step", "manifest"));

            PushOutcome third = push(device, cache, DeltaOptions.defaults());
            assertTrue(third.nothingChanged());
            assertFalse(third.rebooting());
            device.awaitSession(3, Devices.WAIT);
            assertEquals(2, device.rebootCount(), "no reboot when nothing changed");
        }
        assertEquals("print('two')\n", Files.readString(root.resolve("main.py")));
        assertFalse(Files.exists(root.resolve("old.py")));
        assertEquals("{\"made\": \"by the application\"}", Files.readString(root.resolve("data.json")),
                "a file the board's own code created is never removed");
        assertTrue(Files.readString(cacheDir.resolve("boards.json")).contains("\"protocol\" : 2"));
    }

    @Test
    void theSettingsFileIsNeverDeletedAndTheInstalledListNeverWritten() throws Exception {
        // As our MicroPython server (docs/PROTOCOL.md, "Protocol v2"): the board boots from ota_config.json, and
        // .ota_installed.json is its own list, whatever case or trailing dots a FAT board ignores.
        write("main.py", "print('one')\n");
        write("ota_config.json", "{\"WIFI_SSID\": \"lab\", \"WIFI_PASSWORD\": \"wifi-secret\", \"OTA_PASSWORD\": \""
                + Devices.PASSWORD + "\"}");
        BoardCache cache = BoardCache.inMemory();
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED)) {
            push(device, cache, DeltaOptions.defaults());
            device.awaitReboot(1, Devices.WAIT);
            String settings = Files.readString(root.resolve("ota_config.json"));

            Files.delete(project.resolve("ota_config.json"));
            assertThrows(PushException.class, () -> push(device, cache, DeltaOptions.defaults()));
            SessionOutcome refused = device.awaitSession(2, Devices.WAIT);
            assertFalse(refused.success());
            assertTrue(refused.reason().contains("ota_config.json holds the board's WiFi and OTA settings"),
                    refused.reason());
            assertEquals(settings, Files.readString(root.resolve("ota_config.json")));

            write(".OTA_installed.json.", "[]");
            assertThrows(PushException.class, () -> push(device, cache, new DeltaOptions(false, false, false)));
            SessionOutcome reserved = device.awaitSession(3, Devices.WAIT);
            assertTrue(reserved.reason().contains("the board's list of installed files"), reserved.reason());
        }
    }

    @Test
    void aFileChangedOnTheBoardByOtherMeansIsSentAgain() throws Exception {
        write("main.py", "print('one')\n");
        write("util.py", "x = 1\n");
        BoardCache cache = BoardCache.inMemory();
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED)) {
            push(device, cache, DeltaOptions.defaults());
            device.awaitReboot(1, Devices.WAIT);
            Files.writeString(root.resolve("util.py"), "x = 2  # edited with mpremote\n");
            PushOutcome second = push(device, cache, DeltaOptions.defaults());
            assertEquals(List.of("util.py"), second.sent());
            device.awaitReboot(2, Devices.WAIT);
        }
        assertEquals("x = 1\n", Files.readString(root.resolve("util.py")));
    }

    @Test
    void rebootAlwaysAndKeepingRemovedFiles() throws Exception {
        write("main.py", "print('one')\n");
        write("old.py", "kept\n");
        BoardCache cache = BoardCache.inMemory();
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED)) {
            push(device, cache, DeltaOptions.defaults());
            device.awaitReboot(1, Devices.WAIT);
            Files.delete(project.resolve("old.py"));
            PushOutcome kept = push(device, cache, new DeltaOptions(true, false, false));
            assertTrue(kept.nothingChanged());
            assertTrue(kept.rebooting(), "ota.reboot=always reboots although nothing changed");
            device.awaitReboot(2, Devices.WAIT);
        }
        assertEquals("kept\n", Files.readString(root.resolve("old.py")));
    }

    @Test
    void aWrongPasswordGetsNothingOfTheUpdateSent() throws Exception {
        write("main.py", "print('secret code')\n");
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, log).build().start()) {
            ClientOptions o = new ClientOptions("127.0.0.1", device.port(), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(30), 1, Duration.ofMillis(200));
            PushException e = assertThrows(PushException.class, () -> new NegotiatingClient(o,
                    BoardCache.inMemory(), DeltaOptions.defaults()).push(files(), () -> "wrong", (a, b) -> { }));
            assertEquals(PushFailure.AUTHENTICATION_REFUSED, e.failure());
            assertTrue(e.getMessage().contains("did not prove the OTA password"), e.getMessage());
            SessionOutcome s = device.awaitSession(1, Devices.WAIT);
            assertFalse(s.success());
            assertEquals(0, count(device, "v2", "step", "client_proof"), "the client sent no proof");
        }
        assertFalse(Files.exists(root.resolve("main.py")));
    }

    @Test
    void upstreamBoardGetsV1OnTheSameConnectionAfterOneRefusedOpeningAndTheCacheSkipsItNextTime() throws Exception {
        write("main.py", "print('one')\n");
        BoardCache cache = BoardCache.load(cacheDir.resolve("boards.json"));
        try (DeviceRuntime device = Devices.start(root, Profile.UPSTREAM)) {
            PushOutcome first = push(device, cache, DeltaOptions.defaults());
            assertEquals(1, first.protocol());
            SessionOutcome session = device.awaitSession(1, Devices.WAIT);
            assertTrue(session.success(), "one connection: the opening refused, then plain v1");
            assertEquals(List.of("main.py"), session.filesWritten(), "the opening made the board write nothing");
            assertEquals(1, device.rebootCount(), "one reboot: the v1 update's, none for the opening");
            assertEquals(1, count(device, TranscriptEvent.Type.AUTH, "accepted", false));

            push(device, BoardCache.load(cacheDir.resolve("boards.json")), DeltaOptions.defaults());
            assertTrue(device.awaitSession(2, Devices.WAIT).success());
            assertEquals(1, count(device, TranscriptEvent.Type.AUTH, "accepted", false),
                    "the second push sent no opening: the cache knew the board speaks v1");
        }
    }

    @Test
    void upstreamAnswersTheOpeningAsTheReferenceDoesAWrongResponse() throws Exception {
        try (DeviceRuntime device = Devices.start(root, Profile.UPSTREAM);
             java.net.Socket s = new java.net.Socket("127.0.0.1", device.port())) {
            s.setSoTimeout(10_000);
            java.io.InputStream in = s.getInputStream();
            assertTrue(new String(in.readNBytes(8), java.nio.charset.StandardCharsets.US_ASCII).matches("[0-9a-f]{8}"));
            s.getOutputStream().write(io.github.mpota.core.v2.Opening.encode(new byte[24]));
            assertEquals("AUTH_FAIL", new String(in.readNBytes(9), java.nio.charset.StandardCharsets.US_ASCII));
            assertTrue(new String(in.readNBytes(8), java.nio.charset.StandardCharsets.US_ASCII).matches("[0-9a-f]{8}"),
                    "a new challenge, with two attempts left");
        }
        try (java.util.stream.Stream<Path> left = Files.list(root)) {
            assertEquals(0, left.count(), "nothing written");
        }
    }

    @Test
    void changedOnlySendsOnlyWhatChangedToAV1Board() throws Exception {
        write("main.py", "print('one')\n");
        write("util.py", "x = 1\n");
        BoardCache cache = BoardCache.inMemory();
        DeltaOptions changedOnly = new DeltaOptions(false, true, true);
        try (DeviceRuntime device = Devices.start(root, Profile.UPSTREAM)) {
            assertEquals(List.of("main.py", "util.py"), push(device, cache, changedOnly).sent());
            device.awaitReboot(1, Devices.WAIT);
            write("util.py", "x = 2\n");
            PushOutcome second = push(device, cache, changedOnly);
            assertEquals(List.of("util.py"), second.sent());
            assertEquals(List.of("main.py"), second.unchanged());
            device.awaitReboot(2, Devices.WAIT);
        }
        assertEquals("x = 2\n", Files.readString(root.resolve("util.py")));
    }

    @Test
    void aBoardThatSpokeV2IsNeverDowngradedSilently() throws Exception {
        write("main.py", "print('one')\n");
        BoardCache cache = BoardCache.inMemory();
        try (DeviceRuntime device = Devices.start(root, Profile.UPSTREAM)) {
            cache.setProtocol("127.0.0.1:" + device.port(), 2);
            PushException e = assertThrows(PushException.class, () -> push(device, cache, DeltaOptions.defaults()));
            assertTrue(e.getMessage().contains("spoke protocol v2 before and now answers as a v1 board"),
                    e.getMessage());
        }
        assertFalse(Files.exists(root.resolve("main.py")));
    }

    @Test
    void v1OffRefusesAV1ClientWithTheRightPasswordAndServesV2() throws Exception {
        write("main.py", "print('one')\n");
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, log).v1Enabled(false).build().start()) {
            ClientOptions o = new ClientOptions("127.0.0.1", device.port(), Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(30), 1, Duration.ofMillis(200));
            try (PackedPayload payload = new PayloadDeflater().pack(files(), null)) {
                PushException e = assertThrows(PushException.class,
                        () -> new OtaClient(o).push(payload, () -> Devices.PASSWORD, (a, b) -> { }));
                assertEquals(PushFailure.AUTHENTICATION_REFUSED, e.failure());
            }
            assertFalse(device.awaitSession(1, Devices.WAIT).success());
            assertTrue(log.contains("v1 is off: only v2 clients are served"), log.toString());
            assertFalse(Files.exists(root.resolve("main.py")));
            PushOutcome v2 = push(device, BoardCache.inMemory(), DeltaOptions.defaults());
            assertEquals(2, v2.protocol());
            device.awaitReboot(1, Devices.WAIT);
        }
        assertEquals("print('one')\n", Files.readString(root.resolve("main.py")));
    }
}
