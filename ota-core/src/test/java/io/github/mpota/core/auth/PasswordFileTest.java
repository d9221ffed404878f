package io.github.mpota.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {

    @TempDir
    Path dir;

    @Test
    void theFirstLineWithoutItsLineEndingIsThePassword() throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "s3cret with spaces \n");
        assertEquals("s3cret with spaces ", PasswordFile.read(f));
        Files.writeString(f, "windows\r\n");
        assertEquals("windows", PasswordFile.read(f));
        Files.writeString(f, "no newline");
        assertEquals("no newline", PasswordFile.read(f));
    }

    @Test
    void aMissingEmptyOrMultiLineFileIsASentenceThatNeverShowsTheContent() throws Exception {
        Path f = dir.resolve("pw");
        assertEquals("password file " + f + " does not exist",
                assertThrows(IOException.class, () -> PasswordFile.read(f)).getMessage());
        Files.writeString(f, "\n");
        assertEquals("password file " + f + " is empty; put the OTA password in it",
                assertThrows(IOException.class, () -> PasswordFile.read(f)).getMessage());
        Files.writeString(f, "first\nsecond\n");
        assertEquals("password file " + f + " has more than one line; put the password alone on its first line",
                assertThrows(IOException.class, () -> PasswordFile.read(f)).getMessage());
    }

    @Test
    void theEnvironmentVariableIsOtaPassword() throws Exception {
        assertEquals(Optional.of("pw"), PasswordFile.fromEnvironment(Map.of("OTA_PASSWORD", "pw")));
        assertEquals(Optional.empty(), PasswordFile.fromEnvironment(Map.of("PATH", "/bin")));
        assertEquals("the environment variable OTA_PASSWORD is set but empty; set it to the OTA password or unset it",
                assertThrows(IOException.class, () -> PasswordFile.fromEnvironment(Map.of("OTA_PASSWORD", "")))
                        .getMessage());
    }
}
