package io.github.mpota.benchmark.report;

import java.util.Arrays;
import java.util.List;

/** Medians, because the machines here are shared and a single slow repetition says nothing. */
public final class Stats {

    private Stats() {
    }

    public static double median(List<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to take the median of");
        }
        double[] v = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(v);
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    /** Bytes per nanosecond as MB/s (10^6 bytes per second). */
    public static double megabytesPerSecond(long bytes, double nanos) {
        return nanos <= 0 ? Double.NaN : bytes * 1000.0 / nanos;
    }
}
