package io.github.mpota.core.payload;

import com.jcraft.jzlib.Deflater;
import com.jcraft.jzlib.DeflaterOutputStream;
import com.jcraft.jzlib.GZIPException;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Step 9 on the client: the selected files concatenated into ONE raw deflate stream (no zlib or gzip header,
 * window 15), written to a temporary file so that memory stays flat however large the project is.
 */
public final class PayloadDeflater {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final int level;
    private final int windowBits;

    public PayloadDeflater(int level) {
        this(level, Protocol.DEFLATE_WINDOW_BITS);
    }

    /** With a smaller window (9..15 bits), for a v2 board that announces what it can afford to inflate. */
    public PayloadDeflater(int level, int windowBits) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("deflate level must be 0 to 9, was " + level);
        }
        if (windowBits < 9 || windowBits > Protocol.DEFLATE_WINDOW_BITS) {
            throw new IllegalArgumentException("deflate window must be 9 to 15 bits, was " + windowBits);
        }
        this.level = level;
        this.windowBits = windowBits;
    }

    public PayloadDeflater() {
        this(Protocol.DEFAULT_DEFLATE_LEVEL);
    }

    /**
     * Packs {@code files} in their order into a temporary file in {@code tempDir} (the system's when null).
     * The sizes in the metadata are the bytes actually read; a file that changes size while it is packed is an
     * error rather than a payload that disagrees with its metadata. The metadata carries the content digest
     * (extension "content digest"), computed over the same bytes as they are read.
     */
    public PackedPayload pack(List<SourceFile> files, Path tempDir) throws IOException {
        Path out = tempDir == null ? Files.createTempFile("ota-payload", ".deflate")
                : Files.createTempFile(tempDir, "ota-payload", ".deflate");
        boolean done = false;
        try {
            List<FileEntry> entries = new ArrayList<>(files.size());
            MessageDigest content = contentDigest();
            try (OutputStream raw = Files.newOutputStream(out);
                 DeflaterOutputStream deflate = new DeflaterOutputStream(raw, newDeflater(), BUFFER_SIZE, true)) {
                byte[] buf = new byte[BUFFER_SIZE];
                for (SourceFile f : files) {
                    long n = 0;
                    try (InputStream in = Files.newInputStream(f.localPath())) {
                        int r;
                        while ((r = in.read(buf)) > 0) {
                            deflate.write(buf, 0, r);
                            content.update(buf, 0, r);
                            n += r;
                        }
                    }
                    if (n != f.size()) {
                        throw new IOException(f.localPath() + " changed while it was packed (" + f.size()
                                + " bytes when selected, " + n + " when read); run the push again");
                    }
                    entries.add(new FileEntry(f.devicePath(), n));
                }
                deflate.finish();
            }
            PackedPayload payload = new PackedPayload(out, Metadata.of(Files.size(out), entries)
                    .withContentSha256(HexFormat.of().formatHex(content.digest())));
            done = true;
            return payload;
        } finally {
            if (!done) {
                Files.deleteIfExists(out);
            }
        }
    }

    private static MessageDigest contentDigest() {
        try {
            return MessageDigest.getInstance(Protocol.CONTENT_DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + Protocol.CONTENT_DIGEST, e);
        }
    }

    private Deflater newDeflater() throws IOException {
        try {
            // nowrap = true: a raw deflate stream, as the board's deflate.DeflateIO(..., RAW) and zlib wbits -15 read it.
            return new Deflater(level, windowBits, true);
        } catch (GZIPException e) {
            throw new IOException("cannot create a deflater: " + e.getMessage(), e);
        }
    }
}
