package io.github.mpota.runtime.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A board's files as the user reads them: each folder's own files with their sizes, then its subfolders. */
public final class BoardFileTree {

    private BoardFileTree() {
    }

    public static List<String> lines(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        listFolder(root, "", lines);
        return lines;
    }

    /**
     * The short form for large projects: the root's own files with their sizes, then one line per top-level
     * folder with its file count and bytes.
     */
    public static List<String> summaryLines(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        List<Path> children;
        try (Stream<Path> list = Files.list(root)) {
            children = new ArrayList<>(list.sorted().toList());
        }
        for (Path child : children) {
            if (Files.isRegularFile(child)) {
                lines.add(String.format("%-40s %10d", child.getFileName(), Files.size(child)));
            }
        }
        for (Path child : children) {
            if (Files.isDirectory(child)) {
                long[] countAndBytes = new long[2];
                try (Stream<Path> walk = Files.walk(child)) {
                    walk.filter(Files::isRegularFile).forEach(f -> {
                        countAndBytes[0]++;
                        countAndBytes[1] += f.toFile().length();
                    });
                }
                lines.add(String.format("%-40s %10d  (%d %s)", child.getFileName() + "/", countAndBytes[1],
                        countAndBytes[0], countAndBytes[0] == 1 ? "file" : "files"));
            }
        }
        return lines;
    }

    private static void listFolder(Path dir, String indent, List<String> lines) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = new ArrayList<>(list.sorted().toList());
        }
        for (Path child : children) {
            if (Files.isRegularFile(child)) {
                lines.add(String.format("%-40s %10d", indent + child.getFileName(), Files.size(child)));
            }
        }
        for (Path child : children) {
            if (Files.isDirectory(child)) {
                lines.add(indent + child.getFileName() + "/");
                listFolder(child, indent + "  ", lines);
            }
        }
    }
}
