package io.github.mpota.core.client;

/** Supplies the OTA password when the client first needs it (a front end may prompt for it). */
@FunctionalInterface
public interface PasswordSource {
    String password() throws PushException;

    static PasswordSource of(String password) {
        return () -> password;
    }
}
