package io.github.mpota.runtime.wifi;

/** What the board's network module raises for bad arguments, or a connection that did not come up. */
public class WifiException extends Exception {
    private static final long serialVersionUID = 1L;

    public WifiException(String message) {
        super(message);
    }
}
