package io.github.mpota.benchmark.memory;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.runtime.DeviceRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A program run in its own JVM under {@link HeapProbe}, with this benchmark's class path: its standard output
 * read line by line, its standard error kept in a file for when it fails.
 */
final class ChildJvm implements AutoCloseable {

    /** Marks the end of the child's output in the line queue. */
    private static final String END = "\u0000end";

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::pump, "child-jvm-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String maxHeap, Path stderr, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + maxHeap);
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(HeapProbe.class.getName());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        return new ChildJvm(p, stderr);
    }

    /** Waits for a line starting with {@code prefix}; fails when the child ends or the time runs out first. */
    String awaitLine(String prefix, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line;
            try {
                line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for '" + prefix + "'", e);
            }
            if (line == null) {
                throw failure("printed no '" + prefix + "' within " + timeout.toSeconds() + " s");
            }
            if (line.equals(END)) {
                lines.add(END);
                throw failure("ended without printing '" + prefix + "'");
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /** Waits for the child to exit with status 0 and returns its heap report. */
    HeapReport awaitHeapReport(Duration timeout) throws IOException {
        String line = awaitLine(HeapReport.PREFIX, timeout);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure("did not exit within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the child JVM", e);
        }
        if (process.exitValue() != 0) {
            throw failure("exited with status " + process.exitValue());
        }
        return HeapReport.parse(line).orElseThrow(() -> new IOException("unreadable heap report: " + line));
    }

    private IOException failure(String what) {
        String err;
        try {
            List<String> all = Files.readAllLines(stderr, StandardCharsets.UTF_8);
            err = String.join("\n  ", all.subList(Math.max(0, all.size() - 15), all.size()));
        } catch (IOException e) {
            err = "(standard error unreadable: " + e.getMessage() + ")";
        }
        return new IOException("a child JVM " + what + "; its output: " + seen + "; its standard error (" + stderr
                + "):\n  " + err);
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process went away; END below tells the waiting side
        } finally {
            lines.add(END);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** The jars (or class folders) of this benchmark and of what it runs: the same code as the parent's. */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : List.of(HeapProbe.class, OtaClient.class, DeviceRuntime.class,
                com.jcraft.jzlib.Deflater.class, ObjectMapper.class, JsonFactory.class, JsonProperty.class)) {
            location(c).ifPresent(entries::add);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<String> location(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
