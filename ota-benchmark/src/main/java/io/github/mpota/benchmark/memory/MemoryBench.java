package io.github.mpota.benchmark.memory;

import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.benchmark.push.BenchmarkBoard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One push per project between two child JVMs with the same small heap limit: the device runtime's command line
 * ({@code --once}, so it exits after the update) and {@link ClientPush}, packing with {@code best}. Both complete
 * only if neither runs out of heap; their probes say how much they used.
 */
public final class MemoryBench {

    public static final String MAX_HEAP = "64m";
    /** The mode that needs the most heap: zopfli's segments in flight on every thread the heap allows. */
    public static final String CLIENT_COMPRESSION = "best";
    private static final String RUNTIME_MAIN = "io.github.mpota.runtime.cli.Main";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** best on the large project takes a minute or two on two cores. */
    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(10);

    private final Path workDir;

    public MemoryBench(Path workDir) {
        this.workDir = workDir;
    }

    public MemoryRow run(Project project) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("memory-" + project.name()));
        Path board = dir.resolve("board");
        try (ChildJvm runtime = ChildJvm.start(MAX_HEAP, dir.resolve("runtime.err"), RUNTIME_MAIN,
                "--root", board.toString(), "--port", "0", "--password", BenchmarkBoard.PASSWORD,
                "--free-bytes", Long.toString(BenchmarkBoard.CAPACITY_BYTES), "--profile", "hardened", "--once")) {
            String ready = runtime.awaitLine("READY ", START_TIMEOUT);
            String port = ready.substring("READY ".length()).trim();
            HeapReport client;
            try (ChildJvm push = ChildJvm.start(MAX_HEAP, dir.resolve("client.err"), ClientPush.class.getName(),
                    project.sourceDir().toString(), port, BenchmarkBoard.PASSWORD, CLIENT_COMPRESSION)) {
                push.awaitLine("PUSHED ", PUSH_TIMEOUT);
                client = push.awaitHeapReport(PUSH_TIMEOUT);
            }
            HeapReport device = runtime.awaitHeapReport(PUSH_TIMEOUT);
            return new MemoryRow(project.name(), project.files(), project.bytes(), MAX_HEAP, client, device);
        }
    }
}
