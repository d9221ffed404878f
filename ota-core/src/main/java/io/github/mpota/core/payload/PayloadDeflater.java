package io.github.mpota.core.payload;

import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.SourceFile;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Step 9 on the client: the selected files concatenated into ONE raw deflate stream (no zlib or gzip header),
 * written to a temporary file so that memory stays flat however large the project is.
 *
 * <p>{@code fast} is zlib level 9, the reference client's bytes; {@code best} is optimal parsing in parallel
 * segments; {@code auto} tries best and settles for fast as soon as best would overrun its time budget. Whatever
 * made it, the stream is inflated back and its SHA-256 compared with the files' before {@link #pack} returns it: a
 * payload that does not hold the files is a {@link PayloadEncoderException}, never something to send.
 */
public final class PayloadDeflater {

    private static final int VERIFY_BUFFER = 64 * 1024;

    /** Which encoder does {@link Compression#BEST} or {@link Compression#FAST}; a seam for the tests. */
    @FunctionalInterface
    interface Encoders {
        PayloadEncoder forMode(Compression mode);
    }

    private final CompressionOptions options;
    private final Encoders encoders;

    /** auto within 2 s, 32 KiB window. */
    public PayloadDeflater() {
        this(CompressionOptions.defaults());
    }

    /** @param options the mode (auto, best, fast), the time budget of auto, the board's window and the threads */
    public PayloadDeflater(CompressionOptions options) {
        this(options, standard(options));
    }

    /** zlib at a fixed {@code level} (0 stores), without the choice of auto; for tests that need a given size. */
    public PayloadDeflater(int level) {
        this(CompressionOptions.of(Compression.FAST, CompressionOptions.DEFAULT_BUDGET), fixedLevel(level));
    }

    PayloadDeflater(CompressionOptions options, Encoders encoders) {
        this.options = options;
        this.encoders = encoders;
    }

    private static Encoders standard(CompressionOptions options) {
        if (options.windowBits() < Protocol.DEFLATE_WINDOW_BITS) {
            PayloadEncoder small = new JzlibEncoder(Protocol.DEFAULT_DEFLATE_LEVEL, options.windowBits());
            return mode -> small;
        }
        PayloadEncoder fast = new ZlibEncoder(Protocol.DEFAULT_DEFLATE_LEVEL);
        PayloadEncoder best = new ZopfliEncoder(options.threads());
        return mode -> mode == Compression.BEST ? best : fast;
    }

    private static Encoders fixedLevel(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 0 to 9, was " + level);
        }
        PayloadEncoder zlib = new ZlibEncoder(level);
        return mode -> zlib;
    }

    /**
     * Packs {@code files} in their order into a temporary file in {@code tempDir} (the system's when null).
     * The sizes in the metadata are the bytes actually read; a file that changes size while it is packed is an
     * error rather than a payload that disagrees with its metadata. The metadata carries the content digest
     * (extension "content digest"), computed over the same bytes as they are read.
     *
     * @throws PayloadEncoderException when the stream does not inflate back to the files (a bug to report)
     */
    public PackedPayload pack(List<SourceFile> files, Path tempDir) throws IOException {
        long size = 0;
        for (SourceFile f : files) {
            size += f.size();
        }
        Compression mode = options.compression();
        if (size == 0) {
            // Nothing for optimal parsing to win: the two-byte empty stream of zlib.
            return unlimited(Compression.FAST, "fast", files, tempDir);
        }
        if (mode != Compression.AUTO) {
            return unlimited(mode, mode.label(), files, tempDir);
        }
        try {
            return attempt(Compression.BEST, "auto: best within " + options.budget().toMillis() + " ms", files,
                    tempDir, options.budget());
        } catch (PayloadEncoder.OverBudgetException e) {
            return unlimited(Compression.FAST, "auto: fast (" + e.getMessage() + " of " + options.budget().toMillis()
                    + " ms)", files, tempDir);
        }
    }

    private PackedPayload unlimited(Compression mode, String label, List<SourceFile> files, Path tempDir)
            throws IOException {
        try {
            return attempt(mode, label, files, tempDir, null);
        } catch (PayloadEncoder.OverBudgetException e) {
            throw new IllegalStateException("an encoder without a budget gave up on its budget", e);
        }
    }

    private PackedPayload attempt(Compression mode, String label, List<SourceFile> files, Path tempDir,
            Duration budget) throws IOException, PayloadEncoder.OverBudgetException {
        PayloadEncoder encoder = encoders.forMode(mode);
        Path out = tempDir == null ? Files.createTempFile("ota-payload", ".deflate")
                : Files.createTempFile(tempDir, "ota-payload", ".deflate");
        boolean done = false;
        try {
            ConcatenatedFiles in = new ConcatenatedFiles(files);
            try (in; OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), VERIFY_BUFFER)) {
                encoder.encode(in, files.stream().map(SourceFile::size).toList(), file, budget);
                if (in.read() >= 0) {
                    throw new IllegalStateException(encoder.describe() + " stopped before the end of the files");
                }
            }
            List<FileEntry> entries = in.entries();
            String sha256 = in.sha256Hex();
            String encoding = label + ", " + encoder.describe();
            verify(out, entries, sha256, encoding);
            PackedPayload payload = new PackedPayload(out, Metadata.of(Files.size(out), entries)
                    .withContentSha256(sha256), mode, encoding);
            done = true;
            return payload;
        } finally {
            if (!done) {
                Files.deleteIfExists(out);
            }
        }
    }

    /**
     * Inflates the stream as our device runtime does (jzlib) and compares it with the files read. A 32 KiB window
     * for every stream: jzlib's inflater does not refuse a match beyond a smaller one, so that bound rests on
     * jzlib's deflater, which never makes one.
     */
    private void verify(Path payload, List<FileEntry> entries, String sha256, String encoding) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(payload), VERIFY_BUFFER)) {
            new PayloadInflater().inflate(in, entries,
                    entry -> OutputStream.nullOutputStream(), Optional.of(sha256));
        } catch (PayloadException e) {
            throw new PayloadEncoderException("the payload made by " + encoding + " does not inflate back to the"
                    + " files (" + e.getMessage() + "). This is a bug in the OTA client: please report it, with the"
                    + " files if you can share them. Nothing was sent; another compression setting may get the"
                    + " push through meanwhile.", e);
        }
    }
}
