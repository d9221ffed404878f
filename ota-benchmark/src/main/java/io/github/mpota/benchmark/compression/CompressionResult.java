package io.github.mpota.benchmark.compression;

import java.util.Map;

/**
 * Every encoder on one project, measured side by side in one run.
 *
 * @param autoChoices what auto chose in its measured runs, for example "best 3 of 3"
 */
public record CompressionResult(String project, int files, long uncompressedBytes, Map<Encoder, Measure> measures,
        String autoChoices) {

    public CompressionResult {
        measures = Map.copyOf(measures);
    }

    public Measure of(Encoder e) {
        Measure m = measures.get(e);
        if (m == null) {
            throw new IllegalArgumentException(e.label() + " was not measured on " + project);
        }
        return m;
    }

    /** The encoder's payload over zlib level 9's: the figure the targets are set on. */
    public double sizeRatio(Encoder e) {
        return (double) of(e).bytes() / of(Encoder.ZLIB9).bytes();
    }

    public double megabytesPerSecond(Encoder e) {
        return uncompressedBytes * 1000.0 / of(e).medianNanos();
    }
}
