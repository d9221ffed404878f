package io.github.mpota.core.payload;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes deflate segments encoded apart as one bit stream: each segment starts at the bit where the previous one
 * ended, as if one encoder had written them all. Deflate blocks need not start on a byte, so no padding and no
 * empty stored block (the 4 to 5 bytes of a sync flush) is spent at a join.
 */
final class BitJoiner {

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
            put(pending);
            pending >>>= 8;
        }
        int rest = (int) (bits & 7);
        if (rest > 0) {
            pending |= (data[whole] & ((1 << rest) - 1)) << pendingBits;
            pendingBits += rest;
            if (pendingBits >= 8) {
                put(pending);
                pending >>>= 8;
                pendingBits -= 8;
            }
        }
    }

    /** Writes the last partial byte, zero-padded, and flushes; the stream stays open. */
    void finish() throws IOException {
        if (pendingBits > 0) {
            put(pending);
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
