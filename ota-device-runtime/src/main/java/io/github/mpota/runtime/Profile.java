package io.github.mpota.runtime;

import java.util.Locale;

/** Which device the runtime behaves like. */
public enum Profile {
    /** Every behaviour of the reference device of PROTOCOL.md, quirks included (but never outside the root). */
    UPSTREAM("upstream"),
    /** The same wire for every client that follows the contract, with the quirks fixed and the update atomic. */
    HARDENED("hardened");

    private final String label;

    Profile(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** {@code "upstream"} or {@code "hardened"}, in any case. */
    public static Profile byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Profile p : values()) {
            if (p.label.equals(wanted)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "': use upstream or hardened");
    }
}
