package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 7: a pushed {@code ota_config.json} that would not load at boot would lock the board out of OTA;
 * the hardened board checks the staged copy with the boot's rules before its journal and refuses the update.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PushedSettingsTest {

    private static final String GOOD = "{\"OTA_PASSWORD\": \"secret\"}";

    @TempDir
    Path root;

    private String pushSettings(String settingsPath, String settings) throws Exception {
        byte[] main = RawClient.utf8("print('new')\n");
        byte[] cfg = settings.getBytes(StandardCharsets.UTF_8);
        byte[] payload = RawClient.deflate(main, cfg);
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": " + (main.length + cfg.length)
                + ", \"files\": [{\"path\": \"main.py\", \"size\": " + main.length + "}, {\"path\": \""
                + settingsPath + "\", \"size\": " + cfg.length + "}]}";
        // The board reads its settings from ota_config.json in its root, as a real board does.
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, new CopyOnWriteArrayList<>())
                .configFile(root.resolve("ota_config.json")).build().start();
             RawClient c = new RawClient(device.port())) {
            String replies = c.push(Devices.PASSWORD, m, payload);
            SessionOutcome o = device.awaitSession(1, Devices.WAIT);
            return replies + "|" + (o.success() ? "" : o.reason());
        }
    }

    @Test
    void aSettingsFileWithoutThePasswordIsRefusedAndTheOldFilesStay() throws Exception {
        Files.writeString(root.resolve("ota_config.json"), GOOD);
        Files.writeString(root.resolve("main.py"), "print('old')\n");
        assertEquals("OK,OK,OK,FAIL|the pushed ota_config.json would not load at boot and would lock the board"
                + " out of OTA: OTA_PASSWORD is missing in ota_config.json: the OTA server cannot start without it;"
                + " set OTA_PASSWORD in the configuration file or give the password as an option (--password);"
                + " nothing was changed", pushSettings("ota_config.json", "{\"WIFI_SSID\": \"home\"}"));
        assertEquals(GOOD, Files.readString(root.resolve("ota_config.json")));
        assertEquals("print('old')\n", Files.readString(root.resolve("main.py")));
        assertFalse(Files.exists(root.resolve(".ota")));
    }

    @Test
    void settingsThatAreNotJsonAreRefusedWhateverTheCaseOfTheirName() throws Exception {
        Files.writeString(root.resolve("ota_config.json"), GOOD);
        String result = pushSettings("OTA_Config.json", "{\"OTA_PASSWORD\": \"secret\",}");
        assertTrue(result.startsWith("OK,OK,OK,FAIL|the pushed OTA_Config.json would not load at boot and would lock"
                + " the board out of OTA: configuration OTA_Config.json is not valid JSON: "), result);
        assertTrue(result.endsWith("; nothing was changed"), result);
        assertEquals(GOOD, Files.readString(root.resolve("ota_config.json")));
    }

    @Test
    void validSettingsAreApplied() throws Exception {
        Files.writeString(root.resolve("ota_config.json"), GOOD);
        String next = "{\"OTA_PASSWORD\": \"another secret\", \"PORT\": 0}";
        assertEquals("OK,OK,OK,UPDATE_SUCCESS|", pushSettings("ota_config.json", next));
        assertEquals(next, Files.readString(root.resolve("ota_config.json")));
    }
}
