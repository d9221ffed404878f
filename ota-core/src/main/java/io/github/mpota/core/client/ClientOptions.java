package io.github.mpota.core.client;

import io.github.mpota.core.protocol.Protocol;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to push.
 *
 * @param connectTimeout how long one connection attempt may take
 * @param replyTimeout how long to wait for each reply of the handshake (the device itself waits 10 s)
 * @param applyTimeout how long to wait for {@code UPDATE_SUCCESS} after the last payload byte; it covers the
 *     board's whole inflate-and-write time, so it is longer than the others
 * @param connectAttempts connection attempts before giving up (a board that is rebooting takes a few seconds)
 * @param retryDelay the pause before the second attempt; it doubles at each further attempt
 */
public record ClientOptions(String host, int port, Duration connectTimeout, Duration replyTimeout,
        Duration applyTimeout, int connectAttempts, Duration retryDelay) {

    /** @throws IllegalArgumentException naming the setting: an empty host, a port out of range, a bad time */
    public ClientOptions {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        if (connectAttempts < 1) {
            throw new IllegalArgumentException("connect attempts must be at least 1, was " + connectAttempts);
        }
        positive(connectTimeout, "connect timeout");
        positive(replyTimeout, "reply timeout");
        positive(applyTimeout, "apply timeout");
        Objects.requireNonNull(retryDelay, "retryDelay");
        if (retryDelay.isNegative()) {
            throw new IllegalArgumentException("retry delay must not be negative, was " + retryDelay.toMillis() + " ms");
        }
    }

    /**
     * The options a front end starts from: 5 s to connect, 3 attempts 1 s apart (doubling), the device's own 10 s
     * for each reply, 60 s for the board to apply the update.
     */
    public static ClientOptions defaults(String host, int port) {
        return new ClientOptions(host, port, Duration.ofSeconds(5), Protocol.DEVICE_TIMEOUT,
                Duration.ofSeconds(60), 3, Duration.ofSeconds(1));
    }

    /** {@link #defaults(String, int)} on the contract's default port, 8266. */
    public static ClientOptions defaults(String host) {
        return defaults(host, Protocol.DEFAULT_PORT);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
