package io.github.mpota.core.device;

/** How the authentication of one connection ended. */
public enum AuthOutcome {
    /** A response matched; {@code OK} was sent. */
    AUTHENTICATED,
    /** Every attempt failed; the connection is to be closed without another word. */
    REFUSED,
    /** The client went away, timed out or sent something that is not text; close without a word. */
    ABORTED
}
