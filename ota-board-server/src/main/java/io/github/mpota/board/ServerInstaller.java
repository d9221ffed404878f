package io.github.mpota.board;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the {@code ota} package into a project's MicroPython source folder, so that every push carries it to
 * the board. An {@code ota/} that differs from this server is replaced only on request: it may hold the user's
 * changes.
 */
public final class ServerInstaller {

    /** The package's folder name in a source folder. */
    public static final String PACKAGE = "ota";

    /** What {@link #install} did. */
    public record Outcome(boolean alreadyInstalled, boolean replaced, List<String> deleted, List<Path> written) {
        public Outcome {
            deleted = List.copyOf(deleted);
            written = List.copyOf(written);
        }
    }

    /** The folder differs from this server and replacing it was not asked for. */
    public static final class DiffersException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> differences;

        DiffersException(List<String> differences) {
            super(String.join(", ", differences));
            this.differences = List.copyOf(differences);
        }

        /** {@code ota/server.py differs}, {@code ota/x.py is not part of the server}... */
        public List<String> differences() {
            return differences;
        }
    }

    private ServerInstaller() {
    }

    /**
     * @param sourceDir the project's MicroPython source folder
     * @param overwrite replace an {@code ota/} that differs: changed files are overwritten, foreign ones deleted
     */
    public static Outcome install(Path sourceDir, boolean overwrite) throws IOException, DiffersException {
        Path packageDir = sourceDir.resolve(PACKAGE);
        List<String> ours = BoardServerSources.files();
        List<String> differing = new ArrayList<>();
        for (String file : ours) {
            Path existing = sourceDir.resolve(file);
            if (Files.isRegularFile(existing) && !sameBytes(file, existing)) {
                differing.add(file + " differs");
            } else if (Files.exists(existing) && !Files.isRegularFile(existing)) {
                differing.add(file + " is a folder");
            }
        }
        List<Path> foreign = foreignFiles(sourceDir, packageDir, ours);
        foreign.forEach(p -> differing.add(slashed(sourceDir.relativize(p)) + " is not part of the server"));
        boolean complete = ours.stream().allMatch(f -> Files.isRegularFile(sourceDir.resolve(f)));
        if (differing.isEmpty() && complete) {
            return new Outcome(true, false, List.of(), List.of());
        }
        if (!differing.isEmpty() && !overwrite) {
            throw new DiffersException(differing);
        }
        List<String> deleted = new ArrayList<>();
        for (Path stale : foreign) {
            Files.delete(stale);
            deleted.add(slashed(sourceDir.relativize(stale)));
        }
        deleteEmptyFolders(packageDir);
        List<Path> written = BoardServerSources.writeTo(sourceDir);
        return new Outcome(false, !differing.isEmpty(), deleted, written);
    }

    private static boolean sameBytes(String file, Path existing) throws IOException {
        try (InputStream in = BoardServerSources.open(file)) {
            return Arrays.equals(in.readAllBytes(), Files.readAllBytes(existing));
        }
    }

    /** Files under {@code ota/} that the server does not have; Python's caches do not count. */
    private static List<Path> foreignFiles(Path sourceDir, Path packageDir, List<String> ours) throws IOException {
        if (!Files.isDirectory(packageDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(packageDir)) {
            return walk.filter(p -> !Files.isDirectory(p))
                    .filter(p -> !slashed(packageDir.relativize(p)).contains("__pycache__"))
                    .filter(p -> !ours.contains(slashed(sourceDir.relativize(p))))
                    .sorted().toList();
        }
    }

    /** Folders under {@code ota/} that deleting foreign files left empty, deepest first. */
    private static void deleteEmptyFolders(Path packageDir) throws IOException {
        if (!Files.isDirectory(packageDir)) {
            return;
        }
        TreeSet<Path> folders = new TreeSet<>((a, b) -> b.getNameCount() - a.getNameCount() != 0
                ? b.getNameCount() - a.getNameCount() : a.compareTo(b));
        try (Stream<Path> walk = Files.walk(packageDir)) {
            walk.filter(Files::isDirectory).filter(p -> !p.equals(packageDir)).forEach(folders::add);
        }
        for (Path folder : folders) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(File.separatorChar, '/');
    }
}
