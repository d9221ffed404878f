package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.selection.FileSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterConfigTest {

    @TempDir
    Path src;

    @Test
    void refusesToSendTheUneditedStarterConfig() throws Exception {
        Files.writeString(src.resolve("main.py"), "print(1)\n");
        Files.writeString(src.resolve(StarterConfig.FILE_NAME), StarterConfig.TEXT);
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> StarterConfig.refuseUnedited(new FileSelector().select(src)));
        assertTrue(e.getMessage().contains("still holds the placeholder \"your-wifi-name\" written by"
                + " ota:install-server"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dota.excludes=ota_config.json"), e.getMessage());
    }

    @Test
    void sendsAnEditedConfigAndProjectsWithoutOne() throws Exception {
        Files.writeString(src.resolve("main.py"), "print(1)\n");
        assertDoesNotThrow(() -> StarterConfig.refuseUnedited(new FileSelector().select(src)));
        Files.writeString(src.resolve(StarterConfig.FILE_NAME), "{\"WIFI_SSID\": \"greenhouse\","
                + " \"WIFI_PASSWORD\": \"s3cret-pass\", \"OTA_PASSWORD\": \"x\", \"DEVICE_NAME\": \"pm\"}");
        assertDoesNotThrow(() -> StarterConfig.refuseUnedited(new FileSelector().select(src)));
    }
}
