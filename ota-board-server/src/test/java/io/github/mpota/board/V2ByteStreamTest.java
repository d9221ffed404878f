package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.board.cases.ByteStreamCase;
import io.github.mpota.board.cases.ByteStreamCases;
import io.github.mpota.board.cases.ByteStreamReplayer;
import io.github.mpota.board.cases.V2ByteStreamReplayer;
import io.github.mpota.core.testing.Trees;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Protocol v2 (docs/PROTOCOL.md) on our MicroPython server in its WebAssembly board: the shared v2 byte-stream cases
 * (byte-streams/v2-cases.json, which V2ByteStreamRuntimeTest plays against the Java runtime's hardened profile) and
 * this module's further cases (byte-streams/v2-extra-cases.json), which both of our boards must answer alike.
 * Each case says every frame the board answers, the files it holds afterwards, its list of installed files
 * ({@value #INSTALLED}) and whether it reset.
 */
class V2ByteStreamTest {

    private static final String INSTALLED = ".ota_installed.json";
    private static final Pattern SESSION_END = Pattern.compile("SESSION 1 .*");
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** What one board answered to a case, the files it held afterwards (its list aside), that list, and a reset. */
    private record Outcome(List<String> answers, Map<String, byte[]> files, TreeSet<String> installed, boolean reset,
            String log) {
    }

    static Stream<JsonNode> sharedCases() {
        return V2ByteStreamReplayer.load().stream();
    }

    static Stream<ByteStreamCase> extraCases() {
        return ByteStreamCases.loadV2().stream();
    }

    /** The runtime's builder takes no deflate window: it always announces 15 bits. */
    static Stream<ByteStreamCase> extraCasesForTheRuntime() {
        return extraCases().filter(c -> c.windowBits() == null);
    }

    @BeforeAll
    static void installed() {
        Harness.requireInstalled();
    }

    @Test
    void theExtraCasesCoverWhatTheSharedOnesLeaveOut() {
        List<String> names = extraCases().map(ByteStreamCase::name).toList();
        for (String name : List.of("v2-manifest-current-content", "v2-success-list", "v2-success-small-window",
                "v2-replayed-frame", "v2-repeated-frame", "v2-client-wrong-password", "v2-no-space",
                "v2-success-after-wrong-v1-response", "v2-opening-not-hex")) {
            assertTrue(names.contains(name), "no case " + name + " in " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedCases")
    @Timeout(90)
    void theMicroPythonServerAnswersTheSharedCasesAsTheCaseSays(JsonNode c) throws Exception {
        Path root = Files.createDirectories(temp.resolve("board"));
        Map<String, byte[]> before = new LinkedHashMap<>();
        c.path("before").fields().forEachRemaining(e -> before.put(e.getKey(),
                e.getValue().path("text").asText().getBytes(StandardCharsets.UTF_8)));
        List<String> installedBefore = new ArrayList<>();
        c.path("installedBefore").forEach(p -> installedBefore.add(p.asText()));
        List<String> args = new ArrayList<>(List.of("--password", c.path("password").asText()));
        if (!c.path("device").path("v1").asBoolean(true)) {
            args.addAll(List.of("--v1", "off"));
        }
        V2ByteStreamReplayer replayer = new V2ByteStreamReplayer(Duration.ofSeconds(15));
        Outcome outcome = onMicroPython(root, before, installedBefore.isEmpty() ? null : installedBefore, args,
                port -> replayer.record(c, "127.0.0.1", port));
        Map<String, byte[]> after = new LinkedHashMap<>();
        c.path("after").fields().forEachRemaining(e -> after.put(e.getKey(),
                e.getValue().path("text").asText().getBytes(StandardCharsets.UTF_8)));
        TreeSet<String> installedAfter = new TreeSet<>();
        c.path("installedAfter").forEach(p -> installedAfter.add(p.asText()));
        assertOutcome(c.path("name").asText() + ": " + c.path("description").asText(),
                V2ByteStreamReplayer.expectedAnswers(c), after, installedAfter, c.path("reset").asBoolean(), outcome);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extraCases")
    @Timeout(90)
    void theMicroPythonServerAnswersTheExtraCasesAsTheCaseSays(ByteStreamCase c) throws Exception {
        assertOutcome(c, onMicroPython(c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extraCasesForTheRuntime")
    @Timeout(90)
    void theHardenedRuntimeAnswersTheExtraCasesAsTheCaseSays(ByteStreamCase c) throws Exception {
        assertOutcome(c, onHardenedRuntime(c));
    }

    private static void assertOutcome(ByteStreamCase c, Outcome outcome) {
        assertOutcome(c.name() + ": " + c.description(), ByteStreamReplayer.expectedAnswers(c), c.after(),
                c.installedAfter() == null ? null : new TreeSet<>(c.installedAfter()), c.reset(), outcome);
    }

    private static void assertOutcome(String what, List<String> expectedAnswers, Map<String, byte[]> after,
            TreeSet<String> installedAfter, boolean reset, Outcome outcome) {
        assertAll(what,
                () -> assertEquals(String.join("\n", expectedAnswers), String.join("\n", outcome.answers()),
                        "answers\n" + outcome.log()),
                () -> assertEquals(FileTree.describe(after), FileTree.describe(outcome.files()),
                        "files after\n" + outcome.log()),
                () -> after.forEach((path, bytes) -> assertTrue(Arrays.equals(bytes, outcome.files().get(path)),
                        path + " differs byte for byte\n" + outcome.log())),
                () -> {
                    if (installedAfter != null) {
                        assertEquals(installedAfter, outcome.installed(), INSTALLED + " after\n" + outcome.log());
                    }
                },
                () -> assertEquals(reset, outcome.reset(), "reset\n" + outcome.log()));
    }

    /** Plays a case on a port. */
    private interface Play {
        List<String> on(int port) throws Exception;
    }

    private Outcome onMicroPython(ByteStreamCase c) throws Exception {
        List<String> args = new ArrayList<>(List.of("--password", c.password()));
        if (c.freeBytes() != null) {
            args.addAll(List.of("--free-bytes", c.freeBytes().toString()));
        }
        if (!c.v1()) {
            args.addAll(List.of("--v1", "off"));
        }
        if (c.windowBits() != null) {
            args.addAll(List.of("--window-bits", c.windowBits().toString()));
        }
        ByteStreamReplayer replayer = new ByteStreamReplayer(Duration.ofSeconds(15));
        return onMicroPython(Files.createDirectories(temp.resolve("micropython")), c.before(), c.installedBefore(),
                args, port -> replayer.record(c, "127.0.0.1", port));
    }

    private static Outcome onMicroPython(Path root, Map<String, byte[]> before, List<String> installedBefore,
            List<String> args, Play play) throws Exception {
        Trees.write(root, before);
        if (installedBefore != null) {
            Files.write(root.resolve(INSTALLED), JSON.writeValueAsBytes(installedBefore));
        }
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--root", root.toString(), "--once"));
        try (Harness board = Harness.start(all.toArray(String[]::new))) {
            List<String> answers = play.on(board.port());
            board.awaitLine(SESSION_END, SESSION_TIMEOUT);
            assertEquals(0, board.awaitExit(SESSION_TIMEOUT), board.output());
            return outcome(root, answers, board.printed("RESET"), board.output());
        }
    }

    private Outcome onHardenedRuntime(ByteStreamCase c) throws Exception {
        Path root = Files.createDirectories(temp.resolve("runtime"));
        Trees.write(root, c.before());
        if (c.installedBefore() != null) {
            Files.write(root.resolve(INSTALLED), JSON.writeValueAsBytes(c.installedBefore()));
        }
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        DeviceRuntimeBuilder builder = DeviceRuntime.builder().root(root).bindAddress("127.0.0.1").port(0)
                .password(c.password()).profile(Profile.HARDENED).log(log::add).v1Enabled(c.v1());
        if (c.freeBytes() != null) {
            // A filesystem reports whole free blocks, as the harness's board does with --free-bytes.
            long free = c.freeBytes() / FlashFilesystem.DEFAULT_BLOCK_SIZE * FlashFilesystem.DEFAULT_BLOCK_SIZE;
            FlashFilesystem measure = new FlashFilesystem(root, 1L << 40);
            long used = measure.capacityBytes() - measure.freeBytes();
            builder.capacityBytes(Math.max(FlashFilesystem.DEFAULT_BLOCK_SIZE, used + free));
        }
        try (DeviceRuntime runtime = builder.build().start()) {
            List<String> answers = new ByteStreamReplayer(Duration.ofSeconds(15)).record(c, "127.0.0.1",
                    runtime.port());
            runtime.awaitSession(1, SESSION_TIMEOUT);
            return outcome(root, answers, runtime.rebootCount() > 0,
                    "--- Java runtime log ---\n" + String.join("\n", log) + "\n");
        }
    }

    private static Outcome outcome(Path root, List<String> answers, boolean reset, String log) throws Exception {
        Map<String, byte[]> files = Trees.read(root);
        byte[] list = files.remove(INSTALLED);
        TreeSet<String> installed = new TreeSet<>();
        if (list != null) {
            JSON.readTree(list).forEach(p -> installed.add(p.asText()));
        }
        return new Outcome(answers, files, installed, reset, log);
    }
}
