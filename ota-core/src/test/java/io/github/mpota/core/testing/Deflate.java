package io.github.mpota.core.testing;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Raw deflate with the JDK's zlib binding, independent of the jzlib code under test: it builds streams for
 * the inflater's tests and checks what the deflater wrote.
 */
public final class Deflate {

    private Deflate() {
    }

    /** One raw deflate stream (no header, as zlib wbits -15) of {@code data}. */
    public static byte[] raw(byte[] data, int level) {
        Deflater d = new Deflater(level, true);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** A raw deflate stream of {@code length} zero bytes, made without holding them all in memory. */
    public static byte[] rawZeros(long length) {
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
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    /** Inflates a raw deflate stream that must end exactly at its last byte. */
    public static byte[] inflateRaw(byte[] compressed) {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && !inf.finished() && (inf.needsInput() || inf.needsDictionary())) {
                    throw new AssertionError("raw deflate stream ends early after " + out.size() + " bytes");
                }
                out.write(buf, 0, n);
            }
            if (inf.getRemaining() != 0) {
                throw new AssertionError(inf.getRemaining() + " bytes after the end of the deflate stream");
            }
            return out.toByteArray();
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError("not a raw deflate stream: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }
}
