package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CheckMojoTest {

    @TempDir
    Path src;

    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void sources() throws Exception {
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
        Files.createDirectories(src.resolve("lib/plant"));
        Files.writeString(src.resolve("lib/plant/led.py"), "ON = 1\n");
    }

    private CheckMojo mojo(String profile) {
        CheckMojo m = new CheckMojo();
        m.setLog(log);
        m.src = src.toFile();
        m.defaultExcludes = true;
        m.board = "esp32";
        m.profile = profile;
        return m;
    }

    @Test
    void theReferenceServerCannotCreateTwoFolderLevels() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo("upstream").execute());
        assertTrue(e.getMessage().startsWith("The board would refuse or break this update: "), e.getMessage());
        assertTrue(e.getMessage().contains("lib/plant"), e.getMessage());
        assertTrue(e.getMessage().contains("one folder level at a time"), e.getMessage());
    }

    @Test
    void aBoardThatHasTheFolderAlreadyAcceptsAndTheTreeIsPrinted(@TempDir Path contents) throws Exception {
        Files.createDirectories(contents.resolve("lib"));
        Files.writeString(contents.resolve("lib/old.py"), "old = True\n");
        CheckMojo m = mojo("upstream");
        m.boardContents = contents.toFile();
        m.execute();
        String text = log.text();
        assertTrue(text.contains("[INFO] The board accepts the update. Its files afterwards:"), text);
        assertTrue(text.contains(String.format("[INFO]   %-40s %10d", "main.py", 15)), text);
        assertTrue(text.contains("[INFO]   lib/"), text);
        assertTrue(text.contains(String.format("[INFO]   %-40s %10d", "  old.py", 11)), text);
        assertTrue(text.contains(String.format("[INFO]   %-40s %10d", "    led.py", 7)), text);
        assertTrue(text.contains("[INFO] Free space left: "), text);
        assertTrue(Files.exists(contents.resolve("lib/old.py")), "the given folder is copied, not used");
    }

    @Test
    void theHardenedProfileCreatesEveryLevel() throws Exception {
        mojo("hardened").execute();
        assertTrue(log.text().contains("[INFO]     plant/"), log.text());
    }

    @Test
    void tooLittleFreeSpaceFailsTheBuild() throws Exception {
        Files.writeString(src.resolve("big.py"), "x = 1\n".repeat(3000));
        CheckMojo m = mojo("hardened");
        m.freeBytes = 8192L;
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertTrue(e.getMessage().startsWith("The board would refuse or break this update: "), e.getMessage());
    }

    @Test
    void theBlockSizeReachesTheSimulatedBoard() throws Exception {
        CheckMojo m = mojo("hardened");
        m.blockSize = 512;
        m.freeBytes = 100_000L;
        m.execute();
        // 195 free blocks of 512; main.py, led.py, lib/ and lib/plant/ take one block each.
        assertTrue(log.text().contains("[INFO] Free space left: " + (195 - 4) * 512 + " bytes"), log.text());
        m = mojo("hardened");
        m.blockSize = 0;
        MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
        assertEquals("block size must be 1 byte or more, was 0 (-Dota.blockSize)", e.getMessage());
    }

    @Test
    void anUnknownProfileOrBoardIsAClearError() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> mojo("fast").execute());
        assertEquals("unknown profile 'fast': use upstream or hardened (-Dota.profile)", e.getMessage());
        CheckMojo m = mojo("upstream");
        m.board = "arduino";
        e = assertThrows(MojoExecutionException.class, m::execute);
        assertTrue(e.getMessage().startsWith("unknown board 'arduino'"), e.getMessage());
    }
}
