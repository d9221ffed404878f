package io.github.mpota.runtime.server;

import io.github.mpota.core.protocol.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The reference device's inflater over its received payload: {@code read(n)} gives exactly {@code n} bytes, fewer
 * only where the deflate stream ends, and fails as a whole when the stream is corrupt or the payload ends before the
 * stream does, so that the caller writes nothing of that read. It consumes the compressed bytes only as far as the
 * output asked for needs them, and never invents input past the end of the payload.
 */
final class ChunkedInflater implements AutoCloseable {

    private final InputStream compressed;
    private final Inflater inflater = new Inflater(true);
    private final byte[] input = new byte[Protocol.DEVICE_RECV_SIZE];

    ChunkedInflater(InputStream compressed) {
        this.compressed = compressed;
    }

    /**
     * @return the next {@code n} inflated bytes, or fewer (possibly none) when the deflate stream has ended
     * @throws IOException when the stream is corrupt, or the payload ends before the stream
     */
    byte[] read(int n) throws IOException {
        byte[] out = new byte[n];
        int got = 0;
        while (got < n && !inflater.finished()) {
            int r;
            try {
                r = inflater.inflate(out, got, n - got);
            } catch (DataFormatException e) {
                throw new IOException("the deflate stream is corrupt (" + e.getMessage() + ")");
            }
            got += r;
            if (got == n || inflater.finished()) {
                break;
            }
            if (inflater.needsDictionary()) {
                throw new IOException("the deflate stream asks for a preset dictionary");
            }
            if (inflater.needsInput()) {
                int k = compressed.read(input);
                if (k < 0) {
                    throw new IOException("the payload ends before its deflate stream does");
                }
                inflater.setInput(input, 0, k);
            } else if (r == 0) {
                throw new IOException("the deflate stream makes no progress");
            }
        }
        return got == n ? out : Arrays.copyOf(out, got);
    }

    @Override
    public void close() {
        inflater.end();
    }
}
