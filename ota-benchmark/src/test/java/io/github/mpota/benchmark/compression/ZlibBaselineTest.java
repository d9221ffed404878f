package io.github.mpota.benchmark.compression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.benchmark.Repetitions;
import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.benchmark.corpus.ProjectSpec;
import io.github.mpota.core.selection.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ZlibBaselineTest {

    @TempDir
    Path tmp;

    private List<SourceFile> vectorFiles() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/lib"));
        Files.writeString(tmp.resolve("src/main.py"), "print('hello')\n");
        Files.writeString(src.resolve("util.py"), "def f():\n    return 42\n");
        Files.writeString(tmp.resolve("src/empty.txt"), "");
        return List.of(new SourceFile(tmp.resolve("src/main.py"), "main.py", 15),
                new SourceFile(src.resolve("util.py"), "lib/util.py", 23),
                new SourceFile(tmp.resolve("src/empty.txt"), "empty.txt", 0));
    }

    @Test
    void baselineIsZlibLevel9RawAsInTheProtocolsPayloadVector() throws Exception {
        // PROTOCOL.md: these three files at level 9, raw, are 38 bytes.
        assertEquals(38, ZlibBaseline.pack(vectorFiles(), tmp));
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("zlib-baseline")),
                    "the baseline's temporary file is deleted");
        }
    }

    @Test
    void benchMeasuresEveryEncoderOnTheSameFiles() throws Exception {
        vectorFiles();
        Project p = new Project(new ProjectSpec("vector", 3, 38), tmp.resolve("src"), 3, 38, 0, 0);
        CompressionResult r = new CompressionBench(tmp).run(p, new Repetitions(0, 3), new Repetitions(0, 2));
        assertEquals(38, r.uncompressedBytes());
        assertEquals(3, r.files());
        assertEquals(38, r.of(Encoder.ZLIB9).bytes());
        assertEquals(38, r.of(Encoder.FAST).bytes(), "fast is zlib level 9, raw: the protocol's 38-byte vector");
        assertTrue(r.of(Encoder.BEST).bytes() <= 38, "best is never larger than fast");
        assertEquals(r.of(Encoder.BEST).bytes(), r.of(Encoder.AUTO).bytes(), "38 bytes fit any budget: auto is best");
        assertEquals("best 2 of 2", r.autoChoices());
        assertTrue(r.of(Encoder.JZLIB9).bytes() > 0);
        assertEquals(1.0, r.sizeRatio(Encoder.FAST), 1e-12);
        assertEquals((double) r.of(Encoder.BEST).bytes() / 38, r.sizeRatio(Encoder.BEST), 1e-12);
        for (Encoder e : List.of(Encoder.FAST, Encoder.ZLIB9, Encoder.JZLIB9)) {
            assertEquals(3, r.of(e).runs(), e.label());
        }
        for (Encoder e : List.of(Encoder.BEST, Encoder.AUTO)) {
            assertEquals(2, r.of(e).runs(), e.label());
        }
        for (Encoder e : Encoder.values()) {
            assertTrue(r.of(e).medianNanos() > 0 && r.of(e).maxNanos() >= r.of(e).medianNanos(), e.label());
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertTrue(left.allMatch(f -> f.getFileName().toString().equals("src")), "every payload deleted");
        }
    }
}
