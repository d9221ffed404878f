package io.github.mpota.core.payload;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/** Deflate bombs for the runtime's tests: a raw stream of many zeros, made without holding them in memory. */
public final class PayloadInflaterBombs {

    private PayloadInflaterBombs() {
    }

    public static byte[] zeros(long length) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] zeros = new byte[1024 * 1024];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            long fed = 0;
            while (!d.finished()) {
                if (d.needsInput()) {
                    if (fed < length) {
                        int n = (int) Math.min(zeros.length, length - fed);
                        d.setInput(zeros, 0, n);
                        fed += n;
                    } else {
                        d.finish();
                    }
                }
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }
}
