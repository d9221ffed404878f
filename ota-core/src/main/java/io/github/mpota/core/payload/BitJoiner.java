package io.github.mpota.core.payload;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes deflate segments encoded apart as one bit stream: each segment starts at the bit where the previous one
 * ended, as if one encoder had written them all. Deflate blocks need not start on a byte, so no padding and no
 * empty stored block (the 4 to 5 bytes of a sync flush) is spent at a join.
 */
final class BitJoiner {

    private static final int MAX_STORED = 65_535;

    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int used;
    private int pending;
    private int pendingBits;

    BitJoiner(OutputStream out) {
        this.out = out;
    }

    /** Appends the first {@code bits} bits of {@code data}, least significant bit of each byte first. */
    void write(byte[] data, long bits) throws IOException {
        int whole = (int) (bits >>> 3);
        for (int i = 0; i < whole; i++) {
            pending |= (data[i] & 0xff) << pendingBits;
            put(pending & 0xff);
            pending >>>= 8;
        }
        int rest = (int) (bits & 7);
        if (rest > 0) {
            pending |= (data[whole] & ((1 << rest) - 1)) << pendingBits;
            pendingBits += rest;
            if (pendingBits >= 8) {
                put(pending & 0xff);
                pending >>>= 8;
                pendingBits -= 8;
            }
        }
    }

    /**
     * Appends {@code data[off, off + len)} as stored blocks (deflate's block type 00, at most 65,535 bytes each),
     * the last of them final when {@code last}: a stored block starts on a byte, so its header is padded here,
     * where the bit position is known, not where the segment was encoded.
     */
    void writeStored(byte[] data, int off, int len, boolean last) throws IOException {
        int done = 0;
        do {
            int n = Math.min(MAX_STORED, len - done);
            boolean finalBlock = last && done + n == len;
            writeBits(finalBlock ? 1 : 0, 3);
            if (pendingBits > 0) {
                writeBits(0, 8 - pendingBits);
            }
            put(n & 0xff);
            put(n >>> 8);
            put(~n & 0xff);
            put((~n >>> 8) & 0xff);
            for (int i = 0; i < n; i++) {
                put(data[off + done + i] & 0xff);
            }
            done += n;
        } while (done < len);
    }

    /** The most bits {@link #writeStored} spends on {@code len} bytes, whatever bit it starts at. */
    static long storedBits(long len) {
        long blocks = Math.max(1, (len + MAX_STORED - 1) / MAX_STORED);
        return blocks * (3 + 7 + 32) + len * 8;
    }

    private void writeBits(int value, int n) throws IOException {
        pending |= value << pendingBits;
        pendingBits += n;
        while (pendingBits >= 8) {
            put(pending & 0xff);
            pending >>>= 8;
            pendingBits -= 8;
        }
    }

    /** Writes the last partial byte, zero-padded, and flushes; the stream stays open. */
    void finish() throws IOException {
        if (pendingBits > 0) {
            put(pending & 0xff);
            pending = 0;
            pendingBits = 0;
        }
        out.write(buf, 0, used);
        used = 0;
        out.flush();
    }

    private void put(int b) throws IOException {
        if (used == buf.length) {
            out.write(buf, 0, used);
            used = 0;
        }
        buf[used++] = (byte) b;
    }
}
