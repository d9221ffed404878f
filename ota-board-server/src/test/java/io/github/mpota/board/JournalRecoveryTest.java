package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Power loss during an update, in MicroPython itself: the harness cuts the power at a given point of the server's
 * apply and boots the board again, which runs the server's journal recovery as a board's boot does.
 */
@Timeout(120)
class JournalRecoveryTest {

    @TempDir
    Path temp;

    private Path project() throws Exception {
        Path project = Files.createDirectories(temp.resolve("src"));
        Files.writeString(project.resolve("pymakr.conf"), "{}");
        Files.writeString(project.resolve("main.py"), "new main\n");
        Files.createDirectories(project.resolve("lib/deep"));
        Files.writeString(project.resolve("lib/a.py"), "new a\n");
        Files.writeString(project.resolve("lib/deep/b.py"), "new b\n");
        return project;
    }

    private Path oldBoard() throws Exception {
        Path board = Files.createDirectories(temp.resolve("board"));
        Files.writeString(board.resolve("main.py"), "old main\n");
        Files.createDirectories(board.resolve("lib"));
        Files.writeString(board.resolve("lib/a.py"), "old a\n");
        Files.writeString(board.resolve("keep.txt"), "kept\n");
        return board;
    }

    private Harness powerLossAt(Path board, String step) throws Exception {
        return Harness.start("--password", "pw", "--root", board.toString(), "--once", "--power-loss-at", step);
    }

    private static void assertCut(Path project, Harness harness) {
        PushException e = assertThrows(PushException.class,
                () -> PushToBoardTest.push(project, harness.port(), "pw"));
        assertEquals(PushFailure.CONNECTION_LOST, e.failure(), e.getMessage());
    }

    @Test
    void aPowerLossBeforeTheJournalLeavesTheOldFilesAndTheStagingIsDiscarded() throws Exception {
        Path project = project();
        Path board = oldBoard();
        try (Harness harness = powerLossAt(board, "staged")) {
            assertCut(project, harness);
            assertEquals(0, harness.awaitExit(Duration.ofSeconds(60)), harness.output());
            assertTrue(harness.printed("POWER_LOSS staged"), harness.output());
            assertTrue(harness.printed("BOOT discarded"), harness.output());
            assertEquals(Map.of("main.py", "old main\n", "lib/a.py", "old a\n", "keep.txt", "kept\n"),
                    FileTree.describe(Trees.read(board)));
        }
    }

    @ParameterizedTest(name = "power loss at {0}")
    @ValueSource(strings = {"journal", "moved:1", "moved:2"})
    void aPowerLossAfterTheJournalIsFinishedAtTheNextBoot(String step) throws Exception {
        Path project = project();
        Path board = oldBoard();
        try (Harness harness = powerLossAt(board, step)) {
            assertCut(project, harness);
            assertEquals(0, harness.awaitExit(Duration.ofSeconds(60)), harness.output());
            assertTrue(harness.printed("POWER_LOSS " + step), harness.output());
            assertTrue(harness.printed("BOOT finished"), harness.output());
            harness.awaitLine(Pattern.compile("ota: finishing an update that a reset interrupted: 4 files"),
                    Duration.ofSeconds(1));
            assertEquals(Map.of("main.py", "new main\n", "lib/a.py", "new a\n", "lib/deep/b.py", "new b\n",
                    "pymakr.conf", "{}", "keep.txt", "kept\n"), FileTree.describe(Trees.read(board)));
            assertFalse(Files.exists(board.resolve(".ota")), "the server's work folder is gone after recovery");
        }
    }

    @Test
    void aStagingLeftOnTheBoardIsDiscardedAtBoot() throws Exception {
        Path board = oldBoard();
        Files.createDirectories(board.resolve(".ota/stage"));
        Files.writeString(board.resolve(".ota/stage/0"), "half");
        try (Harness harness = Harness.start("--password", "pw", "--root", board.toString(), "--once")) {
            harness.port();
            assertTrue(harness.printed("BOOT discarded"), harness.output());
            assertFalse(Files.exists(board.resolve(".ota")), harness.output());
        }
    }

    @Test
    void aJournalLeftOnTheBoardIsFinishedAtBoot() throws Exception {
        Path board = oldBoard();
        Files.createDirectories(board.resolve(".ota/stage"));
        // File 0 was moved before the reset; file 1 is still staged.
        Files.writeString(board.resolve("main.py"), "new main\n");
        Files.writeString(board.resolve(".ota/stage/1"), "new c\n");
        Files.writeString(board.resolve(".ota/journal.json"), "{\"files\": [\"main.py\", \"x/y/c.py\"]}");
        try (Harness harness = Harness.start("--password", "pw", "--root", board.toString(), "--once")) {
            harness.port();
            assertTrue(harness.printed("BOOT finished"), harness.output());
            assertEquals(Map.of("main.py", "new main\n", "lib/a.py", "old a\n", "x/y/c.py", "new c\n",
                    "keep.txt", "kept\n"), FileTree.describe(Trees.read(board)));
        }
    }

    @Test
    void aJournalWhoseStagedFilesWereAllRemovedIsFinishedAtBoot() throws Exception {
        // A reset while cleaning up after the last move: the staged files are gone, the journal is not yet.
        Path board = oldBoard();
        Files.createDirectories(board.resolve(".ota"));
        Files.writeString(board.resolve(".ota/journal.json"), "{\"files\": [\"main.py\"]}");
        try (Harness harness = Harness.start("--password", "pw", "--root", board.toString(), "--once")) {
            harness.port();
            assertTrue(harness.printed("BOOT finished"), harness.output());
            assertEquals(Map.of("main.py", "old main\n", "lib/a.py", "old a\n", "keep.txt", "kept\n"),
                    FileTree.describe(Trees.read(board)));
            assertFalse(Files.exists(board.resolve(".ota")), harness.output());
        }
    }

    @Test
    void aMoveThatFailsAgainAtBootIsAbandonedAndTheServerServesOnSoThatANewPushRepairsTheBoard() throws Exception {
        // The second file cannot be moved into place, in the update and again at the boot after it (a full
        // filesystem); the boot must not fail for it, or only a cable could repair the board.
        Path project = project();
        Path board = oldBoard();
        try (Harness harness = Harness.start("--password", "pw", "--root", board.toString(),
                "--os-error-at", "moving:2")) {
            PushException e = assertThrows(PushException.class,
                    () -> PushToBoardTest.push(project, harness.port(), "pw"));
            assertEquals(PushFailure.DEVICE_FAILED, e.failure(), e.getMessage());
            harness.awaitLine(Pattern.compile("SESSION 1 unfinished"), Duration.ofSeconds(60));
            assertTrue(harness.printed("BOOT abandoned"), harness.output());
            harness.awaitLine(Pattern.compile("ota: could not finish or discard the interrupted update in /board/\\.ota "
                    + "\\(.*28.*\\); abandoning it, so some files may be old or missing: the board keeps "
                    + "serving OTA so that a new push can repair it"), Duration.ofSeconds(1));
            assertFalse(Files.exists(board.resolve(".ota")), harness.output());

            PushToBoardTest.push(project, harness.port(), "pw");
            harness.awaitLine(Pattern.compile("SESSION 2 updated"), Duration.ofSeconds(60));
            assertEquals(Map.of("main.py", "new main\n", "lib/a.py", "new a\n", "lib/deep/b.py", "new b\n",
                    "pymakr.conf", "{}", "keep.txt", "kept\n"), FileTree.describe(Trees.read(board)));
        }
    }
}
