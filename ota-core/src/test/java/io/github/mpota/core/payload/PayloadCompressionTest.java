package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.testing.Deflate;
import io.github.mpota.core.testing.MemorySink;
import io.github.mpota.core.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The three modes against their contract: fast is zlib 9's bytes, best is no larger, auto keeps its budget. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PayloadCompressionTest {

    @TempDir
    Path tmp;

    /** Python-like text, deterministic (ZopfliEncoderTest makes joins between segments of it). */
    static byte[] pythonText(int size, long seed) {
        Random r = new Random(seed);
        String[] names = {"sensor", "reading", "value", "config", "network", "display", "button", "timer"};
        StringBuilder b = new StringBuilder();
        while (b.length() < size) {
            String n = names[r.nextInt(names.length)];
            b.append("def ").append(n).append('_').append(r.nextInt(500)).append("(self, ")
                    .append(names[r.nextInt(names.length)]).append("):\n    \"\"\"Reads the ").append(n)
                    .append(" and returns it.\"\"\"\n    return self._").append(n).append(" * ")
                    .append(r.nextInt(1000)).append(" + ").append(r.nextInt(100)).append("\n\n");
        }
        return b.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    private List<SourceFile> sources(Map<String, byte[]> files) {
        Path root = tmp.resolve("src");
        Trees.write(root, files);
        List<SourceFile> list = new ArrayList<>();
        files.forEach((path, content) -> list.add(new SourceFile(root.resolve(path), path, content.length)));
        return list;
    }

    private static byte[] concatenated(Map<String, byte[]> files) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        files.values().forEach(all::writeBytes);
        return all.toByteArray();
    }

    private static Map<String, byte[]> project() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("main.py", pythonText(110_000, 1));
        files.put("lib/a.py", pythonText(100_000, 2));
        files.put("assets/noise.bin", Trees.random(20_000, 3));
        files.put("empty.py", new byte[0]);
        files.put("lib/b.py", pythonText(60_000, 4));
        return files;
    }

    private static CompressionOptions options(Compression c, Duration budget, int threads) {
        return CompressionOptions.of(c, budget).withThreads(threads);
    }

    private byte[] pack(CompressionOptions options, List<SourceFile> src, Compression expectedEncoder)
            throws Exception {
        try (PackedPayload p = new PayloadDeflater(options).pack(src, tmp)) {
            assertEquals(expectedEncoder, p.compression(), p.encoding());
            byte[] compressed = Files.readAllBytes(p.file());
            assertEquals(compressed.length, p.compressedSize());
            return compressed;
        }
    }

    @Test
    void fastIsByteForByteWhatZlibLevel9WritesForTheSameBytes() throws Exception {
        Map<String, byte[]> files = project();
        byte[] fast = pack(options(Compression.FAST, Duration.ofSeconds(2), 2), sources(files), Compression.FAST);
        assertArrayEquals(Deflate.raw(concatenated(files), 9), fast,
                "the reference client's zlib.compressobj(9, DEFLATED, -15) stream");
    }

    @Test
    void bestInflatesBackThroughTheJdksZlibAndOurInflaterAndIsNoLargerThanFast() throws Exception {
        Map<String, byte[]> files = project();
        List<SourceFile> src = sources(files);
        byte[] best = pack(options(Compression.BEST, Duration.ofSeconds(2), 2), src, Compression.BEST);
        byte[] fast = pack(options(Compression.FAST, Duration.ofSeconds(2), 2), src, Compression.FAST);
        assertArrayEquals(concatenated(files), Deflate.inflateRaw(best), "one raw stream, ending at its last byte");
        assertTrue(best.length <= fast.length, "best " + best.length + " bytes, fast " + fast.length);

        try (PackedPayload p = new PayloadDeflater(options(Compression.BEST, Duration.ofSeconds(2), 3)).pack(src,
                tmp); InputStream in = p.open()) {
            MemorySink sink = new MemorySink();
            new PayloadInflater().inflate(in, p.metadata().files(), sink, p.metadata().contentSha256());
            files.forEach((path, content) -> assertArrayEquals(content, sink.content(path), path));
        }
    }

    @Test
    void bestGivesTheSameBytesOnAnyNumberOfThreads() throws Exception {
        List<SourceFile> src = sources(project());
        byte[] one = pack(options(Compression.BEST, Duration.ofSeconds(2), 1), src, Compression.BEST);
        byte[] three = pack(options(Compression.BEST, Duration.ofSeconds(2), 3), src, Compression.BEST);
        assertArrayEquals(one, three, "segments are cut by position, not by thread");
    }

    @Test
    void bestCarriesTheWindowAcrossItsSegments() throws Exception {
        // 20,000 random bytes, 20 times: 400,000 bytes in two segments. Every repeat lies within the 32 KiB
        // window of the one before it; a segment encoded without the bytes before it would have to spell the
        // random block out again (about 20,000 bytes each time).
        byte[] block = Trees.random(20_000, 7);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < 20; i++) {
            all.writeBytes(block);
        }
        Map<String, byte[]> files = Map.of("repeat.bin", all.toByteArray());
        byte[] best = pack(options(Compression.BEST, Duration.ofSeconds(2), 2), sources(files), Compression.BEST);
        assertArrayEquals(all.toByteArray(), Deflate.inflateRaw(best));
        assertTrue(best.length < 2 * block.length, best.length + " bytes: the random block is spelled out more"
                + " than once");
    }

    @Test
    void bestStoresWhatDoesNotCompress() throws Exception {
        // 50,000 random bytes: deflate's stored block costs 5 bytes over the data (3 header bits padded to a byte,
        // LEN, NLEN), which zlib level 9 also spends; a Huffman block would cost about 1 % more.
        Map<String, byte[]> files = Map.of("noise.bin", Trees.random(50_000, 12));
        byte[] best = pack(options(Compression.BEST, Duration.ofSeconds(2), 2), sources(files), Compression.BEST);
        assertArrayEquals(files.get("noise.bin"), Deflate.inflateRaw(best));
        assertEquals(50_005, best.length);
    }

    @Test
    void autoTakesBestWithinItsBudgetAndFastBeyondIt() throws Exception {
        List<SourceFile> src = sources(project());
        byte[] best = pack(options(Compression.BEST, Duration.ofSeconds(2), 2), src, Compression.BEST);
        byte[] fast = pack(options(Compression.FAST, Duration.ofSeconds(2), 2), src, Compression.FAST);

        assertArrayEquals(best, pack(options(Compression.AUTO, Duration.ofMinutes(5), 2), src, Compression.BEST));

        long t0 = System.nanoTime();
        byte[] auto = pack(options(Compression.AUTO, Duration.ofMillis(1), 2), src, Compression.FAST);
        assertArrayEquals(fast, auto);
        try (PackedPayload p = new PayloadDeflater(options(Compression.AUTO, Duration.ofMillis(1), 2)).pack(src,
                tmp)) {
            assertTrue(p.encoding().startsWith("auto: fast ("), p.encoding());
        }
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "gave up on best without finishing it");
    }

    @Test
    void autoGivesUpOnBestOnceItsFirstSegmentsShowItWillNotFit() throws Exception {
        // 290,000 bytes on one thread pass the first estimate (0.29 s at zopfli's ceiling rate of 1 MB/s) for a
        // 300 ms budget; at the rate zopfli really runs (a few hundred KB/s) the segments timed say it will not fit.
        List<SourceFile> src = sources(project());
        byte[] fast = pack(options(Compression.FAST, Duration.ofSeconds(2), 1), src, Compression.FAST);
        try (PackedPayload p = new PayloadDeflater(options(Compression.AUTO, Duration.ofMillis(300), 1)).pack(src,
                tmp)) {
            assertEquals(Compression.FAST, p.compression(), p.encoding());
            assertTrue(p.encoding().matches("auto: fast \\(zopfli (would take (about|more than) \\d+ ms, over the budget"
                    + "|did not finish within the budget) of 300 ms\\), zlib level 9"), p.encoding());
            assertArrayEquals(fast, Files.readAllBytes(p.file()));
        }
    }

    @Test
    void aSmallWindowStaysWithinItWhateverTheMode() throws Exception {
        Map<String, byte[]> files = project();
        List<SourceFile> src = sources(files);
        for (Compression c : Compression.values()) {
            CompressionOptions o = options(c, Duration.ofSeconds(2), 2).withWindowBits(9);
            try (PackedPayload p = new PayloadDeflater(o).pack(src, tmp); InputStream in = p.open()) {
                assertArrayEquals(concatenated(files), Deflate.inflateRaw(Files.readAllBytes(p.file())));
                assertTrue(p.encoding().contains("512-byte window"), p.encoding());
                MemorySink sink = new MemorySink();
                new PayloadInflater().inflate(in, p.metadata().files(), sink, p.metadata().contentSha256());
            }
        }
    }

    @Test
    void optionsAndModeNamesRefuseWhatTheyCannotDo() {
        assertEquals(Compression.BEST, Compression.parse(" Best"));
        assertEquals("compression must be auto, best or fast, was 'smallest'",
                assertThrows(IllegalArgumentException.class, () -> Compression.parse("smallest")).getMessage());
        assertEquals("the compression budget must be more than 0 ms, was 0 ms",
                assertThrows(IllegalArgumentException.class,
                        () -> CompressionOptions.of(Compression.AUTO, Duration.ZERO)).getMessage());
        assertEquals("the deflate window must be 9 to 15 bits, was 8",
                assertThrows(IllegalArgumentException.class,
                        () -> CompressionOptions.defaults().withWindowBits(8)).getMessage());
        assertEquals("the deflate window must be 9 to 15 bits, was 16",
                assertThrows(IllegalArgumentException.class,
                        () -> CompressionOptions.defaults().withWindowBits(16)).getMessage());
    }
}
