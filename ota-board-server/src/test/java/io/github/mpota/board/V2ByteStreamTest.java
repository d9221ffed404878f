package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.board.cases.ByteStreamCase;
import io.github.mpota.board.cases.ByteStreamCases;
import io.github.mpota.board.cases.ByteStreamReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protocol v2 byte-stream cases (src/test/resources/byte-streams/cases-v2.json, written by
 * src/test/python/generate_v2_byte_streams.py from docs/PROTOCOL.md) against our MicroPython server in its
 * WebAssembly board: every frame it answers, the files it holds afterwards, its list of installed files and whether it
 * reset. The same cases are for the Java runtime's hardened profile (they travel in this module's test jar).
 */
class V2ByteStreamTest {

    private static final ByteStreamReplayer REPLAYER = new ByteStreamReplayer(Duration.ofSeconds(15));
    private static final Pattern SESSION_END = Pattern.compile("SESSION 1 .*");
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    static Stream<ByteStreamCase> cases() {
        return ByteStreamCases.loadV2().stream();
    }

    @BeforeAll
    static void installed() {
        Harness.requireInstalled();
    }

    @Test
    void theSuiteCoversWhatIssue16AsksFor() {
        List<String> names = cases().map(ByteStreamCase::name).toList();
        for (String name : List.of("v2-success-first-push", "v2-success-nothing-changed", "v2-success-delta",
                "v2-manifest-current-content", "v2-tampered-metadata", "v2-tampered-payload", "v2-replayed-frame",
                "v2-replayed-client-proof", "v2-client-wrong-password", "v2-board-cannot-prove",
                "v2-downgrade-v1-off", "v2-success-small-window")) {
            assertTrue(names.contains(name), "no case " + name + " in " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(90)
    void theMicroPythonServerAnswersAsTheCaseSays(ByteStreamCase c) throws Exception {
        Path root = Files.createDirectories(temp.resolve("board"));
        FileTree.write(root, c.before());
        List<String> args = new ArrayList<>(List.of("--password", c.password(), "--root", root.toString(), "--once"));
        if (c.freeBytes() != null) {
            args.addAll(List.of("--free-bytes", c.freeBytes().toString()));
        }
        if (!c.v1()) {
            args.addAll(List.of("--v1", "off"));
        }
        if (c.windowBits() != null) {
            args.addAll(List.of("--window-bits", c.windowBits().toString()));
        }
        try (Harness board = Harness.start(args.toArray(String[]::new))) {
            List<String> answers = REPLAYER.record(c, "127.0.0.1", board.port());
            board.awaitLine(SESSION_END, SESSION_TIMEOUT);
            assertEquals(0, board.awaitExit(SESSION_TIMEOUT), board.output());
            Map<String, byte[]> files = FileTree.read(root);
            Map<String, byte[]> expected = new TreeMap<>(c.after());
            expected.remove(FileTree.INSTALLED_LIST);
            assertAll(c.name() + ": " + c.description(),
                    () -> assertEquals(String.join("\n", ByteStreamReplayer.expectedAnswers(c)),
                            String.join("\n", answers), board.output()),
                    () -> assertEquals(FileTree.describe(expected), FileTree.describe(files), board.output()),
                    () -> expected.forEach((path, bytes) -> assertTrue(Arrays.equals(bytes, files.get(path)),
                            path + " differs byte for byte\n" + board.output())),
                    () -> {
                        if (c.installed() != null) {
                            assertEquals(new TreeSet<>(c.installed()), installedList(root), board.output());
                        }
                    },
                    () -> assertEquals(c.reset(), board.printed("RESET"), "reset\n" + board.output()));
        }
    }

    /** The board's list of installed files, as a set of paths (its order and layout are the board's own). */
    static TreeSet<String> installedList(Path root) throws Exception {
        Path list = root.resolve(FileTree.INSTALLED_LIST);
        TreeSet<String> paths = new TreeSet<>();
        if (Files.exists(list)) {
            for (JsonNode p : new ObjectMapper().readTree(list.toFile())) {
                paths.add(p.asText());
            }
        }
        return paths;
    }
}
