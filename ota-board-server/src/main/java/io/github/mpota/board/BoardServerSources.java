package io.github.mpota.board;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The MicroPython OTA server ({@code ota} package) as it travels in this jar, under {@value #RESOURCE_PREFIX}:
 * for a goal that writes it into a project's MicroPython sources, so that every push carries it to the board,
 * or, with the {@value #MANIFEST} that freezes it, into a folder that a firmware build reads.
 */
public final class BoardServerSources {

    /** Where the package's files are in the jar: {@code micropython/ota/__init__.py} and so on. */
    public static final String RESOURCE_PREFIX = "micropython/";

    /** Lists the package's files, one relative path a line ({@code ota/__init__.py}); a jar cannot be listed. */
    public static final String INDEX = RESOURCE_PREFIX + "ota.index";

    /**
     * MicroPython's manifest that freezes the package into a firmware; it names the {@code ota} folder next to it,
     * so it is written beside the package.
     */
    public static final String MANIFEST = "manifest.py";

    private BoardServerSources() {
    }

    /** The package's files as paths relative to a MicroPython source folder, e.g. {@code ota/server.py}. */
    public static List<String> files() {
        try (InputStream in = resource(INDEX);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> files = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    files.add(line.strip());
                }
            }
            return List.copyOf(files);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + INDEX + " from the ota-board-server jar", e);
        }
    }

    /** What a firmware build needs to freeze the server: {@link #files()} and the {@value #MANIFEST}. */
    public static List<String> firmwareFiles() {
        List<String> files = new ArrayList<>(files());
        files.add(MANIFEST);
        return List.copyOf(files);
    }

    /** Opens one of {@link #firmwareFiles()}. */
    public static InputStream open(String file) {
        List<String> known = firmwareFiles();
        if (!known.contains(file)) {
            throw new IllegalArgumentException(file + " is not a file of the board server; expected one of " + known);
        }
        return resource(RESOURCE_PREFIX + file);
    }

    /**
     * Writes the package into {@code sourceDir} ({@code sourceDir/ota/...}), replacing files of the same name.
     *
     * @return the files written
     */
    public static List<Path> writeTo(Path sourceDir) throws IOException {
        return writeTo(sourceDir, files());
    }

    /**
     * Writes {@code files} (some of {@link #firmwareFiles()}) into {@code dir}, replacing files of the same name.
     * Each file is written next to its target and then moved over it, so that none is left half-written.
     *
     * @return the files written
     */
    public static List<Path> writeTo(Path dir, List<String> files) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String file : files) {
            Path target = dir.resolve(file);
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".ota-", ".tmp");
            try (InputStream in = open(file)) {
                Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            written.add(target);
        }
        return written;
    }

    private static InputStream resource(String name) {
        InputStream in = BoardServerSources.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " is missing from the ota-board-server jar; rebuild it");
        }
        return in;
    }
}
