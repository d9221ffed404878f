package io.github.mpota.conformance.scenario;

import java.util.Locale;

/** The kinds of board the kit knows. */
public enum ExpectationSet {
    /** A board running the original {@code OTAUpdater}: PROTOCOL.md, quirks included. */
    UPSTREAM,
    /** Our MicroPython server and the runtime's hardened profile: docs/PROTOCOL.md's hardened rules. */
    HARDENED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code upstream} or {@code hardened}; the message says what is accepted. */
    public static ExpectationSet parse(String text) {
        for (ExpectationSet s : values()) {
            if (s.label().equals(text == null ? null : text.trim().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown expectation set '" + text + "': use upstream (a board running the"
                + " original OTAUpdater) or hardened (our MicroPython server, the runtime's hardened profile)");
    }
}
