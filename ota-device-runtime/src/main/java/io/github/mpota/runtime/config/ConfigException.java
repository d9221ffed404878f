package io.github.mpota.runtime.config;

/** A configuration the board cannot start with; the message names the key or file and the way out. */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
