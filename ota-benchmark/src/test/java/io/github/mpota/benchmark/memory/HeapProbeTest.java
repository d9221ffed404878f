package io.github.mpota.benchmark.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HeapProbeTest {

    @TempDir
    Path tmp;

    @Test
    void reportLineRoundTrips() {
        HeapReport r = new HeapReport(10_485_760, 2_097_152, 3, 67_108_864);
        assertEquals("HEAP_PROBE peak_used=10485760 max_after_gc=2097152 gc_count=3 max_heap=67108864", r.toLine());
        assertEquals(Optional.of(r), HeapReport.parse(r.toLine()));
    }

    @Test
    void otherLinesAreNoReport() {
        assertEquals(Optional.empty(), HeapReport.parse("READY 4242"));
        assertEquals(Optional.empty(), HeapReport.parse("HEAP_PROBE peak_used=x"));
        assertEquals(Optional.empty(), HeapReport.parse("HEAP_PROBE peak_used=1 gc_count=2"));
        assertEquals(Optional.empty(), HeapReport.parse(null));
    }

    @Test
    void aChildJvmUnderTheProbeReportsItsHeapWithinItsLimit() throws Exception {
        // The runtime's --help prints its usage and exits 0: the shortest real program on the class path.
        try (ChildJvm child = ChildJvm.start("64m", tmp.resolve("err.txt"), "io.github.mpota.runtime.cli.Main",
                "--help")) {
            child.awaitLine("Usage:", Duration.ofSeconds(30));
            HeapReport r = child.awaitHeapReport(Duration.ofSeconds(30));
            assertTrue(r.maxHeap() <= 64L * 1024 * 1024, "max heap " + r.maxHeap());
            assertTrue(r.peakUsed() > 0 && r.peakUsed() <= r.maxHeap(), "peak " + r.peakUsed());
            assertTrue(r.maxAfterGc() > 0 && r.maxAfterGc() <= r.peakUsed(), "held " + r.maxAfterGc());
        }
    }
}
