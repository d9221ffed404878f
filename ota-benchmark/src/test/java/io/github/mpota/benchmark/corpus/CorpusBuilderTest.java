package io.github.mpota.benchmark.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CorpusBuilderTest {

    @TempDir
    Path tmp;

    /** A stand-in standard library: 12 modules of numbered lines, bytecode, and an installed package. */
    private Path fakeStdlib() throws IOException {
        Path lib = tmp.resolve("lib");
        for (int m = 0; m < 12; m++) {
            StringBuilder src = new StringBuilder();
            for (int line = 0; line < 40 + m * 30; line++) {
                src.append("value_").append(m).append('_').append(line).append(" = compute(").append(line)
                        .append(")\n");
            }
            String rel = (m < 6 ? "" : "pkg/") + "mod" + (char) ('a' + m) + ".py";
            Files.createDirectories(lib.resolve(rel).getParent());
            Files.writeString(lib.resolve(rel), src);
            Files.createDirectories(lib.resolve("__pycache__"));
            Files.write(lib.resolve("__pycache__/mod" + m + ".cpython-311.pyc"), new byte[500 + m]);
        }
        Files.createDirectories(lib.resolve("site-packages"));
        Files.writeString(lib.resolve("site-packages/installed.py"), "machine = 'specific'\n");
        return lib;
    }

    private static Map<String, byte[]> tree(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    @Test
    void buildsTheSameBytesEveryTimeWithTheSpecsCountsAndAboutItsSize() throws Exception {
        Path lib = fakeStdlib();
        ProjectSpec spec = new ProjectSpec("test", 10, 20_000);
        Project a = new CorpusBuilder(lib).build(spec, tmp.resolve("a"));
        Project b = new CorpusBuilder(lib).build(spec, tmp.resolve("b"));

        Map<String, byte[]> ta = tree(tmp.resolve("a"));
        Map<String, byte[]> tb = tree(tmp.resolve("b"));
        assertEquals(ta.keySet(), tb.keySet());
        for (String k : ta.keySet()) {
            assertArrayEquals(ta.get(k), tb.get(k), k);
        }
        assertEquals(10, ta.size());
        assertEquals(10, a.files());
        assertEquals(7, a.textFiles());
        assertEquals(3, a.binaryFiles());
        long total = ta.values().stream().mapToLong(x -> x.length).sum();
        assertEquals(a.bytes(), total);
        assertTrue(total <= spec.bytes() && total > spec.bytes() * 0.95, "total " + total);
        assertEquals(b.bytes(), a.bytes());
    }

    @Test
    void takesModulesInSortedOrderCutAtLineEndsAndLeavesInstalledPackagesOut() throws Exception {
        Path lib = fakeStdlib();
        new CorpusBuilder(lib).build(new ProjectSpec("test", 10, 20_000), tmp.resolve("p"));
        Map<String, byte[]> files = tree(tmp.resolve("p"));
        List<String> py = files.keySet().stream().filter(k -> k.endsWith(".py")).toList();
        assertEquals(List.of("moda.py", "modb.py", "modc.py", "modd.py", "mode.py", "modf.py", "pkg/modg.py"), py);
        for (String k : py) {
            String text = new String(files.get(k), StandardCharsets.UTF_8);
            assertTrue(text.endsWith("\n"), k + " ends inside a line");
        }
        assertFalse(files.keySet().stream().anyMatch(k -> k.contains("installed")));
        assertTrue(files.containsKey("assets/bytecode-0000.pyc"));
        assertTrue(files.containsKey("assets/blob-0002.bin"));
        byte[] png = files.get("assets/image-0001.png");
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
    }

    @Test
    void refusesALibraryWithTooFewModules() throws Exception {
        Path lib = fakeStdlib();
        CorpusException e = assertThrows(CorpusException.class,
                () -> new CorpusBuilder(lib).build(new ProjectSpec("big", 100, 1_000_000), tmp.resolve("x")));
        assertTrue(e.getMessage().contains("has 12 .py files, the big project needs 85"), e.getMessage());
        assertTrue(e.getMessage().contains("--stdlib"), e.getMessage());
    }

    @Test
    void lengthCapIsTheLargestThatFitsTheBudget() {
        long[] sizes = {100, 500, 1000};
        assertEquals(450, CorpusBuilder.lengthCap(sizes, 1000)); // 100 + 450 + 450
        assertEquals(1000, CorpusBuilder.lengthCap(sizes, 5000)); // everything fits whole
    }

    @Test
    void cutAtLineEndKeepsWholeLines() {
        byte[] text = "ab\ncd\nef\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals("ab\ncd\n".getBytes(StandardCharsets.US_ASCII), CorpusBuilder.cutAtLineEnd(text, 7));
        assertArrayEquals(text, CorpusBuilder.cutAtLineEnd(text, 100));
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII),
                CorpusBuilder.cutAtLineEnd("abcdef".getBytes(StandardCharsets.US_ASCII), 3));
    }
}
