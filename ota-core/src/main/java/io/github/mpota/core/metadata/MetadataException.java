package io.github.mpota.core.metadata;

import io.github.mpota.core.protocol.ProtocolException;

/** Metadata that the device must refuse; the message says which key or entry and why. */
public class MetadataException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public MetadataException(String message) {
        super(message);
    }

    public MetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
