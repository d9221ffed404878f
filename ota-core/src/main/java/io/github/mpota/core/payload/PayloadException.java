package io.github.mpota.core.payload;

import io.github.mpota.core.protocol.ProtocolException;

/** A payload that does not hold what its metadata says: short, long or corrupt. */
public class PayloadException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** @param message what the payload holds against what the metadata says */
    public PayloadException(String message) {
        super(message);
    }
}
