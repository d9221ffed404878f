package io.github.mpota.core.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Exact reads: a message of a phase is read to its defined length, however TCP splits it. */
public final class WireIO {

    private WireIO() {
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @throws TruncatedReadException when the stream ends first; it carries the bytes that did arrive
     */
    public static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        while (got < n) {
            int r = in.read(buf, got, n - got);
            if (r < 0) {
                throw new TruncatedReadException(buf, got, n);
            }
            got += r;
        }
        return buf;
    }

    /** The stream ended before a message was complete. */
    public static final class TruncatedReadException extends EOFException {
        private static final long serialVersionUID = 1L;
        private final transient byte[] received;
        private final int expected;

        public TruncatedReadException(byte[] buf, int got, int expected) {
            super("connection closed after " + got + " of " + expected + " bytes");
            this.received = java.util.Arrays.copyOf(buf, got);
            this.expected = expected;
        }

        public byte[] received() {
            return received.clone();
        }

        public int expected() {
            return expected;
        }
    }
}
