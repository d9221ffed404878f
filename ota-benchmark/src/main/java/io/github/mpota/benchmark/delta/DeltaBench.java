package io.github.mpota.benchmark.delta;

import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SelectionException;
import io.github.mpota.core.v2.BoardCache;
import io.github.mpota.core.v2.DeltaOptions;
import io.github.mpota.core.v2.NegotiatingClient;
import io.github.mpota.core.v2.PushOutcome;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.SessionOutcome;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Protocol v2's delta against v1's full push (docs/PERFORMANCE.md "Delta pushes"): a full v1 push, a full v2 push
 * (the v2 overhead), and after a one-file edit a v2 push with the board's file list cached (its digest matches)
 * and one without (the board sends its list), each into a hardened runtime through a counting relay.
 */
public final class DeltaBench {

    static final String PASSWORD = "delta-benchmark";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Path workDir;

    public DeltaBench(Path workDir) {
        this.workDir = workDir;
    }

    /** The rows: v1 full, v2 full, v2 after an edit (list cached), v2 after an edit (list asked for). */
    public List<DeltaRow> run(Project project) throws IOException, SelectionException, PushException,
            TimeoutException {
        List<DeltaRow> rows = new ArrayList<>();
        List<io.github.mpota.core.selection.SourceFile> files = select(project);
        try (DeviceRuntime board = board("v1"); CountingProxy relay = new CountingProxy(board.port())) {
            ClientOptions o = ClientOptions.defaults("127.0.0.1", relay.port());
            long t0 = System.nanoTime();
            try (PackedPayload payload = new PayloadDeflater().pack(files, workDir)) {
                new OtaClient(o).push(payload, PasswordSource.of(PASSWORD), ProgressListener.NONE);
            }
            Duration time = Duration.ofNanos(System.nanoTime() - t0);
            SessionOutcome s = board.awaitSession(1, WAIT);
            rows.add(row("v1 full push", files.size(), relay, written(board, 1), time));
        }
        try (DeviceRuntime board = board("v2"); CountingProxy relay = new CountingProxy(board.port())) {
            ClientOptions o = ClientOptions.defaults("127.0.0.1", relay.port());
            BoardCache cache = BoardCache.inMemory();
            rows.add(v2(board, relay, o, cache, files, "v2 full push (first contact)", 1));
            edit(files.get(files.size() / 2).localPath());
            rows.add(v2(board, relay, o, cache, select(project), "v2 after a one-file edit (list cached)", 2));
            edit(files.get(files.size() / 3).localPath());
            rows.add(v2(board, relay, o, BoardCache.inMemory(), select(project),
                    "v2 after a one-file edit (list asked for)", 3));
        }
        return rows;
    }

    private DeltaRow v2(DeviceRuntime board, CountingProxy relay, ClientOptions o, BoardCache cache,
            List<io.github.mpota.core.selection.SourceFile> files, String scenario, int session)
            throws PushException, TimeoutException {
        // The relay's address is the cache key; every push goes through it.
        long t0 = System.nanoTime();
        PushOutcome outcome = new NegotiatingClient(o, cache, DeltaOptions.defaults()).push(files,
                PasswordSource.of(PASSWORD), ProgressListener.NONE);
        Duration time = Duration.ofNanos(System.nanoTime() - t0);
        board.awaitSession(session, WAIT);
        if (outcome.protocol() != 2) {
            throw new IllegalStateException("the hardened runtime answered with protocol v" + outcome.protocol());
        }
        return row(scenario, outcome.sent().size(), relay, written(board, session), time);
    }

    private static DeltaRow row(String scenario, int sent, CountingProxy relay, long written, Duration time) {
        long[] counts = awaitCounts(relay);
        return new DeltaRow(scenario, sent, counts[0], counts[1], written, time);
    }

    /** The relay's pumps may still be copying the last bytes when the client returns: wait until they settle. */
    private static long[] awaitCounts(CountingProxy relay) {
        long[] total = relay.takeCounts();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long[] more = relay.takeCounts();
            if (more[0] == 0 && more[1] == 0) {
                break;
            }
            total[0] += more[0];
            total[1] += more[1];
        }
        return total;
    }

    /** File bytes the board wrote in session {@code n} (from its transcript's file_written events). */
    private static long written(DeviceRuntime board, int n) {
        long sum = 0;
        for (TranscriptEvent e : board.transcript()) {
            if (e.session() == n && TranscriptEvent.Type.FILE_WRITTEN.equals(e.type())
                    && e.get("size") instanceof Number size) {
                sum += size.longValue();
            }
        }
        return sum;
    }

    private DeviceRuntime board(String name) throws IOException {
        return DeviceRuntime.builder().root(Files.createDirectories(workDir.resolve("board-" + name))).port(0)
                .password(PASSWORD).profile(Profile.HARDENED).capacityBytes(256L * 1024 * 1024).log(line -> { })
                .build().start();
    }

    private static List<io.github.mpota.core.selection.SourceFile> select(Project project)
            throws IOException, SelectionException {
        FileSelection s = new FileSelector().select(project.sourceDir());
        return s.files();
    }

    private static void edit(Path file) throws IOException {
        Files.writeString(file, "\n# edited for the delta benchmark\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }
}
