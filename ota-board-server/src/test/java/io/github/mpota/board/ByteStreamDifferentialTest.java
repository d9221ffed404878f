package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.board.cases.ByteStreamCase;
import io.github.mpota.board.cases.ByteStreamCases;
import io.github.mpota.board.cases.ByteStreamReplayer;
import io.github.mpota.core.testing.Trees;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every byte-stream case (valid sessions, malformed input, every failure of PROTOCOL.md, cuts in each phase,
 * the device's timeouts) sent to both of our servers: the MicroPython one in its WebAssembly board and the Java
 * device runtime in its hardened profile. Each must answer what the case says, byte for byte, and both must
 * answer alike and leave the same files; where they differ, one of them is wrong.
 */
class ByteStreamDifferentialTest {

    private static final ByteStreamReplayer REPLAYER = new ByteStreamReplayer(Duration.ofSeconds(15));
    private static final Pattern SESSION_END = Pattern.compile("SESSION 1 .*");
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    /** What one board answered to a case and what it held afterwards. */
    private record Outcome(List<String> answers, Map<String, byte[]> files, boolean reset, String log) {
    }

    static Stream<ByteStreamCase> cases() {
        return ByteStreamCases.load().stream();
    }

    @BeforeAll
    static void installed() {
        Harness.requireInstalled();
    }

    @Test
    void theSuiteCoversEveryPhase() {
        List<String> names = cases().map(ByteStreamCase::name).toList();
        for (String prefix : List.of("success-", "auth-", "cut-before-response", "cut-mid-response",
                "cut-before-length", "cut-mid-length", "length-", "metadata-", "cut-mid-metadata", "no-space",
                "cut-before-payload", "cut-mid-payload", "payload-")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(prefix)), "no case for " + prefix + " in " + names);
        }
        assertTrue(cases().anyMatch(c -> c.timeoutMillis() != null), "no case waits for the device's timeout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(90)
    void bothServersAnswerAsTheCaseSaysAndLeaveTheSameFiles(ByteStreamCase c) throws Exception {
        Outcome micropython = onMicroPython(c, Files.createDirectories(temp.resolve("micropython")));
        Outcome runtime = onHardenedRuntime(c, Files.createDirectories(temp.resolve("runtime")));
        List<String> expected = ByteStreamReplayer.expectedAnswers(c);

        assertAll(c.name() + ": " + c.description(),
                () -> assertEquals(String.join("\n", micropython.answers()), String.join("\n", runtime.answers()),
                        "the two servers answer differently (expected, MicroPython), (actual, Java runtime)\n"
                                + micropython.log() + runtime.log()),
                () -> assertEquals(String.join("\n", expected), String.join("\n", micropython.answers()),
                        "MicroPython's answers\n" + micropython.log()),
                () -> assertEquals(String.join("\n", expected), String.join("\n", runtime.answers()),
                        "the Java runtime's answers\n" + runtime.log()),
                () -> assertSameFiles(c.after(), micropython.files(), "MicroPython's files\n" + micropython.log()),
                () -> assertSameFiles(c.after(), runtime.files(), "the Java runtime's files\n" + runtime.log()),
                () -> assertEquals(c.reset(), micropython.reset(), "MicroPython reset\n" + micropython.log()),
                () -> assertEquals(c.reset(), runtime.reset(), "the Java runtime reset\n" + runtime.log()));
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
        assertEquals(FileTree.describe(expected), FileTree.describe(actual), what);
        expected.forEach((path, bytes) -> assertTrue(Arrays.equals(bytes, actual.get(path)),
                path + " differs byte for byte: " + what));
    }

    private Outcome onMicroPython(ByteStreamCase c, Path root) throws Exception {
        Trees.write(root, c.before());
        List<String> args = new ArrayList<>(List.of("--password", c.password(), "--root", root.toString(), "--once"));
        if (c.timeoutMillis() != null) {
            args.addAll(List.of("--timeout-ms", c.timeoutMillis().toString()));
        }
        if (c.freeBytes() != null) {
            args.addAll(List.of("--free-bytes", c.freeBytes().toString()));
        }
        try (Harness board = Harness.start(args.toArray(String[]::new))) {
            List<String> answers = REPLAYER.record(c, "127.0.0.1", board.port());
            board.awaitLine(SESSION_END, SESSION_TIMEOUT);
            assertEquals(0, board.awaitExit(SESSION_TIMEOUT), board.output());
            return new Outcome(answers, Trees.read(root), board.printed("RESET"), board.output());
        }
    }

    private static Outcome onHardenedRuntime(ByteStreamCase c, Path root) throws Exception {
        Trees.write(root, c.before());
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        DeviceRuntimeBuilder builder = DeviceRuntime.builder().root(root).bindAddress("127.0.0.1").port(0)
                .password(c.password()).profile(Profile.HARDENED).log(log::add);
        if (c.timeoutMillis() != null) {
            builder.ioTimeout(Duration.ofMillis(c.timeoutMillis()));
        }
        if (c.freeBytes() != null) {
            // A filesystem reports whole free blocks, as the harness's board does with --free-bytes.
            long free = c.freeBytes() / FlashFilesystem.DEFAULT_BLOCK_SIZE * FlashFilesystem.DEFAULT_BLOCK_SIZE;
            builder.capacityBytes(Math.max(FlashFilesystem.DEFAULT_BLOCK_SIZE, usedBytes(root) + free));
        }
        try (DeviceRuntime runtime = builder.build().start()) {
            List<String> answers = REPLAYER.record(c, "127.0.0.1", runtime.port());
            runtime.awaitSession(1, SESSION_TIMEOUT);
            String output = "--- Java runtime log ---\n" + String.join("\n", log) + "\n";
            return new Outcome(answers, Trees.read(root), runtime.rebootCount() > 0, output);
        }
    }

    /** What the case's files take on a board's filesystem, in whole blocks: the runtime reports free space so. */
    private static long usedBytes(Path root) throws Exception {
        FlashFilesystem measure = new FlashFilesystem(root, 1L << 40);
        return measure.capacityBytes() - measure.freeBytes();
    }
}
