package io.github.mpota.benchmark.report;

import java.util.Locale;

/** Numbers as the tables show them: fixed decimals, a dot whatever the locale. */
public final class Format {

    private Format() {
    }

    public static String ms(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    public static String mbps(double megabytesPerSecond) {
        return String.format(Locale.ROOT, "%.1f", megabytesPerSecond);
    }

    public static String ratio(double r) {
        return String.format(Locale.ROOT, "%.3f", r);
    }

    /** Sizes are exact, so a difference of a few bytes in a megabyte still shows. */
    public static String sizeRatio(double r) {
        return String.format(Locale.ROOT, "%.4f", r);
    }

    public static String bytes(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
