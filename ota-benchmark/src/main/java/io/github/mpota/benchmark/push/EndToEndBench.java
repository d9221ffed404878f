package io.github.mpota.benchmark.push;

import io.github.mpota.benchmark.Repetitions;
import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.benchmark.report.Stats;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SelectionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the plugin does for a push (select, pack, send), timed against a device runtime in this JVM. */
public final class EndToEndBench {

    private final Path workDir;

    public EndToEndBench(Path workDir) {
        this.workDir = workDir;
    }

    public PushResultRow run(Project project, Repetitions reps) throws IOException, SelectionException,
            PushException {
        List<Long> push = new ArrayList<>();
        List<Long> rebooted = new ArrayList<>();
        List<Long> extraction = new ArrayList<>();
        PushResult last = null;
        try (BenchmarkBoard board = new BenchmarkBoard(workDir.resolve("board-" + project.name()))) {
            OtaClient client = new OtaClient(ClientOptions.defaults("127.0.0.1", board.port()));
            for (int i = 0; i < reps.total(); i++) {
                long t0 = System.nanoTime();
                FileSelection selection = new FileSelector().select(project.sourceDir());
                try (PackedPayload payload = new PayloadDeflater().pack(selection.files(), workDir)) {
                    last = client.push(payload, PasswordSource.of(BenchmarkBoard.PASSWORD), ProgressListener.NONE);
                }
                long t1 = System.nanoTime();
                board.awaitNextSuccess();
                long t2 = System.nanoTime();
                if (i >= reps.warmUps()) {
                    push.add(t1 - t0);
                    rebooted.add(t2 - t0);
                    extraction.add(board.extractionTime(board.sessions()).toNanos());
                }
            }
        }
        return new PushResultRow(project.name(), last.files(), last.uncompressedBytes(), last.compressedBytes(),
                Stats.median(push), Stats.median(rebooted), Stats.median(extraction), reps.measured());
    }
}
