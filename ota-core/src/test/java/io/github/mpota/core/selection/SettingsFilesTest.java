package io.github.mpota.core.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, point 1 and issue 15's CLI point: the settings files and their guards, the same for every client. */
class SettingsFilesTest {

    @TempDir
    Path src;

    @BeforeEach
    void project() throws Exception {
        Files.writeString(src.resolve("main.py"), "print(1)\n");
        Files.writeString(src.resolve("ota_config.json"), "{\"WIFI_SSID\": \"greenhouse\", \"WIFI_PASSWORD\":"
                + " \"wifi-pass-123\", \"OTA_PASSWORD\": \"new-ota-password-1\", \"DEVICE_NAME\": \"pm\"}");
        Files.writeString(src.resolve("config.py"), "OTA_PASSWORD = 'old'\n");
        Files.createDirectories(src.resolve("lib"));
        Files.writeString(src.resolve("lib/config.py"), "X = 1\n");
        Files.createDirectories(src.resolve("__pycache__"));
        Files.writeString(src.resolve("__pycache__/main.cpython-311.pyc"), "x");
    }

    private static List<String> paths(FileSelection s) {
        return s.files().stream().map(SourceFile::devicePath).toList();
    }

    @Test
    void settingsFilesAtTheRootAreLeftOutByDefaultAndNamed() throws Exception {
        FileSelection s = new FileSelector(p -> true, FileRules.DEFAULT).select(src);
        assertEquals(List.of("main.py", "lib/config.py"), paths(s));
        assertEquals(List.of("config.py", "ota_config.json"), s.settingsLeftOut());
        assertEquals("Not pushing config.py and ota_config.json: settings files hold the WiFi and OTA passwords and"
                + " would travel unencrypted (--push-settings sends them)",
                SettingsFiles.leftOutNotice(s.settingsLeftOut(), "--push-settings"));
    }

    @Test
    void sentOnRequestWithAWarning() throws Exception {
        FileSelection s = new FileSelector(p -> true, new FileRules(true, true)).select(src);
        assertEquals(List.of("config.py", "main.py", "ota_config.json", "lib/config.py"), paths(s));
        assertEquals(List.of("config.py", "ota_config.json"), s.settingsSent());
        assertTrue(SettingsFiles.sendingWarning(s.settingsSent()).contains("WiFi and OTA passwords, which travel"
                + " unencrypted"));
    }

    @Test
    void aPushedPasswordThatDiffersIsCaughtBeforeSending() throws Exception {
        Files.delete(src.resolve("config.py"));
        FileSelection s = new FileSelector(p -> true, new FileRules(true, true)).select(src);
        Optional<String> w = SettingsFiles.passwordChange(s, "current-password");
        assertTrue(w.isPresent());
        assertTrue(w.get().startsWith("ota_config.json sets an OTA_PASSWORD different from the one used for this"
                + " push"), w.get());
        assertEquals(Optional.empty(), SettingsFiles.passwordChange(s, "new-ota-password-1"));
    }

    @Test
    void theStarterPlaceholdersAreRefused() throws Exception {
        Files.writeString(src.resolve("ota_config.json"), SettingsFiles.starterConfig("abc"));
        FileSelection s = new FileSelector(p -> true, new FileRules(true, true)).select(src);
        assertTrue(SettingsFiles.placeholderProblem(s).orElseThrow().contains("still holds the placeholder"
                + " \"your-wifi-name\" written by ota:install-server"));
    }
}
