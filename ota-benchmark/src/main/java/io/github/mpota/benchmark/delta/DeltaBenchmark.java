package io.github.mpota.benchmark.delta;

import io.github.mpota.benchmark.corpus.CorpusBuilder;
import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.benchmark.corpus.ProjectSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the delta benchmark of docs/PERFORMANCE.md for a 100-file project:
 * {@code mvn -B -o -q -pl ota-benchmark exec:java -Dexec.mainClass=io.github.mpota.benchmark.delta.DeltaBenchmark}.
 */
public final class DeltaBenchmark {

    /** 100 files, 500 KB: a MicroPython application with its libraries. */
    public static final ProjectSpec HUNDRED = new ProjectSpec("hundred", 100, 500_000);

    private DeltaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("ota-delta-bench");
        Project project = new CorpusBuilder(CorpusBuilder.locateStdlib()).build(HUNDRED,
                Files.createDirectories(work.resolve("project")));
        List<DeltaRow> rows = new DeltaBench(work).run(project);
        for (String line : table(project, rows)) {
            System.out.println(line);
        }
    }

    /** The rows as a Markdown table, each push's wire bytes also as a share of the v1 full push. */
    public static List<String> table(Project project, List<DeltaRow> rows) {
        DeltaRow full = rows.get(0);
        List<String> out = new java.util.ArrayList<>();
        out.add("Project: " + project.files() + " files, " + project.bytes() + " bytes");
        out.add("");
        out.add("| push | files sent | client -> board | board -> client | wire total | of the v1 full push"
                + " | file bytes written on the board | push time |");
        out.add("|---|---|---|---|---|---|---|---|");
        for (DeltaRow r : rows) {
            out.add(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.2f %% | %d | %d ms |", r.scenario(),
                    r.filesSent(), r.clientToBoard(), r.boardToClient(), r.wireBytes(),
                    100.0 * r.wireBytes() / full.wireBytes(), r.bytesWritten(), r.pushTime().toMillis()));
        }
        return out;
    }
}
