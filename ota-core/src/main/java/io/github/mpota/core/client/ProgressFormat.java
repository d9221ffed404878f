package io.github.mpota.core.client;

import java.time.Duration;
import java.util.Locale;

/**
 * The words and numbers of a push's progress, shared by every front end so that the plugin and the command
 * line show the same thing: sizes in binary units, rates, and the time left.
 */
public final class ProgressFormat {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private ProgressFormat() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 MiB}. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** {@code 45 ms}, {@code 0.4 s}, {@code 12 s}, {@code 2 min 05 s}. */
    public static String duration(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 100) {
            // A push over a LAN or loopback can take less than 0.1 s; "0.0 s" would say it took no time.
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    /** Bytes per second over {@code elapsed}; empty when nothing can be said yet. */
    public static String rate(long bytes, Duration elapsed) {
        long nanos = elapsed.toNanos();
        if (nanos <= 0) {
            return "";
        }
        return bytes((long) (bytes * 1e9 / nanos)) + "/s";
    }

    /** Whole percent of {@code part} in {@code total}; an empty total counts as done. */
    public static int percent(long part, long total) {
        if (total <= 0) {
            return 100;
        }
        return (int) Math.min(100, part * 100 / total);
    }

    /**
     * One progress line: {@code Sending 12.3 KiB of 45.6 KiB (27%), transfer rate 8.1 KiB/s, 4 s left}. The
     * transfer rate (bytes sent over the time spent sending them) and the time left appear once some bytes went
     * out over a measurable time.
     */
    public static String line(long sent, long total, Duration elapsed) {
        StringBuilder s = new StringBuilder("Sending ")
                .append(bytes(sent)).append(" of ").append(bytes(total))
                .append(" (").append(percent(sent, total)).append("%)");
        if (sent > 0 && elapsed.toNanos() > 0) {
            s.append(", transfer rate ").append(rate(sent, elapsed));
            if (sent < total) {
                long leftNanos = (long) ((double) elapsed.toNanos() * (total - sent) / sent);
                s.append(", ").append(duration(Duration.ofNanos(leftNanos))).append(" left");
            }
        }
        return s.toString();
    }
}
