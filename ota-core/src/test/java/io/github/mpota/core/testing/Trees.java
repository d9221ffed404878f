package io.github.mpota.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Folders of files for tests: written from a map of {@code /}-separated paths, read back to compare. */
public final class Trees {

    /**
     * Whether this JVM can name files outside ASCII: not under a POSIX locale, where Java's file names are
     * ASCII. The non-ASCII file of {@link #mixedProject()} needs it.
     */
    public static final boolean PLATFORM_NAMES_HOLD_UTF8 = java.nio.charset.Charset
            .forName(System.getProperty("sun.jnu.encoding", "UTF-8")).newEncoder().canEncode("été");

    private Trees() {
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Reproducible pseudo-random bytes: incompressible content whose mistakes are easy to spot. */
    public static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** The three files of PROTOCOL.md's payload vector, in its order. */
    public static Map<String, byte[]> protocolExample() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("main.py", utf8("print('hello')\n"));
        files.put("lib/util.py", utf8("def f():\n    return 42\n"));
        files.put("empty.txt", new byte[0]);
        return files;
    }

    /** A project with nesting, empty files, binary content, non-ASCII names and a file of a few MB. */
    public static Map<String, byte[]> mixedProject() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("boot.py", utf8("import ota\n"));
        files.put("main.py", utf8("print('hello')\n".repeat(50)));
        files.put("empty.txt", new byte[0]);
        files.put("lib/util.py", utf8("def f():\n    return 42\n"));
        files.put("lib/blob.bin", random(200_000, 1));
        files.put("lib/deep/er/est.py", utf8("x = 1\n"));
        files.put("lib/deep/er/empty.py", new byte[0]);
        if (PLATFORM_NAMES_HOLD_UTF8) {
            files.put("données/été.txt", utf8("ça marche\n"));
        }
        byte[] large = new byte[3 * 1024 * 1024];
        byte[] noise = random(4096, 2);
        for (int i = 0; i < large.length; i++) {
            // Half text-like, half noise: compressible enough to exercise long matches, not trivially.
            large[i] = (i / 4096) % 2 == 0 ? (byte) ('a' + (i * 7 % 26)) : noise[i % 4096];
        }
        files.put("www/large.bin", large);
        return files;
    }

    public static void write(Path root, Map<String, byte[]> files) {
        try {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                Path p = root.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under {@code root} by its {@code /}-separated relative path. */
    public static SortedMap<String, byte[]> read(Path root) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** {@code actualRoot} holds exactly {@code expected}, byte for byte. */
    public static void assertTree(Map<String, byte[]> expected, Path actualRoot) {
        SortedMap<String, byte[]> actual = read(actualRoot);
        assertEquals(new TreeMap<>(expected).keySet(), actual.keySet(), "files under " + actualRoot);
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), "content of " + e.getKey());
        }
    }
}
