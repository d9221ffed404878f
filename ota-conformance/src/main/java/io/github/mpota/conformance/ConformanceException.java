package io.github.mpota.conformance;

/** The run could not be carried out at all (the board cannot be reached, a bad option): one sentence. */
public final class ConformanceException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConformanceException(String message) {
        super(message);
    }
}
