package io.github.mpota.runtime.server;

/** Ends an update with {@code FAIL} (or silently, when {@code silent}); the message is the user's explanation. */
final class UpdateFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean silent;

    UpdateFailure(String message) {
        this(message, false);
    }

    UpdateFailure(String message, boolean silent) {
        super(message);
        this.silent = silent;
    }

    boolean silent() {
        return silent;
    }
}
