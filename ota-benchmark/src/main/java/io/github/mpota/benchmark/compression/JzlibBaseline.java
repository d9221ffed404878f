package io.github.mpota.benchmark.compression;

import com.jcraft.jzlib.Deflater;
import com.jcraft.jzlib.DeflaterOutputStream;
import com.jcraft.jzlib.GZIPException;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the client sent before issue 17: jzlib 1.1.3, raw deflate, level 9, 32 KiB window, through the same buffer
 * size into a temporary file. Kept beside the others so that the gain over it shows in the same run.
 */
public final class JzlibBaseline {

    private static final int BUFFER_SIZE = 64 * 1024;

    private JzlibBaseline() {
    }

    /** Packs {@code files} in order and returns the compressed size; the temporary file is deleted. */
    public static long pack(List<SourceFile> files, Path tempDir) throws IOException {
        Path out = Files.createTempFile(tempDir, "jzlib-baseline", ".deflate");
        try {
            Deflater deflater;
            try {
                deflater = new Deflater(Protocol.DEFAULT_DEFLATE_LEVEL, Protocol.DEFLATE_WINDOW_BITS, true);
            } catch (GZIPException e) {
                throw new IOException("cannot create a jzlib deflater: " + e.getMessage(), e);
            }
            try (OutputStream raw = Files.newOutputStream(out);
                 DeflaterOutputStream deflate = new DeflaterOutputStream(raw, deflater, BUFFER_SIZE, true)) {
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
            Files.deleteIfExists(out);
        }
    }
}
