package io.github.mpota.core.selection;

/** The source folder or its {@code pymakr.conf} cannot be used; the message says what to fix. */
public class SelectionException extends Exception {
    private static final long serialVersionUID = 1L;

    public SelectionException(String message) {
        super(message);
    }

    public SelectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
