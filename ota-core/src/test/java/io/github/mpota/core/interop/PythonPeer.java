package io.github.mpota.core.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code python3 src/test/python/ota_peer.py ...} as a child process: its stdout read line by line (a caller
 * waits for {@code READY <port>} instead of sleeping), its stderr kept for failure messages, and every wait
 * bounded.
 */
final class PythonPeer implements AutoCloseable {

    /** Relative to the module's base folder, which is where surefire runs the tests. */
    static final Path SCRIPT = Path.of("src/test/python/ota_peer.py");

    private static final String END = "\u0000end of stdout";

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stderrPump;

    private PythonPeer(Process process) {
        this.process = process;
        pump(process.getInputStream(), line -> stdout.add(line), "stdout");
        stderrPump = pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), "stderr");
    }

    static PythonPeer start(String... args) throws IOException {
        Path script = SCRIPT.toAbsolutePath();
        assertTrue(Files.isRegularFile(script), "the Python peer is missing: " + script);
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        try {
            return new PythonPeer(new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new IOException("cannot start python3, which the interoperability tests need: " + e.getMessage(),
                    e);
        }
    }

    private Thread pump(InputStream stream, java.util.function.Consumer<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    sink.accept(line);
                }
            } catch (IOException ignored) {
                // the process went away; what was read is what there is
            } finally {
                if (name.equals("stdout")) {
                    stdout.add(END);
                }
            }
        }, "python-peer-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The next stdout line, waiting at most {@code within}. */
    String nextLine(Duration within) throws InterruptedException {
        String line = stdout.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no line from the Python peer within " + within + "; stdout so far "
                    + stdoutSeen + ", stderr: " + stderr);
        }
        if (line.equals(END)) {
            stdout.add(END);
            throw new AssertionError("the Python peer ended its output; stdout " + stdoutSeen + ", stderr: "
                    + stderr);
        }
        stdoutSeen.add(line);
        return line;
    }

    /** Waits for {@code READY <port>} and returns the port. */
    int awaitReady(Duration within) throws InterruptedException {
        String line = nextLine(within);
        assertTrue(line.matches("READY \\d+"), "expected READY <port>, got " + line + "; stderr: " + stderr);
        return Integer.parseInt(line.substring("READY ".length()));
    }

    /** The exit status, waiting at most {@code within}; kills the process and fails when it takes longer. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the Python peer did not finish within " + within + "; stdout "
                    + stdoutSeen + ", stderr: " + stderr);
        }
        stderrPump.join(within.toMillis()); // so that stderr() holds all of it
        return process.exitValue();
    }

    /** Every stdout line once the process has ended. */
    List<String> remainingLines(Duration within) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = stdout.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null || line.equals(END)) {
                return lines;
            }
            stdoutSeen.add(line);
            lines.add(line);
        }
    }

    String stderr() {
        return stderr.toString();
    }

    String transcript() {
        return "stdout " + stdoutSeen + ", stderr: " + stderr;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
