package io.github.mpota.maven;

import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The starter {@code ota_config.json} that {@code ota:install-server} writes, and the guard that keeps it off a
 * board while its placeholders are unedited: a board that boots with them cannot join WiFi, and so cannot be
 * reached again without a USB cable.
 */
final class StarterConfig {

    static final String FILE_NAME = "ota_config.json";

    private static final List<String> PLACEHOLDERS = List.of("your-wifi-name", "your-wifi-password",
            "choose-an-ota-password");

    static final String TEXT = """
            {
              "WIFI_SSID": "%s",
              "WIFI_PASSWORD": "%s",
              "OTA_PASSWORD": "%s",
              "DEVICE_NAME": "myboard"
            }
            """.formatted(PLACEHOLDERS.toArray());

    private StarterConfig() {
    }

    /** Fails when the selection would send an {@code ota_config.json} that still holds a starter placeholder. */
    static void refuseUnedited(FileSelection selection) throws MojoExecutionException {
        for (SourceFile f : selection.files()) {
            if (!f.devicePath().equals(FILE_NAME)) {
                continue;
            }
            String text;
            try {
                text = Files.readString(f.localPath(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return; // not text we wrote; the push reads it again and reports a real problem
            }
            for (String placeholder : PLACEHOLDERS) {
                if (text.contains("\"" + placeholder + "\"")) {
                    throw new MojoExecutionException(f.localPath() + " still holds the placeholder \"" + placeholder
                            + "\" written by ota:install-server: a board that boots with it cannot join WiFi and"
                            + " is out of OTA's reach until it is flashed over USB. Set WIFI_SSID, WIFI_PASSWORD and"
                            + " OTA_PASSWORD to the board's values, or leave the file out (-Dota.excludes="
                            + FILE_NAME + ")");
                }
            }
        }
    }
}
