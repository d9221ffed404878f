package io.github.mpota.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the command line: the benchmark itself is a program, run by hand, not a test. */
class PushBenchmarkTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return PushBenchmark.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--stdlib DIR"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("--fast"));
        assertEquals("ota-benchmark: unknown option '--fast' (see --help)\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void optionWithoutValueIsAUsageError() {
        assertEquals(2, run("--stdlib"));
        assertEquals("ota-benchmark: --stdlib needs a value (see --help)\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownPartIsAUsageErrorThatNamesTheParts() {
        assertEquals(2, run("--parts", "compression,speed"));
        assertEquals("ota-benchmark: unknown part 'speed' in --parts; choose from compression, push, memory, maven\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWorkFolderWithFilesInItIsRefused() throws Exception {
        Files.writeString(tmp.resolve("keep.txt"), "mine");
        assertEquals(2, run("--work", tmp.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is not an empty folder; choose a new one"));
        assertTrue(Files.exists(tmp.resolve("keep.txt")));
    }

    @Test
    void aLibraryWithoutPythonSourcesStopsWithASentence() throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        assertEquals(1, run("--stdlib", lib.toString(), "--work", tmp.resolve("work").toString(), "--mvn",
                "/nonexistent/mvn"));
        String o = out.toString(StandardCharsets.UTF_8);
        assertTrue(o.contains("No corpus: " + lib + " holds no .py files; pass --stdlib DIR"), o);
    }
}
