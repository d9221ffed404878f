package io.github.mpota.core.selection;

/** The source folder or its {@code pymakr.conf} cannot be used; the message says what to fix. */
public class SelectionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what cannot be used and what to fix, one sentence */
    public SelectionException(String message) {
        super(message);
    }

    /** As {@link #SelectionException(String)}, keeping the I/O error that caused it. */
    public SelectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
