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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes the {@code ota} package into a project's MicroPython source folder, so that every push carries it to
 * the board; or, for boards whose heap cannot compile it, into a firmware folder with the manifest that freezes
 * it. An {@code ota/} that differs from this server is replaced only on request: it may hold the user's changes.
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

    /**
     * The source folder holds what a board would import as {@code ota} instead of the frozen server: MicroPython
     * searches the filesystem ({@code ''} on {@code sys.path}) before the frozen modules ({@code .frozen}), so a
     * pushed copy would shadow the frozen one and bring back the heap that compiling it costs.
     */
    public static final class ShadowsFrozenServerException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<Path> shadowing;

        ShadowsFrozenServerException(List<Path> shadowing) {
            super(shadowing.stream().map(Path::toString).collect(Collectors.joining(", ")));
            this.shadowing = List.copyOf(shadowing);
        }

        /** The folder {@code ota} and the files {@code ota.py}, {@code ota.mpy} found, those that exist. */
        public List<Path> shadowing() {
            return shadowing;
        }
    }

    /** What MicroPython imports as {@code ota} from a folder on {@code sys.path}: a package folder or a module file. */
    private static final List<String> IMPORTABLE_AS_OTA = List.of(PACKAGE, PACKAGE + ".py", PACKAGE + ".mpy");

    private ServerInstaller() {
    }

    /**
     * @param sourceDir the project's MicroPython source folder
     * @param overwrite replace an {@code ota/} that differs: changed files are overwritten, foreign ones deleted
     */
    public static Outcome install(Path sourceDir, boolean overwrite) throws IOException, DiffersException {
        return installInto(sourceDir, BoardServerSources.files(), overwrite);
    }

    /**
     * Writes the package and the {@value BoardServerSources#MANIFEST} that freezes it into {@code firmwareDir}, for a
     * firmware build to read; the board then imports the frozen server and its source folder carries none. Files of
     * {@code firmwareDir} other than those and {@code ota/} (the user's own manifest, say) are not looked at.
     *
     * @param firmwareDir the folder the firmware's manifest includes ours from; must not be in {@code sourceDir}
     * @param sourceDir   the project's MicroPython source folder, the one pushed to the board
     * @param overwrite   replace a package or manifest there that differs: changed files are overwritten, foreign
     *                    ones under {@code ota/} deleted
     * @throws ShadowsFrozenServerException when {@code sourceDir} holds an {@code ota} package or module; nothing
     *                                      is written then
     * @throws IllegalArgumentException     when {@code firmwareDir} is {@code sourceDir} or inside it
     */
    public static Outcome installForFirmware(Path firmwareDir, Path sourceDir, boolean overwrite)
            throws IOException, DiffersException, ShadowsFrozenServerException {
        Path firmware = firmwareDir.toAbsolutePath().normalize();
        Path sources = sourceDir.toAbsolutePath().normalize();
        if (firmware.startsWith(sources)) {
            throw new IllegalArgumentException("the firmware folder " + firmware + " is "
                    + (firmware.equals(sources) ? "the source folder" : "inside the source folder " + sources)
                    + ": every push would carry the server's files to the board");
        }
        List<Path> shadowing = new ArrayList<>();
        for (String name : IMPORTABLE_AS_OTA) {
            Path candidate = sources.resolve(name);
            if (name.equals(PACKAGE) ? Files.isDirectory(candidate) : Files.exists(candidate)) {
                shadowing.add(candidate);
            }
        }
        if (!shadowing.isEmpty()) {
            throw new ShadowsFrozenServerException(shadowing);
        }
        return installInto(firmware, BoardServerSources.firmwareFiles(), overwrite);
    }

    private static Outcome installInto(Path dir, List<String> ours, boolean overwrite)
            throws IOException, DiffersException {
        Path packageDir = dir.resolve(PACKAGE);
        List<String> differing = new ArrayList<>();
        for (String file : ours) {
            Path existing = dir.resolve(file);
            if (Files.isRegularFile(existing) && !sameBytes(file, existing)) {
                differing.add(file + " differs");
            } else if (Files.exists(existing) && !Files.isRegularFile(existing)) {
                differing.add(file + " is a folder");
            }
        }
        List<Path> foreign = foreignFiles(dir, packageDir, ours);
        foreign.forEach(p -> differing.add(slashed(dir.relativize(p)) + " is not part of the server"));
        boolean complete = ours.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
        if (differing.isEmpty() && complete) {
            return new Outcome(true, false, List.of(), List.of());
        }
        if (!differing.isEmpty() && !overwrite) {
            throw new DiffersException(differing);
        }
        List<String> deleted = new ArrayList<>();
        for (Path stale : foreign) {
            Files.delete(stale);
            deleted.add(slashed(dir.relativize(stale)));
        }
        deleteEmptyFolders(packageDir);
        List<Path> written = BoardServerSources.writeTo(dir, ours);
        return new Outcome(false, !differing.isEmpty(), deleted, written);
    }

    private static boolean sameBytes(String file, Path existing) throws IOException {
        try (InputStream in = BoardServerSources.open(file)) {
            return Arrays.equals(in.readAllBytes(), Files.readAllBytes(existing));
        }
    }

    /** Files under {@code ota/} that the server does not have; Python's caches do not count. */
    private static List<Path> foreignFiles(Path dir, Path packageDir, List<String> ours) throws IOException {
        if (!Files.isDirectory(packageDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(packageDir)) {
            return walk.filter(p -> !Files.isDirectory(p))
                    .filter(p -> !slashed(packageDir.relativize(p)).contains("__pycache__"))
                    .filter(p -> !ours.contains(slashed(dir.relativize(p))))
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
