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
 * for a goal that writes it into a project's MicroPython sources, so that every push carries it to the board.
 */
public final class BoardServerSources {

    /** Where the package's files are in the jar: {@code micropython/ota/__init__.py} and so on. */
    public static final String RESOURCE_PREFIX = "micropython/";

    /** Lists the package's files, one relative path a line ({@code ota/__init__.py}); a jar cannot be listed. */
    public static final String INDEX = RESOURCE_PREFIX + "ota.index";

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

    /** Opens one of {@link #files()}. */
    public static InputStream open(String file) {
        if (!files().contains(file)) {
            throw new IllegalArgumentException(file + " is not a file of the board server; expected one of " + files());
        }
        return resource(RESOURCE_PREFIX + file);
    }

    /**
     * Writes the package into {@code sourceDir} ({@code sourceDir/ota/...}), replacing files of the same name.
     * Each file is written next to its target and then moved over it, so that none is left half-written.
     *
     * @return the files written
     */
    public static List<Path> writeTo(Path sourceDir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (String file : files()) {
            Path target = sourceDir.resolve(file);
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
