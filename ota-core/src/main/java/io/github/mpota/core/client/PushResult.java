package io.github.mpota.core.client;

import java.net.InetSocketAddress;
import java.time.Duration;

/** A push the device confirmed with {@code UPDATE_SUCCESS}; the board is rebooting. */
public record PushResult(InetSocketAddress device, int files, long uncompressedBytes, long compressedBytes,
        int authAttempts, Duration elapsed) {

    /** Compressed size as a fraction of the raw size (0.3 means the payload is 30% of the files). */
    public double ratio() {
        return uncompressedBytes == 0 ? 1.0 : (double) compressedBytes / uncompressedBytes;
    }
}
