package io.github.mpota.benchmark.compression;

import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The baseline: the JDK's zlib (java.util.zip.Deflater, native) at level 9 without header, the same raw stream as
 * the reference Python client's {@code zlib.compressobj(9, zlib.DEFLATED, -15)}. It streams the same files through
 * the same buffer size into a temporary file, exactly as our deflater does, so that only the compressor differs.
 */
public final class ZlibBaseline {

    private static final int BUFFER_SIZE = 64 * 1024;

    private ZlibBaseline() {
    }

    /** Packs {@code files} in order and returns the compressed size; the temporary file is deleted. */
    public static long pack(List<SourceFile> files, Path tempDir) throws IOException {
        Path out = Files.createTempFile(tempDir, "zlib-baseline", ".deflate");
        Deflater deflater = new Deflater(Protocol.DEFAULT_DEFLATE_LEVEL, true);
        try {
            try (OutputStream raw = Files.newOutputStream(out);
                 DeflaterOutputStream deflate = new DeflaterOutputStream(raw, deflater, BUFFER_SIZE)) {
                byte[] buf = new byte[BUFFER_SIZE];
                for (SourceFile f : files) {
                    try (InputStream in = Files.newInputStream(f.localPath())) {
                        int r;
                        while ((r = in.read(buf)) > 0) {
                            deflate.write(buf, 0, r);
                        }
                    }
                }
                deflate.finish();
            }
            return Files.size(out);
        } finally {
            deflater.end();
            Files.deleteIfExists(out);
        }
    }
}
