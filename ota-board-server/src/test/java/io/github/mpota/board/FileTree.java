package io.github.mpota.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A folder's files as relative {@code /}-separated paths and their bytes, to compare what a board holds. */
final class FileTree {

    private FileTree() {
    }

    static Map<String, byte[]> read(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                try {
                    files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return files;
    }

    static void write(Path root, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = root.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
    }

    /** A readable form for assertion messages: path and size, or the text of short text files. */
    static Map<String, String> describe(Map<String, byte[]> files) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((path, bytes) -> {
            boolean text = bytes.length <= 80;
            for (byte b : bytes) {
                text &= (b >= 0x20 && b < 0x7f) || b == '\n';
            }
            out.put(path, text ? new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)
                    : bytes.length + " bytes, hash " + java.util.Arrays.hashCode(bytes));
        });
        return out;
    }
}
