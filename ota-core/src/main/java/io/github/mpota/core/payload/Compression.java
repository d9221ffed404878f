package io.github.mpota.core.payload;

import java.util.Locale;

/** How hard the client works on the payload's size: the only lever on bytes over WiFi for boards in the field. */
public enum Compression {
    /** {@link #BEST} when it fits the time budget on this machine, else {@link #FAST}. */
    AUTO,
    /** Optimal parsing (zopfli), segments in parallel: about 4 % smaller than zlib level 9, far slower. */
    BEST,
    /** zlib level 9 ({@code java.util.zip.Deflater}): the same bytes as the reference client sends. */
    FAST;

    /** The name as the plugin and the command line spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code auto}, {@code best} or {@code fast} (any case); the error names the choices. */
    public static Compression parse(String value) {
        if (value != null) {
            for (Compression c : values()) {
                if (c.label().equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("compression must be auto, best or fast, was '" + value + "'");
    }
}
