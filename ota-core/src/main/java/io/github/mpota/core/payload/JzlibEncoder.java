package io.github.mpota.core.payload;

import com.jcraft.jzlib.Deflater;
import com.jcraft.jzlib.DeflaterOutputStream;
import com.jcraft.jzlib.GZIPException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * jzlib, for windows smaller than 32 KiB: the JDK's zlib always uses 32 KiB and zopfli too, and a board that asks
 * for a small window cannot follow a match further back than its window.
 */
final class JzlibEncoder implements PayloadEncoder {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final int level;
    private final int windowBits;

    JzlibEncoder(int level, int windowBits) {
        this.level = level;
        this.windowBits = windowBits;
    }

    @Override
    public String describe() {
        return "jzlib level " + level + ", " + (1 << windowBits) + "-byte window";
    }

    @Override
    public void encode(InputStream in, List<Long> fileSizes, OutputStream out, Duration budget) throws IOException {
        Deflater deflater;
        try {
            // nowrap = true: a raw deflate stream, as the board's deflate.DeflateIO(..., RAW) reads it.
            deflater = new Deflater(level, windowBits, true);
        } catch (GZIPException e) {
            throw new IOException("cannot create a deflater with a " + windowBits + "-bit window: "
                    + e.getMessage(), e);
        }
        DeflaterOutputStream deflate = new DeflaterOutputStream(out, deflater, BUFFER_SIZE, false);
        in.transferTo(deflate);
        deflate.finish();
        deflater.end();
    }
}
