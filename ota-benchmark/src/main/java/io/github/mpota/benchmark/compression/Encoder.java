package io.github.mpota.benchmark.compression;

/** What the compression tables compare, in their column order. */
public enum Encoder {
    /** Our client, {@code -Dota.compression=fast}. */
    FAST("fast"),
    /** Our client, {@code -Dota.compression=best}. */
    BEST("best"),
    /** Our client, {@code -Dota.compression=auto} with the default budget. */
    AUTO("auto"),
    /** The baseline: java.util.zip.Deflater(9, nowrap), the reference client's stream. */
    ZLIB9("Deflater(9) = zlib-9"),
    /** jzlib 1.1.3 at level 9: what the client sent before issue 17. */
    JZLIB9("jzlib-9 (before)");

    private final String label;

    Encoder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
