package io.github.mpota.benchmark.compression;

import io.github.mpota.benchmark.Repetitions;
import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.benchmark.report.Stats;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SelectionException;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Packs the same selection with our deflater and with the zlib baseline, alternating which goes first at each
 * repetition so that neither always gets the warmer cache, and checks once that our payload inflates back to the
 * files.
 */
public final class CompressionBench {

    private final Path tempDir;

    public CompressionBench(Path tempDir) {
        this.tempDir = tempDir;
    }

    public CompressionResult run(Project project, Repetitions reps) throws IOException, SelectionException {
        FileSelection selection = new FileSelector().select(project.sourceDir());
        List<SourceFile> files = selection.files();
        long uncompressed = selection.totalBytes();
        PayloadDeflater ours = new PayloadDeflater();
        verifyRoundTrip(ours, files);

        List<Long> oursTimes = new ArrayList<>();
        List<Long> baselineTimes = new ArrayList<>();
        long oursBytes = -1;
        long baselineBytes = -1;
        for (int i = 0; i < reps.total(); i++) {
            boolean measured = i >= reps.warmUps();
            for (int k = 0; k < 2; k++) {
                boolean oursTurn = (i + k) % 2 == 0;
                long t0 = System.nanoTime();
                long size;
                if (oursTurn) {
                    try (PackedPayload p = ours.pack(files, tempDir)) {
                        size = p.compressedSize();
                    }
                } else {
                    size = ZlibBaseline.pack(files, tempDir);
                }
                long t = System.nanoTime() - t0;
                if (oursTurn) {
                    oursBytes = same(oursBytes, size, "our deflater");
                    if (measured) {
                        oursTimes.add(t);
                    }
                } else {
                    baselineBytes = same(baselineBytes, size, "the zlib baseline");
                    if (measured) {
                        baselineTimes.add(t);
                    }
                }
            }
        }
        return new CompressionResult(project.name(), files.size(), uncompressed, oursBytes, baselineBytes,
                Stats.median(oursTimes), Stats.median(baselineTimes), reps.measured());
    }

    private static long same(long before, long now, String who) {
        if (before >= 0 && before != now) {
            throw new IllegalStateException(who + " gave " + before + " and then " + now
                    + " bytes for the same files; deflate output must be deterministic");
        }
        return now;
    }

    /** Our payload, inflated by the JDK's zlib, must be the files end to end. */
    private void verifyRoundTrip(PayloadDeflater ours, List<SourceFile> files) throws IOException {
        MessageDigest expected = sha256();
        byte[] buf = new byte[64 * 1024];
        for (SourceFile f : files) {
            try (InputStream in = Files.newInputStream(f.localPath())) {
                int r;
                while ((r = in.read(buf)) > 0) {
                    expected.update(buf, 0, r);
                }
            }
        }
        MessageDigest actual = sha256();
        Inflater inflater = new Inflater(true);
        try (PackedPayload p = ours.pack(files, tempDir); InputStream in = p.open()) {
            byte[] out = new byte[64 * 1024];
            boolean ended = false;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    int r = ended ? -1 : in.read(buf);
                    if (r < 0) {
                        if (ended) {
                            throw new IOException("our payload ends before its deflate stream does");
                        }
                        // A raw stream may need one byte past its end to report that it finished.
                        ended = true;
                        inflater.setInput(new byte[1]);
                    } else {
                        inflater.setInput(buf, 0, r);
                    }
                }
                int n = inflater.inflate(out);
                actual.update(out, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException("our payload is not a valid raw deflate stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        if (!Arrays.equals(expected.digest(), actual.digest())) {
            throw new IOException("our payload does not inflate back to the selected files");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
