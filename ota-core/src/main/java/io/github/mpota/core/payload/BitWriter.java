package io.github.mpota.core.payload;

import java.util.Arrays;

/** Bits in memory, filled as deflate fills a stream: from the least significant bit of each byte. */
final class BitWriter {

    private byte[] buf;
    private int bytes;
    private long acc;
    private int accBits;

    BitWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /** Appends the {@code n} (0 to 32) low bits of {@code value}, least significant first. */
    void writeBits(int value, int n) {
        acc |= (value & ((1L << n) - 1)) << accBits;
        accBits += n;
        while (accBits >= 8) {
            if (bytes == buf.length) {
                buf = Arrays.copyOf(buf, bytes * 2);
            }
            buf[bytes++] = (byte) acc;
            acc >>>= 8;
            accBits -= 8;
        }
    }

    /** The bits written so far. */
    long bits() {
        return bytes * 8L + accBits;
    }

    /** The bits written so far, the last byte zero-padded; see {@link #bits()} for how many count. */
    byte[] toByteArray() {
        byte[] out = Arrays.copyOf(buf, bytes + (accBits > 0 ? 1 : 0));
        if (accBits > 0) {
            out[bytes] = (byte) acc;
        }
        return out;
    }
}
