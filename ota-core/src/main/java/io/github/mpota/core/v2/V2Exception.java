package io.github.mpota.core.v2;

/** A v2 frame or field that breaks docs/PROTOCOL.md's "Protocol v2"; the message says which and how. */
public class V2Exception extends Exception {
    private static final long serialVersionUID = 1L;

    public V2Exception(String message) {
        super(message);
    }
}
