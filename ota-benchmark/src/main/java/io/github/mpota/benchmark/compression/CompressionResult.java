package io.github.mpota.benchmark.compression;

/**
 * Ours against the zlib baseline on one project, measured side by side.
 *
 * @param oursNanos median pack time of our deflater (jzlib)
 * @param baselineNanos median pack time of java.util.zip at level 9
 */
public record CompressionResult(String project, int files, long uncompressedBytes, long oursBytes,
        long baselineBytes, double oursNanos, double baselineNanos, int repetitions) {

    /** Our payload over the baseline's: at most 1.00 is the target. */
    public double sizeRatio() {
        return (double) oursBytes / baselineBytes;
    }

    public double oursMegabytesPerSecond() {
        return uncompressedBytes * 1000.0 / oursNanos;
    }

    public double baselineMegabytesPerSecond() {
        return uncompressedBytes * 1000.0 / baselineNanos;
    }

    /** Our throughput over the baseline's: at least 0.50 is the target. */
    public double throughputRatio() {
        return baselineNanos / oursNanos;
    }
}
