package io.github.mpota.conformance.scenario;

import java.util.Locale;

/** How a connection ended, as the client sees it. */
public enum ConnectionEnd {
    /** The device closed in order (FIN): every byte the client sent was read. */
    CLOSE,
    /** The device reset the connection (RST): it closed with bytes unread, or it is gone. */
    RESET,
    /** The device neither spoke nor closed within the kit's window. */
    TIMEOUT,
    /** The client closed first: how the device would have ended is not seen. */
    NOTHING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConnectionEnd parse(String text) {
        for (ConnectionEnd e : values()) {
            if (e.label().equals(text)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown connection end '" + text + "' (close, reset, timeout, nothing)");
    }
}
