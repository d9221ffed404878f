package io.github.mpota.runtime.cli;

/** A bad option or value on the command line: one line of explanation, exit code 2. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
