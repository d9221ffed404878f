package io.github.mpota.benchmark.compression;

import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.core.payload.Compression;
import io.github.mpota.core.payload.CompressionOptions;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SelectionException;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where best's time goes on one project: the wall time of a pack, the CPU time of the encoder's segment threads
 * (summed over its segments), and the CPU time of the calling thread (reading, joining and writing the segments,
 * and the inflate-and-compare check before sending). From these, the time on more cores than the machine has can
 * be computed (not measured): the calling thread's work plus the segments' work spread evenly over the cores.
 */
public final class BestCpuBench {

    /** How often the segment threads' CPU time is read; a thread's last slice before it ends is missed. */
    public static final long SAMPLE_MILLIS = 5;
    private static final String SEGMENT_THREADS = "ota-zopfli-";

    private final Path tempDir;

    public BestCpuBench(Path tempDir) {
        this.tempDir = tempDir;
    }

    /** One pack's figures; the medians of several are reported. */
    public record Run(long wallNanos, long segmentCpuNanos, long callerCpuNanos, long processCpuNanos, int threads) {

        /** The pack's time on {@code cores} idle cores, computed: the caller's work and the segments spread evenly. */
        public long computedNanosOn(int cores) {
            return callerCpuNanos + segmentCpuNanos / cores;
        }
    }

    /** {@code warmups} unmeasured packs with best, then {@code runs} measured ones. */
    public List<Run> run(Project project, int warmups, int runs) throws IOException, SelectionException,
            InterruptedException {
        List<SourceFile> files = new FileSelector().select(project.sourceDir()).files();
        CompressionOptions options = CompressionOptions.of(Compression.BEST, CompressionOptions.DEFAULT_BUDGET);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        mx.setThreadCpuTimeEnabled(true);
        List<Run> out = new ArrayList<>();
        for (int i = 0; i < warmups + runs; i++) {
            Map<Long, Long> lastCpu = new HashMap<>();
            // Threads of an earlier pack's pool may not have ended yet: they are not this pack's.
            Set<Long> earlier = new HashSet<>(segmentThreads(mx));
            AtomicBoolean done = new AtomicBoolean();
            Thread sampler = new Thread(() -> {
                while (!done.get()) {
                    sample(mx, earlier, lastCpu);
                    try {
                        Thread.sleep(SAMPLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "best-cpu-sampler");
            sampler.setDaemon(true);
            sampler.start();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long process0 = processCpu();
            long t0 = System.nanoTime();
            try (PackedPayload p = new PayloadDeflater(options).pack(files, tempDir)) {
                long wall = System.nanoTime() - t0;
                long caller = mx.getCurrentThreadCpuTime() - cpu0;
                long process = processCpu() - process0;
                done.set(true);
                sampler.join();
                long segments;
                synchronized (lastCpu) {
                    segments = lastCpu.values().stream().mapToLong(Long::longValue).sum();
                }
                if (i >= warmups) {
                    out.add(new Run(wall, segments, caller, process, options.threads()));
                }
            }
        }
        return out;
    }

    /** The CPU time of the whole JVM (every thread: GC and JIT too), -1 where the JVM does not tell. */
    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static List<Long> segmentThreads(ThreadMXBean mx) {
        List<Long> ids = new ArrayList<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(SEGMENT_THREADS)) {
                ids.add(info.getThreadId());
            }
        }
        return ids;
    }

    private static void sample(ThreadMXBean mx, Set<Long> earlier, Map<Long, Long> lastCpu) {
        for (long id : segmentThreads(mx)) {
            long cpu = earlier.contains(id) ? -1 : mx.getThreadCpuTime(id);
            if (cpu > 0) {
                synchronized (lastCpu) {
                    lastCpu.merge(id, cpu, Math::max);
                }
            }
        }
    }
}
