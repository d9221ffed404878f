package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mpota.board.RawSession.FailAt;
import io.github.mpota.core.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A pushed {@code ota_config.json} is read at the next boot for the WiFi network and the OTA password; one that would
 * not load there leaves a board that only a cable can repair. The server checks the staged file with the boot's rules
 * before its journal: {@code FAIL} after the payload, every old file kept, a log line naming the problem.
 */
@Timeout(120)
class StagedSettingsTest {

    private static final String PASSWORD = "pw";
    private static final String KEYS = "WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD, DEVICE_NAME";
    private static final String OLD_CONFIG = "{\"WIFI_SSID\": \"greenhouse\", \"WIFI_PASSWORD\": \"key\","
            + " \"OTA_PASSWORD\": \"pw\"}";

    @TempDir
    Path temp;

    private Path board() throws Exception {
        Path board = Files.createDirectories(temp.resolve("board"));
        Files.writeString(board.resolve("main.py"), "old main\n");
        Files.writeString(board.resolve("ota_config.json"), OLD_CONFIG);
        return board;
    }

    private static Harness push(Path board, String configName, String config, FailAt failAt) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("main.py", "new main\n");
        files.put(configName, config);
        Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--once");
        try {
            RawSession.REPLAYER.replay(RawSession.push("settings", PASSWORD, files, failAt), "127.0.0.1",
                    harness.port());
            harness.awaitLine(Pattern.compile("SESSION 1 .*"), Duration.ofSeconds(60));
            return harness;
        } catch (Exception | AssertionError e) {
            harness.close();
            throw e;
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON | {\"WIFI_SSID\": \"greenhouse\", | ota_config.json is not valid JSON; it must be an object with the"
                + " keys " + KEYS,
        "not an object | [\"greenhouse\"] | ota_config.json must be a JSON object with the keys " + KEYS,
        "no OTA password | {\"WIFI_SSID\": \"greenhouse\", \"WIFI_PASSWORD\": \"key\"} | the OTAUpdater settings in"
                + " ota_config.json lack OTA_PASSWORD (expected keys: " + KEYS + ")",
        "a number for a password | {\"WIFI_SSID\": \"greenhouse\", \"WIFI_PASSWORD\": \"key\", \"OTA_PASSWORD\": 1234}"
                + " | the OTAUpdater settings in ota_config.json: OTA_PASSWORD must be text (in quotes), not int",
    })
    void aSettingsFileThatWouldNotLoadAtBootIsRefusedAndTheOldFilesAreKept(String what, String config, String problem)
            throws Exception {
        Path board = board();
        try (Harness harness = push(board, "ota_config.json", config, FailAt.PAYLOAD)) {
            harness.awaitLine(Pattern.compile("SESSION 1 failed"), Duration.ofSeconds(1));
            harness.awaitLine(Pattern.compile(Pattern.quote("ota: update failed: ota_config.json would not load at boot,"
                    + " so the update is refused and the old files are kept: " + problem)), Duration.ofSeconds(1));
        }
        assertEquals(Map.of("main.py", "old main\n", "ota_config.json", OLD_CONFIG),
                FileTree.describe(Trees.read(board)));
    }

    @Test
    void theSettingsFileIsCheckedUnderAnyNameThatFatTakesForIt() throws Exception {
        Path board = board();
        try (Harness harness = push(board, "OTA_Config.JSON.", "{}", FailAt.PAYLOAD)) {
            harness.awaitLine(Pattern.compile(Pattern.quote("ota: update failed: OTA_Config.JSON. would not load at boot,"
                    + " so the update is refused and the old files are kept: the OTAUpdater settings in OTA_Config.JSON."
                    + " lack WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD (expected keys: " + KEYS + ")")),
                    Duration.ofSeconds(1));
        }
        assertEquals(Map.of("main.py", "old main\n", "ota_config.json", OLD_CONFIG),
                FileTree.describe(Trees.read(board)));
    }

    @Test
    void aSettingsFileThatLoadsIsApplied() throws Exception {
        Path board = board();
        String config = "{\"WIFI_SSID\": \"lab\", \"WIFI_PASSWORD\": \"k2\", \"OTA_PASSWORD\": \"pw2\"}";
        try (Harness harness = push(board, "ota_config.json", config, FailAt.NOWHERE)) {
            harness.awaitLine(Pattern.compile("SESSION 1 updated"), Duration.ofSeconds(1));
        }
        assertEquals(Map.of("main.py", "new main\n", "ota_config.json", config), FileTree.describe(Trees.read(board)));
    }
}
