package io.github.mpota.runtime.wifi;

import java.util.Objects;

/**
 * A WiFi network in reach of the simulated board.
 *
 * @param ssid its name
 * @param passphrase its WPA2 passphrase, or empty for an open network
 */
public record Network(String ssid, String passphrase) {
    public Network {
        Objects.requireNonNull(ssid, "ssid");
        passphrase = passphrase == null ? "" : passphrase;
    }

    /** Never the passphrase: a network ends up in logs and assertion messages. */
    @Override
    public String toString() {
        return "Network[ssid=" + ssid + ", passphrase=" + (passphrase.isEmpty() ? "(none)" : "(hidden)") + "]";
    }

    public boolean open() {
        return passphrase.isEmpty();
    }

    /** Parses {@code SSID=PASSPHRASE} (or a bare {@code SSID} for an open network), as given on the command line. */
    public static Network parse(String spec) {
        int eq = spec.indexOf('=');
        return eq < 0 ? new Network(spec, "") : new Network(spec.substring(0, eq), spec.substring(eq + 1));
    }
}
