package io.github.mpota.core.client;

/** Supplies the OTA password when the client first needs it (a front end may prompt for it). */
@FunctionalInterface
public interface PasswordSource {
    /**
     * The password, or null when there is none (the push then fails with {@link PushFailure#LOCAL_ERROR}); asked
     * once per push.
     *
     * @throws PushException when the front end cannot get it (a prompt that was refused, say)
     */
    String password() throws PushException;

    /** A password known in advance (a property, a file, the environment). */
    static PasswordSource of(String password) {
        return () -> password;
    }
}
