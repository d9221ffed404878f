package io.github.mpota.benchmark.memory;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link HeapProbe} saw in a child JVM, as the one line it prints when the JVM exits:
 * {@code HEAP_PROBE peak_used=... max_after_gc=... gc_count=... max_heap=...}.
 *
 * @param peakUsed the highest heap use, garbage included (what the -Xmx limit is measured against)
 * @param maxAfterGc the highest heap use right after a collection: the live data the program held at its worst
 * @param gcCount the program's own collections (the probe's explicit ones not counted)
 * @param maxHeap the heap limit the JVM ran with
 */
public record HeapReport(long peakUsed, long maxAfterGc, long gcCount, long maxHeap) {

    static final String PREFIX = "HEAP_PROBE ";

    public String toLine() {
        return PREFIX + "peak_used=" + peakUsed + " max_after_gc=" + maxAfterGc + " gc_count=" + gcCount
                + " max_heap=" + maxHeap;
    }

    /** The report in a line of the child's output, if that line is one. */
    public static Optional<HeapReport> parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, Long> values = new HashMap<>();
        for (String field : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            try {
                values.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        Long peak = values.get("peak_used");
        Long live = values.get("max_after_gc");
        Long gcs = values.get("gc_count");
        Long max = values.get("max_heap");
        if (peak == null || live == null || gcs == null || max == null) {
            return Optional.empty();
        }
        return Optional.of(new HeapReport(peak, live, gcs, max));
    }
}
