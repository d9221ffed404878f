package io.github.mpota.benchmark.corpus;

/** The corpus cannot be built: no Python standard library, or one too small for the project asked for. */
public class CorpusException extends Exception {
    private static final long serialVersionUID = 1L;

    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
