package io.github.mpota.benchmark.push;

/**
 * End-to-end pushes of one project over loopback into the device runtime (medians).
 *
 * @param pushNanos select + pack + send, until the board's UPDATE_SUCCESS: what the user waits for in the client
 * @param rebootedNanos the same until the board has rebooted and listens again (includes its 0.5 s reboot delay)
 * @param extractionNanos the board's own part: from the last payload byte to UPDATE_SUCCESS
 */
public record PushResultRow(String project, int files, long uncompressedBytes, long compressedBytes,
        double pushNanos, double rebootedNanos, double extractionNanos, int repetitions) {

    /** Files written per second of the board's extraction, in MB/s of uncompressed bytes. */
    public double extractionMegabytesPerSecond() {
        return uncompressedBytes * 1000.0 / extractionNanos;
    }
}
