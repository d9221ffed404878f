package io.github.mpota.core.client;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A push the device confirmed with {@code UPDATE_SUCCESS}; the board is rebooting.
 *
 * @param handshake connecting (retries included), authenticating, and the length header and metadata with their OKs
 * @param sending from the first to the last payload byte
 * @param apply from the last payload byte to the board's {@code UPDATE_SUCCESS}: its inflate and write
 */
public record PushResult(InetSocketAddress device, int files, long uncompressedBytes, long compressedBytes,
        int authAttempts, Duration elapsed, Duration handshake, Duration sending, Duration apply) {

    /** A result whose phases were not measured: all of it counts as sending. */
    public PushResult(InetSocketAddress device, int files, long uncompressedBytes, long compressedBytes,
            int authAttempts, Duration elapsed) {
        this(device, files, uncompressedBytes, compressedBytes, authAttempts, elapsed, Duration.ZERO, elapsed,
                Duration.ZERO);
    }

    /** Compressed size as a fraction of the raw size (0.3 means the payload is 30% of the files). */
    public double ratio() {
        return uncompressedBytes == 0 ? 1.0 : (double) compressedBytes / uncompressedBytes;
    }
}
