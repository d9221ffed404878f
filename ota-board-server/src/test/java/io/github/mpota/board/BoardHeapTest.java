package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.testing.Trees;
import io.github.mpota.core.v2.BoardCache;
import io.github.mpota.core.v2.DeltaOptions;
import io.github.mpota.core.v2.NegotiatingClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board server's heap (docs/PERFORMANCE.md, "Board heap"; docs/BOARDS.md): a 300 KB update of 31 files pushed
 * over v1 and over v2 into the WebAssembly board, whose harness measures what the server holds after its import,
 * during each phase of the update (an upper bound) and between updates. The targets, on a board whose firmware has
 * the server frozen in: an ESP8266-sized budget (the server's import and its largest phase within 24 KiB) for a v2
 * update with the 2 KiB window such a board announces, and a 64 KiB heap for a v1 update (whose window is 32 KiB).
 * This build cannot freeze code, so the harness loads the whole server before the first session ({@code --frozen});
 * what a phase adds above that is what the update takes, and {@link #FROZEN_IMPORT} what the frozen server's own
 * objects take. Loaded from .py files (what ota:install-server installs), each phase loads only what it needs and the
 * server forgets it afterwards. A board with too little heap refuses the update, with a sentence naming what it
 * needs, before anything is written.
 */
@Timeout(600)
class BoardHeapTest {

    /**
     * The heap that importing the whole server holds when it is frozen into the firmware, measured on MicroPython
     * 1.27's unix port built 32-bit with src/main/micropython/manifest.py frozen in (docs/BOARDS.md, which gives the
     * commands): this WebAssembly build cannot freeze code.
     */
    static final int FROZEN_IMPORT = 7808;
    static final int ESP8266_BUDGET = 24 * 1024;
    static final int SMALL_BOARD_HEAP = 64 * 1024;

    private static final String PASSWORD = "heap-test-password";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern PHASE = Pattern.compile("HEAP phase (\\w+) (\\d+) ?(\\S*)");
    private static final Pattern FIGURE = Pattern.compile("HEAP (import|held) (\\d+)");
    private static final List<String> PHASES = List.of("accept", "auth", "metadata", "payload", "inflate", "apply");

    @TempDir
    static Path temp;
    static Path project;

    @BeforeAll
    static void aProjectOf300Kb() throws IOException {
        project = Files.createDirectories(temp.resolve("src"));
        Files.writeString(project.resolve("pymakr.conf"), "{\"py_ignore\": []}");
        // MicroPython-like source, as compressible as a real project's (about 1:5), deterministic.
        Random random = new Random(19);
        String[] words = ("def return import self value sensor reading board pin machine time sleep_ms print if else for"
                + " in range while True False None class status wifi config update temperature humidity level")
                .split(" ");
        int total = 0;
        for (int i = 0; total < 300 * 1024; i++) {
            StringBuilder text = new StringBuilder();
            for (int line = 0; line < 200; line++) {
                text.append("    ".repeat(random.nextInt(4)));
                for (int w = 3 + random.nextInt(7); w > 0; w--) {
                    text.append(words[random.nextInt(words.length)]).append(' ');
                }
                text.append("= ").append(random.nextInt(1000)).append('\n');
            }
            Path file = project.resolve((i % 3 == 0 ? "" : "lib/") + "module_" + i + ".py");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            total += text.length();
        }
    }

    /**
     * What one measured update printed: the import, each phase's figure and the server's modules loaded at the end of
     * its last step, what is held after it.
     */
    record Figures(int imported, Map<String, Integer> phases, Map<String, Set<String>> modules, int held) {

        int largestPhase() {
            return phases.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        }

        String table() {
            StringBuilder s = new StringBuilder("import " + imported);
            phases.forEach((phase, bytes) -> s.append(", ").append(phase).append(' ').append(bytes));
            return s.append(", held ").append(held).toString();
        }
    }

    private static Figures push(boolean v2, int windowBits, boolean frozen) throws Exception {
        Path board = Files.createDirectories(temp.resolve("board-" + v2 + "-" + windowBits + "-" + frozen));
        List<String> args = new ArrayList<>(List.of("--password", PASSWORD, "--root", board.toString(), "--heap",
                "--window-bits", Integer.toString(windowBits)));
        if (frozen) {
            args.add("--frozen");
        }
        try (Harness harness = Harness.start(args.toArray(String[]::new))) {
            int port = harness.port();
            if (v2) {
                new NegotiatingClient(PushToBoardTest.options(port), BoardCache.load(board.resolveSibling(
                        board.getFileName() + ".cache.json")), DeltaOptions.defaults())
                        .push(new FileSelector().select(project).files(), PasswordSource.of(PASSWORD), (s, t) -> { });
            } else {
                PushToBoardTest.push(project, port, PASSWORD);
            }
            harness.awaitLine(Pattern.compile("SESSION 1 updated"), WAIT);
            harness.awaitLine(Pattern.compile("HEAP held \\d+"), WAIT);
            Map<String, byte[]> onBoard = new TreeMap<>(Trees.read(board));
            onBoard.remove(".ota_installed.json");
            assertEquals(FileTree.describe(PushToBoardTest.expected(project)), FileTree.describe(onBoard),
                    "the board holds the project after the update");
            return figures(harness);
        }
    }

    private static Figures figures(Harness harness) {
        Map<String, Integer> phases = new LinkedHashMap<>();
        Map<String, Set<String>> modules = new LinkedHashMap<>();
        for (String line : harness.linesMatching(PHASE)) {
            Matcher m = PHASE.matcher(line);
            m.matches();
            phases.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
            modules.computeIfAbsent(m.group(1), k -> new TreeSet<>()).addAll(
                    m.group(3).isEmpty() ? List.of() : List.of(m.group(3).split(",")));
        }
        Map<String, Integer> held = new LinkedHashMap<>();
        for (String line : harness.linesMatching(FIGURE)) {
            Matcher m = FIGURE.matcher(line);
            m.matches();
            held.putIfAbsent(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertEquals(PHASES, List.copyOf(phases.keySet()), "every phase is measured, in order\n" + harness.output());
        return new Figures(held.get("import"), phases, modules, held.get("held"));
    }

    @Test
    void aV2UpdateOf300KbFitsAnEsp8266BudgetWithTheServerFrozen() throws Exception {
        Figures f = push(true, 11, true);
        System.out.println("Board heap, v2, 2 KiB window, frozen model: " + f.table());
        int update = f.largestPhase() - f.imported();
        assertTrue(FROZEN_IMPORT + update <= ESP8266_BUDGET, "the frozen server's import (" + FROZEN_IMPORT
                + ") and the most an update phase adds (" + update + ") must fit " + ESP8266_BUDGET + ": " + f.table());
    }

    @Test
    void aV1UpdateOf300KbFitsA64KibHeapWithTheServerFrozen() throws Exception {
        Figures f = push(false, 15, true);
        System.out.println("Board heap, v1, frozen model: " + f.table());
        int update = f.largestPhase() - f.imported();
        assertTrue(FROZEN_IMPORT + update <= SMALL_BOARD_HEAP, "the frozen server's import (" + FROZEN_IMPORT
                + ") and the most an update phase adds (" + update + ") must fit " + SMALL_BOARD_HEAP + ": " + f.table());
    }

    @Test
    void loadedFromFilesEachPhaseHoldsOnlyWhatItNeedsAndTheServerForgetsItAfterwards() throws Exception {
        for (boolean v2 : new boolean[] {false, true}) {
            Figures f = push(v2, v2 ? 11 : 15, false);
            System.out.println("Board heap, " + (v2 ? "v2, 2 KiB window" : "v1") + ", loaded from .py files: "
                    + f.table() + "; modules " + f.modules());
            assertFalse(f.modules().get("auth").contains("update"), "authentication holds no apply code: " + f.modules());
            assertFalse(f.modules().get("metadata").contains("update"),
                    "the metadata phase holds no apply code: " + f.modules());
            for (String phase : List.of("payload", "inflate", "apply")) {
                Set<String> loaded = f.modules().get(phase);
                // (A v2 session keeps auth.py for its constant-time comparison of every frame's MAC.)
                assertTrue(Stream.of("metadata", "strict_json", v2 ? "metadata" : "auth").noneMatch(loaded::contains),
                        "the " + phase + " phase no longer holds the metadata parser: " + f.modules());
            }
            assertTrue(f.modules().get("inflate").contains("update"), f.modules().toString());
            // The end of the update: only the server's loop is left.
            assertEquals(Set.of("guesses", "memory", "protocol", "server", "wire"), f.modules().get("apply"));
            // Between updates: the server's loop and what it keeps (the guessing count, the v2 key), not the phases.
            assertTrue(f.held() - f.imported() <= 8 * 1024, "held between updates: " + f.table());
        }
    }

    @Test
    void aBoardWithoutTheHeapForTheWindowRefusesBeforeWritingAnything() throws Exception {
        Path board = Files.createDirectories(temp.resolve("board-small"));
        Files.writeString(board.resolve("main.py"), "print('old')\n");
        try (Harness harness = Harness.start("--password", PASSWORD, "--root", board.toString(),
                "--free-heap", "20000")) {
            int port = harness.port();
            // v1: the board answers FAIL; its log names the heap the update needs.
            assertThrows(PushException.class, () -> PushToBoardTest.push(project, port, PASSWORD));
            harness.awaitLine(Pattern.compile("SESSION 1 failed"), WAIT);
            harness.awaitLine(Pattern.compile("ota: update failed: not enough heap to inflate this update: it needs"
                    + " about 34816 bytes \\(a 32768-byte window in one block and 2048 for the decoder and buffers\\),"
                    + " 20000 are free\\..*"), WAIT);
            // v2: the client is told why.
            PushException e = assertThrows(PushException.class, () -> new NegotiatingClient(
                    PushToBoardTest.options(port), BoardCache.load(temp.resolve("small-board.json")),
                    DeltaOptions.defaults()).push(new FileSelector().select(project).files(),
                    PasswordSource.of(PASSWORD), (s, t) -> { }));
            assertTrue(e.getMessage().contains("not enough heap to inflate this update: it needs about 34816 bytes"),
                    e.getMessage());
            harness.awaitLine(Pattern.compile("SESSION 2 failed"), WAIT);
        }
        assertEquals(Map.of("main.py", "print('old')\n"), FileTree.describe(Trees.read(board)),
                "nothing written, nothing staged");
    }
}
