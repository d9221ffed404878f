package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's own folder {@code .ota/} and paths that FAT takes for the same file: FAT ignores case and drops
 * trailing dots and spaces, so {@code .OTA/} or {@code .ota./} reach the staging folder there, and {@code MAIN.PY}
 * overwrites {@code main.py}. The checks fold names as FAT does, in the metadata and in the journal that the boot
 * replays. On the WebAssembly board (a case-sensitive filesystem, where the unfolded checks let all of these through).
 */
@Timeout(120)
class ReservedPathTest {

    private static final String PASSWORD = "pw";
    private static final Duration SESSION = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Path board() throws Exception {
        Path board = Files.createDirectories(temp.resolve("board"));
        Files.writeString(board.resolve("main.py"), "old main\n");
        Files.writeString(board.resolve("keep.txt"), "kept\n");
        return board;
    }

    private static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    /** Pushes {@code files}, which the board must refuse with FAIL after the metadata, changing nothing. */
    private static void assertRefused(Path board, Map<String, String> files, String logLine) throws Exception {
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--once")) {
            RawSession.REPLAYER.replay(RawSession.push("refused", PASSWORD, files, FailAt.METADATA), "127.0.0.1",
                    harness.port());
            harness.awaitLine(Pattern.compile("SESSION 1 failed"), SESSION);
            harness.awaitLine(Pattern.compile(Pattern.quote("ota: update failed: " + logLine)), Duration.ofSeconds(1));
        }
        assertEquals(Map.of("main.py", "old main\n", "keep.txt", "kept\n"), FileTree.describe(Trees.read(board)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".OTA/journal.json", ".ota./stage/0", ".ota /x.py", ".Ota", ".OTA. . /x.py"})
    void theServersFolderInAnyCaseOrWithTrailingDotsAndSpacesIsRefused(String path) throws Exception {
        assertRefused(board(), files(path, "x"), "path '" + path + "' is inside .ota/, the folder where the device"
                + " stages updates (FAT ignores case and trailing dots and spaces)");
    }

    @Test
    void theListOfInstalledFilesIsRefusedToAV1UpdateToo() throws Exception {
        assertRefused(board(), files(".ota_installed.json", "[\"keep.txt\"]"), "path '.ota_installed.json' is the"
                + " board's list of installed files; an update cannot write it");
        assertRefused(board(), files(".OTA_installed.json.", "[]"), "path '.OTA_installed.json.' is the board's list"
                + " of installed files; an update cannot write it (FAT ignores case and trailing dots and spaces)");
    }

    @Test
    void twoPathsThatDifferOnlyInCaseAreTheSameFileOnFat() throws Exception {
        assertRefused(board(), files("main.py", "a", "MAIN.PY", "b"), "paths 'main.py' and 'MAIN.PY' are the same"
                + " file on a board whose filesystem ignores case and trailing dots and spaces (FAT)");
    }

    @Test
    void twoPathsThatDifferOnlyInATrailingDotAreTheSameFileOnFat() throws Exception {
        assertRefused(board(), files("lib/a.py", "a", "lib./a.py ", "b"), "paths 'lib/a.py' and 'lib./a.py ' are the"
                + " same file on a board whose filesystem ignores case and trailing dots and spaces (FAT)");
    }

    @Test
    void aFileThatIsAFolderOfAnotherPathInAnotherCaseIsRefused() throws Exception {
        assertRefused(board(), files("LIB", "a", "lib/a.py", "b"),
                "path 'LIB' is a file and also the folder of 'lib/a.py'");
    }

    @Test
    void pathsThatDifferInOtherWaysStillGoThrough() throws Exception {
        Path board = board();
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--once")) {
            RawSession.REPLAYER.replay(RawSession.push("accepted", PASSWORD,
                    files("main.py", "new main\n", "main.pyc", "c", "ota/x.py", "x", ".otab", "b"), FailAt.NOWHERE),
                    "127.0.0.1", harness.port());
            harness.awaitLine(Pattern.compile("SESSION 1 updated"), SESSION);
        }
        assertEquals(Map.of("main.py", "new main\n", "main.pyc", "c", "ota/x.py", "x", ".otab", "b", "keep.txt",
                "kept\n"), FileTree.describe(Trees.read(board)));
    }

    /** Boots a board whose {@code .ota/} holds the staged files and a journal listing {@code journal}. */
    private void assertJournalRefused(String journal, String problem) throws Exception {
        Path board = board();
        Files.createDirectories(board.resolve(".ota/stage"));
        Files.writeString(board.resolve(".ota/stage/0"), "staged 0\n");
        Files.writeString(board.resolve(".ota/stage/1"), "staged 1\n");
        Files.writeString(board.resolve(".ota/journal.json"), "{\"files\": " + journal + "}");
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--once")) {
            harness.port();
            assertTrue(harness.printed("BOOT invalid"), harness.output());
            harness.awaitLine(Pattern.compile(Pattern.quote("ota: the update journal /board/.ota/journal.json is refused: " + problem
                    + "; removing it and the staged files without moving any of them")), Duration.ofSeconds(1));
        }
        assertEquals(Map.of("main.py", "old main\n", "keep.txt", "kept\n"), FileTree.describe(Trees.read(board)));
    }

    @Test
    void aJournalEntryThatLeavesTheRootIsRefusedBeforeAnythingMoves() throws Exception {
        // ../board/keep.txt is keep.txt itself, reached from outside the root: a move would overwrite it.
        assertJournalRefused("[\"main.py\", \"../board/keep.txt\"]",
                "path '../board/keep.txt': path has a '..' segment");
    }

    @Test
    void anAbsoluteJournalEntryIsRefused() throws Exception {
        assertJournalRefused("[\"/board/evil.py\"]",
                "path '/board/evil.py': path is absolute; it must be relative to the device's root");
    }

    @Test
    void aJournalEntryInsideTheServersFolderInAnotherCaseIsRefused() throws Exception {
        assertJournalRefused("[\"main.py\", \".OTA/stage/x\"]", "path '.OTA/stage/x' is inside .ota/, the folder"
                + " where the device stages updates (FAT ignores case and trailing dots and spaces)");
    }

    @Test
    void aJournalWhoseFilesAreNotAListOfPathsIsRefused() throws Exception {
        assertJournalRefused("\"main.py\"", "its files are not a list of paths");
    }
}
