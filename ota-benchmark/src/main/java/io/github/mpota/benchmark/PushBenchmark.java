package io.github.mpota.benchmark;

import io.github.mpota.benchmark.compression.BestCpuBench;
import io.github.mpota.benchmark.compression.CompressionBench;
import io.github.mpota.benchmark.compression.CompressionResult;
import io.github.mpota.benchmark.compression.Encoder;
import io.github.mpota.benchmark.corpus.CorpusBuilder;
import io.github.mpota.benchmark.corpus.CorpusException;
import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.benchmark.corpus.ProjectSpec;
import io.github.mpota.benchmark.memory.HeapProbe;
import io.github.mpota.benchmark.memory.MemoryBench;
import io.github.mpota.benchmark.memory.MemoryRow;
import io.github.mpota.benchmark.push.EndToEndBench;
import io.github.mpota.benchmark.push.MavenPushBench;
import io.github.mpota.benchmark.push.MavenRow;
import io.github.mpota.benchmark.push.PushResultRow;
import io.github.mpota.benchmark.report.Format;
import io.github.mpota.benchmark.report.Machine;
import io.github.mpota.benchmark.report.Table;
import io.github.mpota.core.payload.CompressionOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The push benchmark: builds three projects from the machine's Python standard library and prints, as Markdown
 * tables, payload size and pack speed against zlib level 9, end-to-end pushes into the device runtime, the heap
 * of each side under -Xmx64m, and the time of {@code mvn ota:push}. Every ratio is measured side by side in the
 * same run; see docs/PERFORMANCE.md.
 */
public final class PushBenchmark {

    static final String USAGE = String.join("\n",
            "Usage: java -jar ota-benchmark-1.0.0-all.jar [options]",
            "   or: mvn -B -q -pl ota-benchmark exec:java [-Dexec.args=\"options\"]",
            "",
            "Options:",
            "  --stdlib DIR   the Python sources to build the projects from (default: python3's standard library)",
            "  --work DIR     build the projects and boards in DIR (new or empty) and keep them; by default a",
            "                 temporary folder, deleted at the end",
            "  --mvn CMD      the Maven command for the mvn ota:push timing (default: mvn)",
            "  --parts LIST   which parts to run, comma-separated: compression, push, memory, maven",
            "                 (default: all four; compression alone takes a few minutes and needs no install)",
            "  --help         print this help",
            "",
            "Needs the project installed first (mvn -B -q install -DskipTests), for mvn ota:push.",
            "Exit codes: 0 every figure measured, 1 a measurement failed, 2 bad option.");

    static final List<String> PARTS = List.of("compression", "push", "memory", "maven");

    private final PrintStream out;
    private final PrintStream progress;
    private final List<String> failures = new ArrayList<>();

