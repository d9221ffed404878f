package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.fail;

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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The WebAssembly board (src/test/node/ota-harness.mjs) as a process, with its output lines to wait on. */
final class Harness implements AutoCloseable {

    static final Path MODULE_DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    static final Path NODE_DIR = MODULE_DIR.resolve("src/test/node");
    static final String INSTALL_COMMAND = "npm ci --prefix ota-board-server/src/test/node";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile("READY (\\d+)");

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder errors = new StringBuilder();
    private boolean ended;

    private Harness(Process process) {
        this.process = process;
        Thread out = new Thread(() -> pump(process.getInputStream(), false), "harness-stdout");
        Thread err = new Thread(() -> pump(process.getErrorStream(), true), "harness-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    /** Fails the test, with the command that fixes it, when the harness's npm packages are not installed. */
    static void requireInstalled() {
        Path pkg = NODE_DIR.resolve("node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs");
        if (!Files.isRegularFile(pkg)) {
            fail("MicroPython's WebAssembly build is not installed in " + NODE_DIR.resolve("node_modules")
                    + "; install it from the repository root with: " + INSTALL_COMMAND);
        }
    }

    static Harness start(String... args) throws IOException {
        requireInstalled();
        List<String> command = new ArrayList<>(List.of("node", "ota-harness.mjs"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(NODE_DIR.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start Node.js ('node' on the PATH), which runs the harness: "
                    + e.getMessage(), e);
        }
        return new Harness(process);
    }

    private void pump(InputStream stream, boolean isError) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    if (isError) {
                        errors.append(line).append('\n');
                    } else {
                        lines.add(line);
                    }
                    notifyAll();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            if (!isError) {
                synchronized (this) {
                    ended = true;
                    notifyAll();
                }
            }
        }
    }

    /** The port from the {@code READY <port>} line. */
    int port() throws InterruptedException {
        Matcher m = READY.matcher(awaitLine(READY, START_TIMEOUT));
        m.matches();
        return Integer.parseInt(m.group(1));
    }

    /** The first output line that matches {@code pattern} in full, waiting for it up to {@code timeout}. */
    synchronized String awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> hit = lines.stream().filter(l -> pattern.matcher(l).matches()).findFirst();
            if (hit.isPresent()) {
                return hit.get();
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new AssertionError("the harness printed no line matching " + pattern + (ended ? " before it ended"
                        : " within " + timeout.toMillis() + " ms") + "\n" + output());
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Every output line so far that matches {@code pattern} in full. */
    synchronized List<String> linesMatching(Pattern pattern) {
        return lines.stream().filter(l -> pattern.matcher(l).matches()).toList();
    }

    synchronized boolean printed(String line) {
        return lines.contains(line);
    }

    /** Waits for the process to end (after {@code --once}); returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the harness did not exit within " + timeout.toMillis() + " ms\n" + output());
        }
        synchronized (this) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!ended && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
            }
        }
        return process.exitValue();
    }

    synchronized String output() {
        return "--- harness output ---\n" + String.join("\n", lines) + "\n--- harness errors ---\n" + errors;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
