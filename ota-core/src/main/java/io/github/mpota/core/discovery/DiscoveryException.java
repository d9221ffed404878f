package io.github.mpota.core.discovery;

/** A scan that cannot run as asked (a bad or too large subnet, no network to scan); the message says why. */
public class DiscoveryException extends Exception {
    private static final long serialVersionUID = 1L;

    public DiscoveryException(String message) {
        super(message);
    }
}
