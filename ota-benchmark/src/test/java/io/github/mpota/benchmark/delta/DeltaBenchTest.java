package io.github.mpota.benchmark.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.benchmark.corpus.CorpusBuilder;
import io.github.mpota.benchmark.corpus.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The targets of issue 16 on the 100-file project: a one-file edit costs <= 3 %, v2's overhead <= 2 %. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeltaBenchTest {

    @TempDir
    Path work;

    @Test
    void aOneFileEditCostsAtMostThreePercentAndV2AtMostTwoPercentMore() throws Exception {
        Project project = new CorpusBuilder(CorpusBuilder.locateStdlib()).build(DeltaBenchmark.HUNDRED,
                Files.createDirectories(work.resolve("project")));
        List<DeltaRow> rows = new DeltaBench(work).run(project);
        String table = String.join("\n", DeltaBenchmark.table(project, rows));
        // The figures of docs/PERFORMANCE.md come from this table (target/surefire-reports/*-output.txt).
        System.out.println(table);
        DeltaRow v1 = rows.get(0);
        DeltaRow v2Full = rows.get(1);
        DeltaRow cached = rows.get(2);
        DeltaRow asked = rows.get(3);
        assertEquals(project.files(), v1.filesSent(), table);
        assertEquals(project.files(), v2Full.filesSent(), table);
        assertEquals(1, cached.filesSent(), table);
        assertEquals(1, asked.filesSent(), table);
        assertTrue(v2Full.wireBytes() <= v1.wireBytes() * 1.02, "v2 overhead over 2 %:\n" + table);
        assertTrue(cached.wireBytes() <= v1.wireBytes() * 0.03, "one-file edit over 3 %:\n" + table);
        assertTrue(cached.bytesWritten() < v1.bytesWritten() / 20, "the board rewrote more than the edit:\n" + table);
    }
}
