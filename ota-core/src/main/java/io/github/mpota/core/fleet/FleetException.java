package io.github.mpota.core.fleet;

/** A fleet that cannot be pushed as given: a bad host entry, hosts file or setting. The message names it. */
public class FleetException extends Exception {
    private static final long serialVersionUID = 1L;

    public FleetException(String message) {
        super(message);
    }
}
