package io.github.mpota.conformance.scenario;

import java.util.Locale;

/** Which scenarios may run against the board. */
public enum RunMode {
    /** Only scenarios that cannot change the board's files or reboot it: fit for a board in use. */
    SAFE,
    /** Also the scenarios that write under {@code conformance/} and reboot the board. */
    FULL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunMode parse(String text) {
        for (RunMode m : values()) {
            if (m.label().equals(text == null ? null : text.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown run '" + text + "': use safe (no writes, no reboot; the default)"
                + " or full (also writes under conformance/ on the board and reboots it)");
    }
}
