package io.github.mpota.core.client;

import io.github.mpota.core.protocol.Phase;

/** A push that did not end in {@code UPDATE_SUCCESS}. The message names the phase, what was expected and what came. */
public class PushException extends Exception {
    private static final long serialVersionUID = 1L;

    private final PushFailure failure;
    private final Phase phase;

    /**
     * @param failure what went wrong, for the front end's advice
     * @param phase the step of the push that was under way
     * @param message the sentence shown to the user: the phase, what was expected and what came
     */
    public PushException(PushFailure failure, Phase phase, String message) {
        super(message);
        this.failure = failure;
        this.phase = phase;
    }

    /** As {@link #PushException(PushFailure, Phase, String)}, keeping the I/O error that caused it. */
    public PushException(PushFailure failure, Phase phase, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.phase = phase;
    }

    /** What went wrong, so that the front end can give advice that fits. */
    public PushFailure failure() {
        return failure;
    }

    /** The step of the push that was under way when it failed. */
    public Phase phase() {
        return phase;
    }
}
