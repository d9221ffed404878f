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
    void benchMeasuresBothSidesOnTheSameFiles() throws Exception {
        vectorFiles();
        Project p = new Project(new ProjectSpec("vector", 3, 38), tmp.resolve("src"), 3, 38, 0, 0);
        CompressionResult r = new CompressionBench(tmp).run(p, new Repetitions(0, 3));
        assertEquals(38, r.uncompressedBytes());
        assertEquals(3, r.files());
        assertEquals(38, r.baselineBytes());
        assertTrue(r.oursBytes() > 0);
        assertEquals((double) r.oursBytes() / 38, r.sizeRatio(), 1e-12);
        assertEquals(3, r.repetitions());
        assertTrue(r.oursNanos() > 0 && r.baselineNanos() > 0);
    }
}
