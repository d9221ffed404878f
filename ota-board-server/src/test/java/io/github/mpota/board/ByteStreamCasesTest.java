package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.board.cases.ByteStreamCase;
import io.github.mpota.board.cases.ByteStreamCases;
import io.github.mpota.board.cases.ByteStreamReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays every byte-stream case against the MicroPython server in its WebAssembly board: the reply bytes must
 * match, and the board must hold exactly the expected files afterwards (the old ones after every failure).
 */
class ByteStreamCasesTest {

    private static final ByteStreamReplayer REPLAYER = new ByteStreamReplayer(Duration.ofSeconds(15));
    private static final Pattern SESSION_END = Pattern.compile("SESSION 1 .*");

    @TempDir
    Path temp;

    @BeforeAll
    static void installed() {
        Harness.requireInstalled();
    }

    @Test
    void theSuiteCoversEveryPhase() {
        List<String> names = ByteStreamCases.load().stream().map(ByteStreamCase::name).toList();
        for (String prefix : List.of("success-", "auth-", "cut-before-response", "cut-mid-response",
                "cut-before-length", "cut-mid-length", "length-", "metadata-", "cut-mid-metadata", "no-space",
                "cut-before-payload", "cut-mid-payload", "payload-")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), "no case for " + prefix + " in " + names);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGivesTheExpectedBytesAndFiles() {
        return ByteStreamCases.load().stream().map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.description(),
                () -> assertTimeoutPreemptively(Duration.ofSeconds(90), () -> run(c))));
    }

    private void run(ByteStreamCase c) throws Exception {
        Path root = Files.createTempDirectory(temp, c.name());
        FileTree.write(root, c.before());
        List<String> args = new ArrayList<>(List.of("--password", c.password(), "--root", root.toString(), "--once"));
        if (c.timeoutMillis() != null) {
            args.addAll(List.of("--timeout-ms", c.timeoutMillis().toString()));
        }
        if (c.freeBytes() != null) {
            args.addAll(List.of("--free-bytes", c.freeBytes().toString()));
        }
        try (Harness board = Harness.start(args.toArray(String[]::new))) {
            int port = board.port();
            try {
                REPLAYER.replay(c, "127.0.0.1", port);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + board.output(), e);
            }
            String end = board.awaitLine(SESSION_END, Duration.ofSeconds(30));
            assertEquals(0, board.awaitExit(Duration.ofSeconds(30)), board.output());
            assertEquals(c.reset(), board.printed("RESET"), "reset after " + end + "\n" + board.output());
            Map<String, byte[]> files = FileTree.read(root);
            assertEquals(FileTree.describe(c.after()), FileTree.describe(files), "files on the board\n" + board.output());
            c.after().forEach((path, bytes) -> assertTrue(java.util.Arrays.equals(bytes, files.get(path)),
                    path + " differs byte for byte"));
        }
    }
}
