package io.github.mpota.core.protocol;

/**
 * Input that breaks the wire contract: a bad length header, invalid metadata, a payload that does
 * not match its metadata. The message names what was received and what was expected.
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
