package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.config.DeviceConfig;
import io.github.mpota.runtime.flash.BoardPreset;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.flash.FlashFullException;
import io.github.mpota.runtime.server.UpdateJournal;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import io.github.mpota.runtime.wifi.Network;
import io.github.mpota.runtime.wifi.WlanStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Configuration, WiFi, flash accounting, reboot and the hardened journal. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BoardLifeTest {

    @TempDir
    Path root;

    @Test
    void aPushedConfigWithANewPasswordTakesEffectAfterTheReboot() throws Exception {
        Files.writeString(root.resolve("ota_config.json"), "{\"OTA_PASSWORD\": \"secret\", \"DEVICE_NAME\": \"board\"}");
        String newConfig = "{\"OTA_PASSWORD\": \"changed\", \"DEVICE_NAME\": \"board2\"}";
        byte[] payload = RawClient.deflate(RawClient.utf8(newConfig));
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": " + newConfig.length()
                + ", \"files\": [{\"path\": \"ota_config.json\", \"size\": " + newConfig.length() + "}]}";
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = DeviceRuntime.builder().root(root).port(0).log(log::add).build().start()) {
            assertEquals("board", device.station().hostname());
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push("secret", m, payload));
            }
            RebootEvent reboot = device.awaitReboot(1, Devices.WAIT);
            assertTrue(reboot.configReloaded());
            assertTrue(reboot.online());
            assertEquals("board2", device.station().hostname());
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("AUTH_FAIL", c.authenticate("secret"));
                assertEquals("OK", c.authenticate("changed"));
            }
        }
    }

    @Test
    void aMissingPasswordStopsStartUpWithAClearMessage() {
        DeviceRuntime device = DeviceRuntime.builder().root(root).port(0).log(l -> { }).build();
        DeviceStartException e = assertThrows(DeviceStartException.class, device::start);
        assertTrue(e.getMessage().startsWith("OTA_PASSWORD is missing"), e.getMessage());
    }

    @Test
    void wifiConnectsOnlyWithTheRightPassphraseAndReportsLikeTheBoard() throws Exception {
        DeviceConfig good = new DeviceConfig("lab", "correct horse", "secret", "esp-lab", null);
        List<Network> air = List.of(new Network("lab", "correct horse"));
        try (DeviceRuntime device = DeviceRuntime.builder().root(root).port(0).config(good).networks(air)
                .log(l -> { }).build().start()) {
            assertEquals(WlanStatus.GOT_IP, device.station().status());
            assertEquals(1010, device.station().statusCode(), "esp32's STAT_GOT_IP");
            assertEquals("('127.0.0.1', '255.255.255.0', '127.0.0.1', '127.0.0.1')",
                    device.station().ifconfig().toString().replace("127.0.0.1'", "127.0.0.1'"));
            assertEquals("esp-lab", device.station().hostname());
        }
        DeviceConfig wrong = new DeviceConfig("lab", "wrong horse", "secret", null, null);
        DeviceStartException e = assertThrows(DeviceStartException.class, () -> DeviceRuntime.builder().root(root)
                .port(0).config(wrong).networks(air).log(l -> { }).build().start());
        assertTrue(e.getMessage().contains("STAT_WRONG_PASSWORD (202)"), e.getMessage());
        DeviceConfig absent = new DeviceConfig("cafe", "", "secret", null, null);
        e = assertThrows(DeviceStartException.class, () -> DeviceRuntime.builder().root(root).port(0)
                .config(absent).networks(air).log(l -> { }).build().start());
        assertTrue(e.getMessage().contains("STAT_NO_AP_FOUND"), e.getMessage());
        DeviceConfig shortKey = new DeviceConfig("lab", "1234567", "secret", null, null);
        e = assertThrows(DeviceStartException.class, () -> DeviceRuntime.builder().root(root).port(0)
                .config(shortKey).networks(air).log(l -> { }).build().start());
        assertTrue(e.getMessage().contains("8 to 63 characters"), e.getMessage());
    }

    @Test
    void flashCountsWholeBlocksAndAWriteThatDoesNotFitFailsLikeAFullBoard() throws Exception {
        FlashFilesystem flash = new FlashFilesystem(root, 3 * FlashFilesystem.DEFAULT_BLOCK_SIZE);
        assertEquals(3 * 4096, flash.freeBytes());
        try (OutputStream out = flash.create(flash.resolveStrict("tiny.txt"))) {
            out.write(1);
        }
        assertEquals(2 * 4096, flash.freeBytes(), "one byte takes a whole block");
        try (OutputStream out = flash.create(flash.resolveStrict("exact.bin"))) {
            out.write(new byte[4096]);
        }
        assertEquals(4096, flash.freeBytes());
        OutputStream out = flash.create(flash.resolveStrict("big.bin"));
        out.write(new byte[4096]);
        IOException full = assertThrows(FlashFullException.class, () -> out.write(1));
        assertTrue(full.getMessage().contains("ENOSPC"), full.getMessage());
        out.close();
        assertEquals(0, flash.freeBytes());
        assertEquals(2 * 1024 * 1024, BoardPreset.byName("esp32").filesystemBytes());
        assertEquals(848 * 1024, BoardPreset.byName("rp2-pico-w").filesystemBytes());
    }

    @Test
    void aResetInTheMiddleOfAHardenedApplyIsFinishedAtTheNextBoot() throws Exception {
        Files.writeString(root.resolve("one.py"), "old one");
        Files.writeString(root.resolve("two.py"), "old two");
        byte[] payload = RawClient.deflate(RawClient.utf8("new one"), RawClient.utf8("new two"));
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 14, \"files\": ["
                + "{\"path\": \"one.py\", \"size\": 7}, {\"path\": \"two.py\", \"size\": 7}]}";
        UpdateJournal.MoveObserver powerCut = path -> {
            throw new IOException("power cut after " + path);
        };
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, new CopyOnWriteArrayList<>())
                .moveObserver(powerCut).build().start(); RawClient c = new RawClient(device.port())) {
            assertEquals("OK,OK,OK,FAIL", c.push(Devices.PASSWORD, m, payload));
            String reason = device.awaitSession(1, Devices.WAIT).reason();
            assertTrue(reason.contains("power cut after one.py"), reason);
        }
        assertEquals("new one", Files.readString(root.resolve("one.py")));
        assertEquals("old two", Files.readString(root.resolve("two.py")), "the state a reset leaves");
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            assertTrue(Files.exists(root.resolve(".ota/journal.json")), s.map(Path::toString).toList().toString());
        }

        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, log).build().start()) {
            assertEquals("new one", Files.readString(root.resolve("one.py")));
            assertEquals("new two", Files.readString(root.resolve("two.py")));
            assertFalse(Files.exists(root.resolve(".ota")));
            assertTrue(log.stream().anyMatch(l -> l.startsWith("Finishing an update")), log.toString());
        }
    }

    @Test
    void theTranscriptFileHoldsOneJsonLinePerEvent() throws Exception {
        Path jsonl = root.resolveSibling(root.getFileName() + "-transcript.jsonl");
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, new CopyOnWriteArrayList<>())
                .transcriptFile(jsonl).build().start(); RawClient c = new RawClient(device.port())) {
            c.push(Devices.PASSWORD, RawClient.VECTOR_METADATA, RawClient.VECTOR_PAYLOAD);
            device.awaitReboot(1, Devices.WAIT);
            List<String> lines = Files.readAllLines(jsonl);
            assertEquals(device.transcript().size(), lines.size());
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"reboot\"")));
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"event\":\"space_check\"")
                    && l.contains("\"needed\":76")));
            TranscriptEvent first = device.transcript().get(0);
            assertEquals(first.toJson(), lines.get(0));
        } finally {
            Files.deleteIfExists(jsonl);
        }
    }

    @Test
    void eachBootIsNumberedOneMoreThanTheLast() throws Exception {
        try (DeviceRuntime device = Devices.builder(root, Profile.UPSTREAM, new CopyOnWriteArrayList<>()).build()
                .start()) {
            for (int push = 1; push <= 2; push++) {
                try (RawClient c = new RawClient(device.port())) {
                    assertEquals("OK,OK,OK,UPDATE_SUCCESS",
                            c.push(Devices.PASSWORD, RawClient.VECTOR_METADATA, RawClient.VECTOR_PAYLOAD));
                }
                device.awaitReboot(push, Devices.WAIT);
            }
            List<Object> boots = device.transcript().stream()
                    .filter(e -> TranscriptEvent.Type.BOOT.equals(e.type())).map(e -> e.get("boot")).toList();
            assertEquals(List.of(1, 2, 3), boots);
        }
    }
}