    private PushBenchmark(PrintStream out, PrintStream progress) {
        this.out = out;
        this.progress = progress;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path stdlib = null;
        Path work = null;
        String mvn = "mvn";
        Set<String> parts = new LinkedHashSet<>(PARTS);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (!a.equals("--stdlib") && !a.equals("--work") && !a.equals("--mvn") && !a.equals("--parts")) {
                err.println("ota-benchmark: unknown option '" + a + "' (see --help)");
                return 2;
            }
            if (i + 1 >= args.length || args[i + 1].isBlank()) {
                err.println("ota-benchmark: " + a + " needs a value (see --help)");
                return 2;
            }
            String v = args[++i];
            switch (a) {
                case "--stdlib" -> stdlib = Path.of(v);
                case "--work" -> work = Path.of(v);
                case "--parts" -> {
                    parts.clear();
                    for (String part : v.split(",")) {
                        if (!PARTS.contains(part.trim())) {
                            err.println("ota-benchmark: unknown part '" + part.trim() + "' in --parts; choose from "
                                    + String.join(", ", PARTS));
                            return 2;
                        }
                        parts.add(part.trim());
                    }
                }
                default -> mvn = v;
            }
        }
        boolean keep = work != null;
        try {
            if (keep) {
                if (Files.exists(work) && !isEmptyFolder(work)) {
                    err.println("ota-benchmark: --work " + work + " is not an empty folder; choose a new one");
                    return 2;
                }
                Files.createDirectories(work);
            } else {
                work = Files.createTempDirectory("ota-benchmark");
            }
        } catch (IOException e) {
            err.println("ota-benchmark: cannot create the work folder: " + e.getMessage());
            return 1;
        }
        try {
            return new PushBenchmark(out, err).measure(stdlib, work.toAbsolutePath(), mvn, parts);
        } finally {
            if (!keep) {
                deleteTree(work);
            }
        }
    }

    private int measure(Path stdlib, Path work, String mvn, Set<String> parts) {
        out.println("# OTA push benchmark");
        out.println();
        out.println("- machine: " + Machine.describe());
        MavenPushBench maven = new MavenPushBench(mvn, work);
        if (parts.contains("maven")) {
            try {
                out.println("- maven: " + maven.mavenVersion());
            } catch (IOException e) {
                fail("maven version", e);
            }
        }
        out.println("- parts: " + String.join(", ", parts));
        out.println("- load average (1 min) at start: " + Machine.load());

        List<Project> projects = new ArrayList<>();
        try {
            Path lib = stdlib != null ? stdlib : CorpusBuilder.locateStdlib();
            out.println("- corpus: " + lib);
            CorpusBuilder builder = new CorpusBuilder(lib);
            for (ProjectSpec spec : ProjectSpec.ALL) {
                projects.add(builder.build(spec, work.resolve("corpus").resolve(spec.name())));
            }
        } catch (CorpusException | IOException e) {
            out.println();
            out.println("No corpus: " + e.getMessage());
            return 1;
        }
        out.println();
        Table corpus = new Table("project", "files", ".py files", "binary files", "bytes", ".py bytes",
                "binary bytes");
        for (Project p : projects) {
            corpus.row(p.name(), p.files(), p.textFiles(), p.binaryFiles(), Format.bytes(p.bytes()),
                    Format.bytes(p.textBytes()), Format.bytes(p.binaryBytes()));
        }
        section("Projects", corpus);

        List<CompressionResult> packs = parts.contains("compression") ? compression(projects, work) : List.of();
        if (parts.contains("push")) {
            endToEnd(projects, work);
        }
        List<MemoryRow> memory = parts.contains("memory") ? memory(projects, work) : null;
        MavenRow mavenRow = parts.contains("maven") ? maven(maven, projects.get(0)) : null;
        targets(packs, memory, mavenRow);
        out.println("- load average (1 min) at end: " + Machine.load());
        if (!failures.isEmpty()) {
            out.println();
            out.println("Not measured: " + String.join("; ", failures));
            return 1;
        }
        return 0;
    }

    private List<CompressionResult> compression(List<Project> projects, Path work) {
        List<CompressionResult> results = new ArrayList<>();
        CompressionBench bench = new CompressionBench(work);
        for (Project p : projects) {
            Repetitions quick = Repetitions.packing(p.spec());
            Repetitions slow = Repetitions.packingBest(p.spec());
            progress.println("packing " + p.name() + ": fast, zlib-9 and jzlib-9 " + quick.describe() + "; best and"
                    + " auto " + slow.describe() + "; in turns");
            try {
                results.add(bench.run(p, quick, slow));
            } catch (Exception e) {
                fail("packing " + p.name(), e);
            }
        }
        Table size = new Table("project", "raw bytes", "fast bytes", "best bytes", "auto bytes",
                "Deflater(9) = zlib-9 bytes", "jzlib-9 (before) bytes", "fast / zlib-9", "best / zlib-9",
                "auto / zlib-9", "jzlib-9 / zlib-9", "fast <= 1.00", "best <= 0.96");
        Table speed = new Table("project", "fast ms", "best ms", "auto ms", "auto slowest ms", "zlib-9 ms",
                "jzlib-9 ms", "best MB/s", "auto chose", "auto slowest <= " + BUDGET_MS + " ms + fast", "runs (best, auto)",
                "runs (others)");
        for (CompressionResult r : results) {
            boolean bestTarget = !r.project().equals(ProjectSpec.LARGE.name());
            size.row(r.project(), Format.bytes(r.uncompressedBytes()), Format.bytes(r.of(Encoder.FAST).bytes()),
                    Format.bytes(r.of(Encoder.BEST).bytes()), Format.bytes(r.of(Encoder.AUTO).bytes()),
                    Format.bytes(r.of(Encoder.ZLIB9).bytes()), Format.bytes(r.of(Encoder.JZLIB9).bytes()),
                    Format.sizeRatio(r.sizeRatio(Encoder.FAST)), Format.sizeRatio(r.sizeRatio(Encoder.BEST)),
                    Format.sizeRatio(r.sizeRatio(Encoder.AUTO)), Format.sizeRatio(r.sizeRatio(Encoder.JZLIB9)),
                    r.sizeRatio(Encoder.FAST) <= 1.0 ? "met" : "NOT met",
                    !bestTarget ? "(no target)" : r.sizeRatio(Encoder.BEST) <= 0.96 ? "met" : "NOT met");
            speed.row(r.project(), Format.ms(r.of(Encoder.FAST).medianNanos()),
                    Format.ms(r.of(Encoder.BEST).medianNanos()), Format.ms(r.of(Encoder.AUTO).medianNanos()),
                    Format.ms(r.of(Encoder.AUTO).maxNanos()), Format.ms(r.of(Encoder.ZLIB9).medianNanos()),
                    Format.ms(r.of(Encoder.JZLIB9).medianNanos()), Format.mbps(r.megabytesPerSecond(Encoder.BEST)),
                    r.autoChoices(), autoWithinBudget(r) ? "met" : "NOT met", r.of(Encoder.BEST).runs(),
                    r.of(Encoder.FAST).runs());
        }
        section("Payload size: fast, best and auto against java.util.zip.Deflater(9, nowrap) (zlib-9), and jzlib-9"
                + " (the client's encoder before issue 17)", size);
        section("Pack time (read the files, deflate, write the temporary payload, and for fast, best and auto inflate"
                + " it back and compare its SHA-256; medians)", speed);
        bestCpu(projects, work);
        return results;
    }

    private static final long BUDGET_MS = CompressionOptions.DEFAULT_BUDGET.toMillis();
    private static final int CORES_AIMED_AT = 4;

    /**
     * best on the 2 MB project: wall time here, and the CPU time its segments and the calling thread took, from
     * which the time on 4 cores is computed (this machine may have fewer).
     */
    private void bestCpu(List<Project> projects, Path work) {
        Project medium = projects.stream().filter(p -> p.name().equals(ProjectSpec.MEDIUM.name())).findFirst()
                .orElse(null);
        if (medium == null) {
            return;
        }
        progress.println("best on " + medium.name() + ": CPU time of its segments, 1 warm-up, 3 measured");
        List<BestCpuBench.Run> runs;
        try {
            runs = new BestCpuBench(work).run(medium, 1, 3);
        } catch (Exception e) {
            fail("best's CPU time on " + medium.name(), e);
            return;
        }
        Table t = new Table("project", "bytes", "cores here", "threads", "wall ms", "segment threads CPU ms (summed)",
                "calling thread CPU ms", "process CPU ms (GC, JIT included)", "computed on " + CORES_AIMED_AT + " idle cores ms",
                "computed <= " + BUDGET_MS + " ms on " + CORES_AIMED_AT + " cores", "runs");
        long computed = median(runs.stream().mapToLong(r -> r.computedNanosOn(CORES_AIMED_AT)).toArray());
        t.row(medium.name(), Format.bytes(medium.bytes()), Runtime.getRuntime().availableProcessors(),
                runs.get(0).threads(), Format.ms(median(runs.stream().mapToLong(BestCpuBench.Run::wallNanos).toArray())),
                Format.ms(median(runs.stream().mapToLong(BestCpuBench.Run::segmentCpuNanos).toArray())),
                Format.ms(median(runs.stream().mapToLong(BestCpuBench.Run::callerCpuNanos).toArray())),
                Format.ms(median(runs.stream().mapToLong(BestCpuBench.Run::processCpuNanos).toArray())),
                Format.ms(computed), computed <= BUDGET_MS * 1_000_000L ? "yes" : "no", runs.size());
        section("best on the 2 MB project: wall time on this machine, CPU time measured per thread (the segment"
                + " threads' sampled every " + BestCpuBench.SAMPLE_MILLIS + " ms), and the time on "
                + CORES_AIMED_AT + " cores computed from them (the calling thread's CPU time plus the segments'"
                + " divided by " + CORES_AIMED_AT + "; medians)", t);
    }

    private static long median(long[] values) {
        long[] v = values.clone();
        java.util.Arrays.sort(v);
        return v[v.length / 2];
    }

    /**
     * auto spends at most its budget on best before it settles for fast: its slowest run, not only its median, is
     * within the budget plus fast's own time.
     */
    private static boolean autoWithinBudget(CompressionResult r) {
        return r.of(Encoder.AUTO).maxNanos() <= BUDGET_MS * 1_000_000L + r.of(Encoder.FAST).medianNanos();
    }

    private List<PushResultRow> endToEnd(List<Project> projects, Path work) {
        List<PushResultRow> rows = new ArrayList<>();
        EndToEndBench bench = new EndToEndBench(work);
        for (Project p : projects) {
            Repetitions reps = Repetitions.pushing(p.spec());
            progress.println("pushing " + p.name() + " into the device runtime: " + reps.describe());
            try {
                rows.add(bench.run(p, reps));
            } catch (Exception e) {
                fail("pushing " + p.name(), e);
            }
        }
        Table t = new Table("project", "files", "payload bytes", "push ms (to UPDATE_SUCCESS)",
                "until rebooted ms", "runtime extraction ms", "extraction MB/s", "runs");
        for (PushResultRow r : rows) {
            t.row(r.project(), r.files(), Format.bytes(r.compressedBytes()), Format.ms(r.pushNanos()),
                    Format.ms(r.rebootedNanos()), Format.ms(r.extractionNanos()),
                    Format.mbps(r.extractionMegabytesPerSecond()), r.repetitions());
        }
        section("End-to-end push over loopback into the device runtime (hardened profile; medians)", t);
        return rows;
    }

    private List<MemoryRow> memory(List<Project> projects, Path work) {
        List<MemoryRow> rows = new ArrayList<>();
        MemoryBench bench = new MemoryBench(work);
        for (Project p : projects) {
            progress.println("heap of " + p.name() + ": client and runtime each in a JVM with -Xmx"
                    + MemoryBench.MAX_HEAP);
            try {
                rows.add(bench.run(p));
            } catch (Exception e) {
                fail("heap of " + p.name(), e);
            }
        }
        Table t = new Table("project", "bytes", "client peak MiB", "client held MiB", "client GCs",
                "runtime peak MiB", "runtime held MiB", "runtime GCs");
        for (MemoryRow r : rows) {
            t.row(r.project(), Format.bytes(r.bytes()), Format.mib(r.client().peakUsed()),
                    Format.mib(r.client().maxAfterGc()), r.client().gcCount(), Format.mib(r.runtime().peakUsed()),
                    Format.mib(r.runtime().maxAfterGc()), r.runtime().gcCount());
        }
        section("Heap, client (select + pack with " + MemoryBench.CLIENT_COMPRESSION
                + " + push) and runtime each alone in a JVM with -Xmx" + MemoryBench.MAX_HEAP
                + " (peak: heap used, garbage included; held: the most left after any"
                + " collection, the probe collecting every " + HeapProbe.SAMPLE_MILLIS + " ms; GCs: the program's"
                + " own collections)", t);
        return rows;
    }

    private MavenRow maven(MavenPushBench bench, Project small) {
        Repetitions reps = new Repetitions(1, 3);
        progress.println("mvn ota:push on " + small.name() + ": " + reps.describe()
                + ", alternating with mvn validate");
        MavenRow row;
        try {
            row = bench.run(small, reps);
        } catch (Exception e) {
            fail("mvn ota:push", e);
            return null;
        }
        Table t = new Table("project", "mvn validate ms (Maven start-up)", "mvn ota:push ms", "the push itself ms",
                "runs");
        t.row(row.project(), Format.ms(row.startupNanos()), Format.ms(row.goalNanos()), Format.ms(row.pushNanos()),
                row.repetitions());
        section("mvn -B -q -o ota:push on the small project, against mvn -B -q -o validate (medians)", t);
        return row;
    }

    private void targets(List<CompressionResult> packs, List<MemoryRow> memory, MavenRow maven) {
        out.println("## Targets");
        out.println();
        if (!packs.isEmpty()) {
            CompressionResult worstFast = packs.stream().max(Comparator.comparingDouble(
                    r -> r.sizeRatio(Encoder.FAST))).orElseThrow();
            out.println("- fast no larger than zlib level 9 on any project: "
                    + (worstFast.sizeRatio(Encoder.FAST) <= 1.0 ? "met" : "NOT met") + " (worst ratio "
                    + Format.sizeRatio(worstFast.sizeRatio(Encoder.FAST)) + ", " + worstFast.project() + ")");
            List<CompressionResult> targeted = packs.stream()
                    .filter(r -> !r.project().equals(ProjectSpec.LARGE.name())).toList();
            if (!targeted.isEmpty()) {
                CompressionResult worstBest = targeted.stream().max(Comparator.comparingDouble(
                        r -> r.sizeRatio(Encoder.BEST))).orElseThrow();
                out.println("- best at most 0.96 of zlib level 9 on small and medium: "
                        + (worstBest.sizeRatio(Encoder.BEST) <= 0.96 ? "met" : "NOT met") + " (worst ratio "
                        + Format.sizeRatio(worstBest.sizeRatio(Encoder.BEST)) + ", " + worstBest.project() + ")");
            }
            List<String> over = packs.stream().filter(r -> !autoWithinBudget(r)).map(CompressionResult::project)
                    .toList();
            out.println("- auto within its " + BUDGET_MS + " ms budget (slowest run at most the budget plus fast's time): "
                    + (over.isEmpty() ? "met" : "NOT met on " + String.join(", ", over)));
        }
        MemoryRow largest = memory == null ? null : memory.stream()
                .filter(r -> r.project().equals(ProjectSpec.LARGE.name())).findFirst().orElse(null);
        if (memory == null) {
            out.println("- bounded memory: not measured in this run (--parts)");
        } else if (largest == null) {
            out.println("- bounded memory: NOT met: the " + ProjectSpec.LARGE.name() + " project did not go through"
                    + " a client and a runtime limited to -Xmx" + MemoryBench.MAX_HEAP + " (see below)");
        } else {
            MemoryRow first = memory.get(0);
            out.println("- bounded memory: met for the " + largest.project() + " project, which went through a"
                    + " client (best) and a runtime each limited to -Xmx" + largest.maxHeap() + "; held, " + first.project()
                    + " -> " + largest.project() + ": client " + Format.mib(first.client().maxAfterGc()) + " -> "
                    + Format.mib(largest.client().maxAfterGc()) + " MiB, runtime "
                    + Format.mib(first.runtime().maxAfterGc()) + " -> " + Format.mib(largest.runtime().maxAfterGc())
                    + " MiB, for " + Format.bytes(first.bytes()) + " -> " + Format.bytes(largest.bytes())
                    + " bytes");
        }
        if (maven != null) {
            out.println("- mvn ota:push on the small project: " + Format.ms(maven.goalNanos()) + " ms, of which "
                    + Format.ms(maven.startupNanos()) + " ms Maven start-up and " + Format.ms(maven.pushNanos())
                    + " ms the push");
        }
    }

    private void section(String title, Table table) {
        out.println("## " + title);
        out.println();
        out.print(table.render());
        out.println();
        out.flush();
    }

    private void fail(String what, Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        failures.add(what + ": " + message);
        progress.println("FAILED " + what + ": " + message);
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a leftover in the temporary folder is the system's to clean
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
