package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoardServerSourcesTest {

    private static final Path SOURCES = Harness.MODULE_DIR.resolve("src/main/micropython");

    @TempDir
    Path temp;

    @Test
    void theIndexListsEveryFileOfThePackage() throws Exception {
        List<String> onDisk;
        try (Stream<Path> walk = Files.walk(SOURCES.resolve("ota"))) {
            onDisk = walk.filter(p -> p.toString().endsWith(".py"))
                    .map(p -> SOURCES.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
        assertEquals(onDisk, BoardServerSources.files().stream().sorted().toList(),
                "src/main/resources/micropython/ota.index must list every file of src/main/micropython/ota");
    }

    @Test
    void writeToPutsThePackageIntoAProjectByteForByte() throws Exception {
        Files.createDirectories(temp.resolve("ota"));
        Files.writeString(temp.resolve("ota/server.py"), "an older server");
        List<Path> written = BoardServerSources.writeTo(temp);
        assertEquals(BoardServerSources.files().size(), written.size());
        for (String file : BoardServerSources.files()) {
            assertArrayEquals(Files.readAllBytes(SOURCES.resolve(file)), Files.readAllBytes(temp.resolve(file)), file);
        }
        try (Stream<Path> left = Files.list(temp.resolve("ota"))) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void theManifestThatFreezesThePackageTravelsBesideIt() throws Exception {
        assertEquals("manifest.py", BoardServerSources.MANIFEST);
        List<String> expected = new ArrayList<>(BoardServerSources.files());
        expected.add("manifest.py");
        assertEquals(expected, BoardServerSources.firmwareFiles());
        try (InputStream in = BoardServerSources.open("manifest.py")) {
            assertArrayEquals(Files.readAllBytes(SOURCES.resolve("manifest.py")), in.readAllBytes());
        }
        assertEquals(true, BoardServerSources.files().stream().allMatch(f -> f.startsWith("ota/")),
                "ota.index lists the package only: a source install writes no manifest");
    }

    @Test
    void openRefusesAFileThatIsNotPartOfTheServer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoardServerSources.open("ota/../../etc/passwd"));
        assertEquals(true, e.getMessage().contains("is not a file of the board server"), e.getMessage());
    }
}
