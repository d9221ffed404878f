package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The bundled example carries the board server (written by {@code mvn ota:install-server}) so that its boot.py
 * finds it after every push; a change to the server must reach the example too.
 */
class BundledExampleTest {

    private static final Path EXAMPLE_SOURCES = Harness.MODULE_DIR.resolve("../examples/plant-monitor/src/main/micropython")
            .normalize();
    private static final String FIX = "; run `mvn ota:install-server -Dota.overwrite=true` in examples/plant-monitor"
            + " (after `mvn install -pl ota-board-server,ota-maven-plugin -DskipTests`)";

    @Test
    void thePlantMonitorCarriesThisServerByteForByte() throws Exception {
        Path ota = EXAMPLE_SOURCES.resolve("ota");
        List<String> inExample;
        try (Stream<Path> walk = Files.walk(ota)) {
            inExample = walk.filter(Files::isRegularFile)
                    .map(p -> EXAMPLE_SOURCES.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.contains("__pycache__")).sorted().toList();
        }
        assertEquals(BoardServerSources.files().stream().sorted().toList(), inExample,
                "the files of " + ota + FIX);
        for (String file : BoardServerSources.files()) {
            try (InputStream in = BoardServerSources.open(file)) {
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(EXAMPLE_SOURCES.resolve(file)),
                        file + " in the example differs from the server" + FIX);
            }
        }
    }
}
