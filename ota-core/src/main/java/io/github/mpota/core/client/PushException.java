package io.github.mpota.core.client;

import io.github.mpota.core.protocol.Phase;

/** A push that did not end in {@code UPDATE_SUCCESS}. The message names the phase, what was expected and what came. */
public class PushException extends Exception {
    private static final long serialVersionUID = 1L;

    private final PushFailure failure;
    private final Phase phase;

    public PushException(PushFailure failure, Phase phase, String message) {
        super(message);
        this.failure = failure;
        this.phase = phase;
    }

    public PushException(PushFailure failure, Phase phase, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.phase = phase;
    }

    public PushFailure failure() {
        return failure;
    }

    public Phase phase() {
        return phase;
    }
}
