package io.github.mpota.core.payload;

import java.io.IOException;

/**
 * The payload that an encoder made does not inflate back to the files: a bug in the client, found before a byte
 * was sent. Never a reason to push anyway.
 */
public final class PayloadEncoderException extends IOException {
    private static final long serialVersionUID = 1L;

    PayloadEncoderException(String message, Throwable cause) {
        super(message, cause);
    }
}
