package io.github.mpota.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Python script run in MicroPython's WebAssembly build (src/test/node/micropython-run.mjs) on a board whose
 * filesystem holds the given files, with the stand-ins of src/test/micropython/lib (the firmware's network module,
 * a virtual clock) in its /lib.
 */
final class MicroPythonScript {

    static final Path STAND_INS = Harness.MODULE_DIR.resolve("src/test/micropython/lib");
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    /** What the run printed, line by line, and how it ended. */
    record Run(int exitCode, List<String> lines, String errors) {

        /** The output and errors, for assertion messages. */
        String output() {
            return "--- MicroPython output ---\n" + String.join("\n", lines) + "\n--- errors ---\n" + errors;
        }
    }

    private MicroPythonScript() {
    }

    /**
     * Runs {@code script} with {@code boardFiles} (path on the board to content) in the board's current folder;
     * {@code work} is a scratch folder of the test.
     */
    static Run run(Path work, Map<String, String> boardFiles, String script) throws IOException, InterruptedException {
        Harness.requireInstalled();
        Path board = Files.createDirectories(work.resolve("board"));
        for (Map.Entry<String, String> file : boardFiles.entrySet()) {
            Path target = board.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        Path scriptFile = Files.writeString(work.resolve("script.py"), script);
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        Process process = new ProcessBuilder("node", "micropython-run.mjs", "--board", board.toString(),
                "--lib", STAND_INS.toString(), scriptFile.toString())
                .directory(Harness.NODE_DIR.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("MicroPython did not finish the script within " + RUN_TIMEOUT.toSeconds()
                    + " s\n" + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
