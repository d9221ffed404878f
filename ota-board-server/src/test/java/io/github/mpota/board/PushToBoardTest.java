package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.testing.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Pushes with ota-core's client to the MicroPython server in its WebAssembly board and reads back the files. */
@Timeout(120)
class PushToBoardTest {

    static final String PASSWORD = "pässwörd";

    @TempDir
    Path temp;
    Path project;
    Path board;

    @BeforeEach
    void folders() throws IOException {
        project = Files.createDirectories(temp.resolve("src"));
        board = Files.createDirectories(temp.resolve("board"));
    }

    static ClientOptions options(int port) {
        return new ClientOptions("127.0.0.1", port, Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(60), 1, Duration.ofMillis(100));
    }

    static PushResult push(Path project, int port, String password) throws Exception {
        FileSelection selection = new FileSelector().select(project);
        try (PackedPayload payload = new PayloadDeflater().pack(selection.files(), null)) {
            return new OtaClient(options(port)).push(payload, PasswordSource.of(password), (sent, total) -> { });
        }
    }

    /** What the board must hold for the selected files of {@code project}: device path to bytes. */
    static Map<String, byte[]> expected(Path project) throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        for (SourceFile f : new FileSelector().select(project).files()) {
            files.put(f.devicePath(), Files.readAllBytes(f.localPath()));
        }
        return files;
    }

    static void writeProject(Path project) throws IOException {
        Files.writeString(project.resolve("pymakr.conf"), "{\"py_ignore\": [\".git\", \"notes\"]}");
        Files.writeString(project.resolve("main.py"), "import app\napp.run()\n");
        Files.createDirectories(project.resolve("app/drivers/sensors"));
        Files.writeString(project.resolve("app/__init__.py"), "def run():\n    print('running')\n");
        Files.writeString(project.resolve("app/drivers/sensors/bme280.py"), "ADDRESS = 0x76\n");
        Files.writeString(project.resolve("app/zz.py"), "");
        byte[] blob = new byte[70_000];
        new Random(42).nextBytes(blob);
        Files.write(project.resolve("app/firmware.bin"), blob);
        Files.writeString(project.resolve("notes.txt"), "not for the board\n");
        // The server travels with the project, as the plugin's goal puts it there.
        BoardServerSources.writeTo(project);
    }

    @Test
    void aPushLandsEveryFileAndTheBoardResets() throws Exception {
        writeProject(project);
        Files.writeString(board.resolve("boot.py"), "# the board's own\n");
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--once")) {
            PushResult result = push(project, harness.port(), PASSWORD);
            assertEquals(0, harness.awaitExit(Duration.ofSeconds(60)), harness.output());
            assertTrue(harness.printed("RESET"), harness.output());
            Map<String, byte[]> expected = expected(project);
            assertEquals(expected.size(), result.files());
            assertTrue(expected.containsKey("ota/server.py"), "the server travels with the push: " + expected.keySet());
            assertTrue(!expected.containsKey("notes.txt"));
            expected.put("boot.py", "# the board's own\n".getBytes(StandardCharsets.UTF_8));
            Map<String, byte[]> actual = Trees.read(board);
            assertEquals(expected.keySet(), actual.keySet(), harness.output());
            expected.forEach((path, bytes) -> assertArrayEquals(bytes, actual.get(path), path));
        }
    }

    @Test
    void theBoardServesAgainAfterItsResetAndTheLastPushWins() throws Exception {
        Files.writeString(project.resolve("pymakr.conf"), "{}");
        Files.writeString(project.resolve("main.py"), "version = 1\n");
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString())) {
            int port = harness.port();
            push(project, port, PASSWORD);
            harness.awaitLine(Pattern.compile("SESSION 1 updated"), Duration.ofSeconds(30));
            Files.writeString(project.resolve("main.py"), "version = 2\n");
            Files.createDirectories(project.resolve("lib"));
            Files.writeString(project.resolve("lib/extra.py"), "x = 1\n");
            push(project, port, PASSWORD);
            harness.awaitLine(Pattern.compile("SESSION 2 updated"), Duration.ofSeconds(30));
            assertEquals("version = 2\n", Files.readString(board.resolve("main.py")));
            assertEquals("x = 1\n", Files.readString(board.resolve("lib/extra.py")));
            assertEquals(expected(project).keySet(), Trees.read(board).keySet());
        }
    }

    @Test
    void aWrongPasswordIsRefusedThreeTimesAndNothingChanges() throws Exception {
        Files.writeString(project.resolve("pymakr.conf"), "{}");
        Files.writeString(project.resolve("main.py"), "new\n");
        Files.writeString(board.resolve("main.py"), "old\n");
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--once")) {
            PushException e = assertThrows(PushException.class, () -> push(project, harness.port(), "password"));
            assertEquals(PushFailure.AUTHENTICATION_REFUSED, e.failure(), e.getMessage());
            assertTrue(e.getMessage().contains("AUTH_FAIL 3 times"), e.getMessage());
            harness.awaitLine(Pattern.compile("SESSION 1 refused"), Duration.ofSeconds(30));
            assertEquals("old\n", Files.readString(board.resolve("main.py")));
        }
    }

    @Test
    void aBoardWithoutSpaceAnswersFailAndTheClientSaysWhy() throws Exception {
        Files.writeString(project.resolve("pymakr.conf"), "{}");
        Files.writeString(project.resolve("main.py"), "x = 1\n".repeat(1000));
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(), "--once",
                "--free-bytes", "100")) {
            PushException e = assertThrows(PushException.class, () -> push(project, harness.port(), PASSWORD));
            assertEquals(PushFailure.DEVICE_FAILED, e.failure(), e.getMessage());
            harness.awaitLine(Pattern.compile("ota: update failed: not enough space: .*"), Duration.ofSeconds(30));
            assertEquals(Map.of(), Trees.read(board));
        }
    }
}
