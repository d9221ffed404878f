package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.testing.Trees;
import io.github.mpota.core.v2.BoardCache;
import io.github.mpota.core.v2.DeltaOptions;
import io.github.mpota.core.v2.NegotiatingClient;
import io.github.mpota.core.v2.PushOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real pushes with ota-core's negotiating client (the one ota:push and the CLI use) into our MicroPython server in
 * its WebAssembly board: v2 is negotiated, the second push is a delta (one file sent, one removed, a file the
 * board's own code made kept), the third changes nothing and does not reboot; a board with v1 off refuses the v1
 * client and serves the v2 one (with the PBKDF2 iterations it was given); a board announcing a 1 KiB window gets
 * a stream it can inflate with it; a power loss in a delta is finished at boot; the settings file is never deleted.
 */
@Timeout(180)
class V2PushToBoardTest {

    private static final String PASSWORD = PushToBoardTest.PASSWORD;
    private static final String INSTALLED = ".ota_installed.json";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    Path project;
    Path board;

    @BeforeEach
    void folders() throws IOException {
        project = Files.createDirectories(temp.resolve("src"));
        board = Files.createDirectories(temp.resolve("board"));
        write("pymakr.conf", "{\"py_ignore\": []}");
    }

    private PushOutcome push(int port, BoardCache cache, DeltaOptions delta, String password) throws Exception {
        return new NegotiatingClient(PushToBoardTest.options(port), cache, delta)
                .push(new FileSelector().select(project).files(), PasswordSource.of(password), (sent, total) -> { });
    }

    private void write(String path, String content) throws IOException {
        Path p = project.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void aDeltaPushSendsTheEditedFileRemovesTheDroppedOneAndANoChangePushDoesNotReboot() throws Exception {
        write("main.py", "print('one')\n");
        write("lib/util.py", "def f():\n    return 1\n");
        write("old.py", "gone soon\n");
        Files.writeString(board.resolve("data.json"), "{\"made\": \"by the application\"}");
        BoardCache cache = BoardCache.load(temp.resolve("boards.json"));
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString())) {
            int port = harness.port();
            PushOutcome first = push(port, cache, DeltaOptions.defaults(), PASSWORD);
            harness.awaitLine(Pattern.compile("SESSION 1 updated"), WAIT);
            assertEquals(2, first.protocol(), harness.output());
            assertEquals(List.of("lib/util.py", "main.py", "old.py", "pymakr.conf"), sorted(first.sent()),
                    harness.output());
            assertTrue(first.rebooting());

            write("main.py", "print('two')\n");
            Files.delete(project.resolve("old.py"));
            PushOutcome second = push(port, cache, DeltaOptions.defaults(), PASSWORD);
            harness.awaitLine(Pattern.compile("SESSION 2 updated"), WAIT);
            assertEquals(List.of("main.py"), second.sent(), harness.output());
            assertEquals(List.of("lib/util.py", "pymakr.conf"), sorted(second.unchanged()), harness.output());
            assertEquals(List.of("old.py"), second.deleted(), harness.output());
            assertTrue(harness.printed("ota: v2 update applied: 1 files written, 1 deleted"), harness.output());

            PushOutcome third = push(port, cache, DeltaOptions.defaults(), PASSWORD);
            harness.awaitLine(Pattern.compile("SESSION 3 unchanged"), WAIT);
            assertTrue(third.nothingChanged(), harness.output());
            assertFalse(third.rebooting());
            assertEquals(2, harness.output().lines().filter("RESET"::equals).count(),
                    "no reset when nothing changed\n" + harness.output());
        }
        Map<String, byte[]> files = Trees.read(board);
        files.remove(INSTALLED);
        assertEquals(Map.of("main.py", "print('two')\n", "lib/util.py", "def f():\n    return 1\n", "pymakr.conf",
                "{\"py_ignore\": []}", "data.json", "{\"made\": \"by the application\"}"), FileTree.describe(files));
        assertEquals(new TreeSet<>(List.of("main.py", "lib/util.py", "pymakr.conf")), installedList(board));
    }

    @Test
    void withV1OffTheV1ClientIsRefusedAndTheV2ClientServed() throws Exception {
        PushToBoardTest.writeProject(project);
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--v1", "off",
                "--iterations", "20000")) {
            int port = harness.port();
            PushException refused = assertThrows(PushException.class,
                    () -> PushToBoardTest.push(project, port, PASSWORD));
            assertTrue(refused.getMessage().toLowerCase().contains("password"), refused.getMessage());
            harness.awaitLine(Pattern.compile("SESSION 1 refused"), WAIT);
            assertTrue(harness.printed("ota: v1 is off: only v2 clients are served"), harness.output());
            assertEquals(Map.of(), Trees.read(board), "nothing written for the v1 client");

            PushOutcome v2 = push(port, BoardCache.inMemory(), DeltaOptions.defaults(), PASSWORD);
            harness.awaitLine(Pattern.compile("SESSION 2 updated"), WAIT);
            assertEquals(2, v2.protocol());
            assertTrue(harness.output().contains("ota: derived the v2 key: 20000 iterations in "), harness.output());
        }
        Map<String, byte[]> files = Trees.read(board);
        files.remove(INSTALLED);
        assertEquals(PushToBoardTest.expected(project).keySet(), files.keySet());
    }

    @Test
    void aWrongPasswordGetsNothingOfTheUpdate() throws Exception {
        write("main.py", "print('secret code')\n");
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString())) {
            int port = harness.port();
            PushException e = assertThrows(PushException.class,
                    () -> push(port, BoardCache.inMemory(), DeltaOptions.defaults(), "wrong"));
            assertTrue(e.getMessage().contains("did not prove the OTA password"), e.getMessage());
            harness.awaitLine(Pattern.compile("SESSION 1 refused"), WAIT);
        }
        assertEquals(Map.of(), Trees.read(board));
    }

    @Test
    void aBoardThatAnnouncesASmallWindowInflatesWhatTheClientSends() throws Exception {
        // Random bytes and repeated text far apart: a 32 KiB window would reach further back than 1 KiB.
        byte[] blob = new byte[20_000];
        new Random(7).nextBytes(blob);
        Files.write(project.resolve("blob.bin"), blob);
        write("text.py", "# a line repeated far apart\n".repeat(600));
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(),
                "--window-bits", "10", "--heap-kib", "64")) {
            PushOutcome outcome = push(harness.port(), BoardCache.inMemory(), DeltaOptions.defaults(), PASSWORD);
            harness.awaitLine(Pattern.compile("SESSION 1 updated"), WAIT);
            assertEquals(2, outcome.protocol(), harness.output());
        }
        Map<String, byte[]> files = Trees.read(board);
        assertTrue(Arrays.equals(blob, files.get("blob.bin")));
        assertEquals("# a line repeated far apart\n".repeat(600), new String(files.get("text.py"),
                StandardCharsets.UTF_8));
    }

    @Test
    void aPowerLossAfterTheJournalOfADeltaIsFinishedAtBootDeletionsAndListIncluded() throws Exception {
        // The board holds what an earlier push installed; the project has edited main.py and dropped old.py.
        Files.writeString(board.resolve("main.py"), "print('one')\n");
        Files.writeString(board.resolve("old.py"), "gone soon\n");
        Files.writeString(board.resolve("pymakr.conf"), "{\"py_ignore\": []}");
        Files.writeString(board.resolve(INSTALLED), "[\"main.py\", \"old.py\", \"pymakr.conf\"]");
        write("main.py", "print('two')\n");
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(),
                "--power-loss-at", "journal")) {
            int port = harness.port();
            assertThrows(PushException.class, () -> push(port, BoardCache.inMemory(), DeltaOptions.defaults(),
                    PASSWORD));
            harness.awaitLine(Pattern.compile("SESSION 1 power-loss"), WAIT);
            assertTrue(harness.printed("BOOT finished"), harness.output());
        }
        Map<String, byte[]> files = Trees.read(board);
        files.remove(INSTALLED);
        assertEquals(Map.of("main.py", "print('two')\n", "pymakr.conf", "{\"py_ignore\": []}"),
                FileTree.describe(files));
        assertEquals(new TreeSet<>(List.of("main.py", "pymakr.conf")), installedList(board));
    }

    @Test
    void aPushThatWouldDeleteTheSettingsFileIsRefusedAndTheBoardKeepsIt() throws Exception {
        // The board reads its WiFi and OTA settings from ota_config.json at every boot: without it only a cable
        // could repair the board, as with a pushed one that would not load (StagedSettingsTest).
        String settings = "{\"WIFI_SSID\": \"lab\", \"WIFI_PASSWORD\": \"k\", \"OTA_PASSWORD\": \"p\"}";
        Files.writeString(board.resolve("ota_config.json"), settings);
        Files.writeString(board.resolve("main.py"), "print('one')\n");
        Files.writeString(board.resolve("pymakr.conf"), "{\"py_ignore\": []}");
        Files.writeString(board.resolve(INSTALLED), "[\"main.py\", \"ota_config.json\", \"pymakr.conf\"]");
        write("main.py", "print('one')\n");
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--once")) {
            int port = harness.port();
            PushException e = assertThrows(PushException.class, () -> push(port, BoardCache.inMemory(),
                    DeltaOptions.defaults(), PASSWORD));
            assertTrue(e.getMessage().contains("ota_config.json holds the board's WiFi and OTA settings"),
                    e.getMessage());
            harness.awaitLine(Pattern.compile("SESSION 1 failed"), WAIT);
        }
        assertEquals(settings, Files.readString(board.resolve("ota_config.json")));
        assertEquals(new TreeSet<>(List.of("main.py", "ota_config.json", "pymakr.conf")), installedList(board));
    }

    private static TreeSet<String> installedList(Path board) throws Exception {
        TreeSet<String> paths = new TreeSet<>();
        new ObjectMapper().readTree(board.resolve(INSTALLED).toFile()).forEach(p -> paths.add(p.asText()));
        return paths;
    }

    private static List<String> sorted(List<String> paths) {
        return paths.stream().sorted().toList();
    }
}
