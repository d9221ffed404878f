package io.github.mpota.core.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The JDK's zlib without header: at level 9 the very stream the reference client sends
 * ({@code zlib.compressobj(9, zlib.DEFLATED, -15)}), and zlib's output does not depend on how the input is cut.
 */
final class ZlibEncoder implements PayloadEncoder {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final int level;

    ZlibEncoder(int level) {
        this.level = level;
    }

    @Override
    public String describe() {
        return "zlib level " + level;
    }

    @Override
    public void encode(InputStream in, List<Long> fileSizes, OutputStream out, Duration budget) throws IOException {
        Deflater deflater = new Deflater(level, true);
        try {
            DeflaterOutputStream deflate = new DeflaterOutputStream(out, deflater, BUFFER_SIZE);
            in.transferTo(deflate);
            deflate.finish();
        } finally {
            deflater.end();
        }
    }
}
