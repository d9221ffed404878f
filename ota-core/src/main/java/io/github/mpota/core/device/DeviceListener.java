package io.github.mpota.core.device;

import io.github.mpota.core.protocol.Reply;

/**
 * Told every word a {@link DeviceConnection} sends and how each authentication attempt went, for a transcript or a
 * log. Every method has a no-op default.
 */
public interface DeviceListener {
    DeviceListener NONE = new DeviceListener() { };

    default void challengeSent(int attempt, String challenge) {
    }

    /** A response was read ({@code receivedBytes} of it, which one {@code recv} may cut short) and compared. */
    default void responseChecked(int attempt, boolean accepted, int receivedBytes) {
    }

    /** No response could be compared (the client went away, timed out, or sent bytes that are not text). */
    default void responseUnreadable(int attempt, String why) {
    }

    default void replySent(Reply reply) {
    }
}
