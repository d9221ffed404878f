package io.github.mpota.benchmark.compression;

import io.github.mpota.benchmark.Repetitions;
import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.benchmark.report.Stats;
import io.github.mpota.core.payload.Compression;
import io.github.mpota.core.payload.CompressionOptions;
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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Packs the same selection with every {@link Encoder}, in an order that rotates at each repetition so that none
 * always gets the warmer cache, and checks once that each of our modes' payloads inflates back to the files under
 * the JDK's zlib (independently of the check the client makes itself).
 */
public final class CompressionBench {

    private final Path tempDir;

    public CompressionBench(Path tempDir) {
        this.tempDir = tempDir;
    }

    /**
     * @param quick repetitions of fast and the two baselines
     * @param slow repetitions of best and auto, which take seconds on the larger projects
     */
    public CompressionResult run(Project project, Repetitions quick, Repetitions slow)
            throws IOException, SelectionException {
        FileSelection selection = new FileSelector().select(project.sourceDir());
        List<SourceFile> files = selection.files();
        long uncompressed = selection.totalBytes();
        Map<Encoder, PayloadDeflater> ours = new EnumMap<>(Encoder.class);
        ours.put(Encoder.FAST, new PayloadDeflater(CompressionOptions.of(Compression.FAST,
                CompressionOptions.DEFAULT_BUDGET)));
        ours.put(Encoder.BEST, new PayloadDeflater(CompressionOptions.of(Compression.BEST,
                CompressionOptions.DEFAULT_BUDGET)));
        ours.put(Encoder.AUTO, new PayloadDeflater(CompressionOptions.defaults()));
        for (Encoder e : List.of(Encoder.FAST, Encoder.BEST)) {
            verifyRoundTrip(e, ours.get(e), files);
        }

        Map<Encoder, List<Long>> times = new EnumMap<>(Encoder.class);
        Map<Encoder, Long> bytes = new EnumMap<>(Encoder.class);
        int autoBest = 0;
        int autoRuns = 0;
        Encoder[] all = Encoder.values();
        int rounds = Math.max(quick.total(), slow.total());
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < all.length; k++) {
                Encoder e = all[(i + k) % all.length];
                Repetitions reps = e == Encoder.BEST || e == Encoder.AUTO ? slow : quick;
                if (i >= reps.total()) {
                    continue;
                }
                long t0 = System.nanoTime();
                long size;
                boolean autoChoseBest = false;
                switch (e) {
                    case ZLIB9 -> size = ZlibBaseline.pack(files, tempDir);
                    case JZLIB9 -> size = JzlibBaseline.pack(files, tempDir);
                    default -> {
                        try (PackedPayload p = ours.get(e).pack(files, tempDir)) {
                            size = p.compressedSize();
                            autoChoseBest = p.compression() == Compression.BEST;
                        }
                    }
                }
                long t = System.nanoTime() - t0;
                boolean measured = i >= reps.warmUps();
                if (e == Encoder.AUTO) {
                    // auto may choose differently from one run to the next: its size is the largest it gave in
                    // the measured runs.
                    if (measured) {
                        bytes.merge(e, size, Math::max);
                        autoRuns++;
                        autoBest += autoChoseBest ? 1 : 0;
                    }
                } else {
                    bytes.put(e, same(bytes.get(e), size, e.label()));
                }
                if (measured) {
                    times.computeIfAbsent(e, x -> new ArrayList<>()).add(t);
                }
            }
        }
        Map<Encoder, Measure> measures = new EnumMap<>(Encoder.class);
        for (Encoder e : all) {
            List<Long> ts = times.get(e);
            measures.put(e, new Measure(bytes.get(e), Stats.median(ts),
                    ts.stream().mapToLong(Long::longValue).max().orElseThrow(), ts.size()));
        }
        String choices = autoBest == autoRuns ? "best " + autoRuns + " of " + autoRuns
                : autoBest == 0 ? "fast " + autoRuns + " of " + autoRuns
                : "best " + autoBest + ", fast " + (autoRuns - autoBest) + " of " + autoRuns;
        return new CompressionResult(project.name(), files.size(), uncompressed, measures, choices);
    }

    private static long same(Long before, long now, String who) {
        if (before != null && before != now) {
            throw new IllegalStateException(who + " gave " + before + " and then " + now
                    + " bytes for the same files; its output must be deterministic");
        }
        return now;
    }

    /** The payload, inflated by the JDK's zlib, must be the files end to end. */
    private void verifyRoundTrip(Encoder e, PayloadDeflater deflater, List<SourceFile> files) throws IOException {
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
        try (PackedPayload p = deflater.pack(files, tempDir); InputStream in = p.open()) {
            byte[] out = new byte[64 * 1024];
            boolean ended = false;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    int r = ended ? -1 : in.read(buf);
                    if (r < 0) {
                        if (ended) {
                            throw new IOException(e.label() + "'s payload ends before its deflate stream does");
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
        } catch (DataFormatException ex) {
            throw new IOException(e.label() + "'s payload is not a valid raw deflate stream: " + ex.getMessage(), ex);
        } finally {
            inflater.end();
        }
        if (!Arrays.equals(expected.digest(), actual.digest())) {
            throw new IOException(e.label() + "'s payload does not inflate back to the selected files");
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
