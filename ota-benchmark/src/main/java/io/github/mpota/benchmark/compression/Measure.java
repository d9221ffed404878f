package io.github.mpota.benchmark.compression;

/**
 * One encoder on one project.
 *
 * @param bytes the payload's size (for auto, the largest of its runs: it may choose differently from run to run)
 * @param medianNanos median pack time of the measured runs
 * @param maxNanos the slowest measured run
 */
public record Measure(long bytes, double medianNanos, long maxNanos, int runs) {
}
