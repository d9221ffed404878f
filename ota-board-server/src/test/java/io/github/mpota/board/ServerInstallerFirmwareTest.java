package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ServerInstaller#installForFirmware}: the package and the manifest that freezes it go into a firmware
 * folder, byte for byte as they are in this module's {@code src/main/micropython}, and never while the pushed
 * sources hold an {@code ota} that the board would import instead of the frozen one.
 */
class ServerInstallerFirmwareTest {

    private static final Path SOURCES = Harness.MODULE_DIR.resolve("src/main/micropython");

    @TempDir
    Path project;

    private Path firmware() {
        return project.resolve("src/main/firmware");
    }

    private Path src() {
        return project.resolve("src/main/micropython");
    }

    /** What a firmware folder must hold: every .py of the package on disk, and the manifest beside it. */
    private static List<String> expectedFiles() throws Exception {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(SOURCES.resolve("ota"))) {
            walk.filter(p -> p.toString().endsWith(".py"))
                    .map(p -> SOURCES.relativize(p).toString().replace('\\', '/')).forEach(files::add);
        }
        files.add("manifest.py");
        return files.stream().sorted().toList();
    }

    private List<String> filesIn(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    private void assertFrozenServerIn(Path dir) throws Exception {
        assertEquals(expectedFiles(), filesIn(dir));
        for (String file : expectedFiles()) {
            assertArrayEquals(Files.readAllBytes(SOURCES.resolve(file)), Files.readAllBytes(dir.resolve(file)), file);
        }
    }

    @Test
    void writesThePackageAndItsManifestIntoTheFirmwareFolderAndNothingIntoTheSources() throws Exception {
        ServerInstaller.Outcome outcome = ServerInstaller.installForFirmware(firmware(), src(), false);

        assertFrozenServerIn(firmware());
        assertTrue(Files.readString(firmware().resolve("manifest.py")).contains("package(\"ota\")"),
                "the manifest freezes the ota folder next to it");
        assertFalse(outcome.alreadyInstalled());
        assertFalse(outcome.replaced());
        assertEquals(expectedFiles().size(), outcome.written().size());
        assertTrue(outcome.written().contains(firmware().resolve("manifest.py")), outcome.written().toString());
        assertFalse(Files.exists(src()), "the pushed sources get no copy of the server");
    }

    @Test
    void aSecondRunFindsTheSameFilesAndWritesNothing() throws Exception {
        ServerInstaller.installForFirmware(firmware(), src(), false);
        Path manifest = firmware().resolve("manifest.py");
        Files.setLastModifiedTime(manifest, FileTime.fromMillis(0));

        ServerInstaller.Outcome outcome = ServerInstaller.installForFirmware(firmware(), src(), false);

        assertTrue(outcome.alreadyInstalled());
        assertEquals(List.of(), outcome.written());
        assertEquals(0, Files.getLastModifiedTime(manifest).toMillis(), "not rewritten");
    }

    @Test
    void anOtaPackageInTheSourcesIsRefusedAndNothingIsWritten() throws Exception {
        Files.createDirectories(src().resolve("ota"));
        Files.writeString(src().resolve("ota/server.py"), "# pushed with the sources\n");

        ServerInstaller.ShadowsFrozenServerException e = assertThrows(ServerInstaller.ShadowsFrozenServerException.class,
                () -> ServerInstaller.installForFirmware(firmware(), src(), false));

        assertEquals(List.of(src().resolve("ota")), e.shadowing());
        assertFalse(Files.exists(firmware()), "nothing written");
        assertEquals("# pushed with the sources\n", Files.readString(src().resolve("ota/server.py")), "sources untouched");
    }

    @Test
    void anEmptyOtaFolderAndAnOtaModuleAreRefusedToo() throws Exception {
        // MicroPython imports a folder without __init__.py as a package, and ota.py as the module ota.
        Files.createDirectories(src().resolve("ota"));
        Files.writeString(src().resolve("ota.py"), "x = 1\n");

        ServerInstaller.ShadowsFrozenServerException e = assertThrows(ServerInstaller.ShadowsFrozenServerException.class,
                () -> ServerInstaller.installForFirmware(firmware(), src(), false));

        assertEquals(List.of(src().resolve("ota"), src().resolve("ota.py")), e.shadowing());
        assertFalse(Files.exists(firmware()));
    }

    @Test
    void otherFilesInTheSourcesAreNoObstacle() throws Exception {
        Files.createDirectories(src().resolve("lib"));
        Files.writeString(src().resolve("main.py"), "from ota import OTAUpdater\n");
        Files.writeString(src().resolve("lib/otamate.py"), "x = 1\n");

        ServerInstaller.installForFirmware(firmware(), src(), false);

        assertFrozenServerIn(firmware());
    }

    @Test
    void aFirmwareFolderThatDiffersIsRefusedUnchangedAndReplacedOnRequest() throws Exception {
        ServerInstaller.installForFirmware(firmware(), src(), false);
        Files.writeString(firmware().resolve("ota/server.py"), "# my own changes\n");
        Files.writeString(firmware().resolve("manifest.py"), "package(\"ota\", opt=3)\n");
        Files.writeString(firmware().resolve("ota/extra.py"), "x = 1\n");
        Files.writeString(firmware().resolve("board_manifest.py"), "include(\"$(PORT_DIR)/boards/manifest.py\")\n");

        ServerInstaller.DiffersException e = assertThrows(ServerInstaller.DiffersException.class,
                () -> ServerInstaller.installForFirmware(firmware(), src(), false));

        assertEquals(List.of("ota/server.py differs", "manifest.py differs", "ota/extra.py is not part of the server"),
                e.differences());
        assertEquals("# my own changes\n", Files.readString(firmware().resolve("ota/server.py")));
        assertEquals("package(\"ota\", opt=3)\n", Files.readString(firmware().resolve("manifest.py")));
        assertTrue(Files.exists(firmware().resolve("ota/extra.py")));

        ServerInstaller.Outcome outcome = ServerInstaller.installForFirmware(firmware(), src(), true);

        assertTrue(outcome.replaced());
        assertEquals(List.of("ota/extra.py"), outcome.deleted());
        assertEquals("include(\"$(PORT_DIR)/boards/manifest.py\")\n",
                Files.readString(firmware().resolve("board_manifest.py")), "the user's own manifest is not ours");
        Files.delete(firmware().resolve("board_manifest.py"));
        assertFrozenServerIn(firmware());
    }

    @Test
    void aMissingManifestIsAddedWithoutOverwrite() throws Exception {
        ServerInstaller.installForFirmware(firmware(), src(), false);
        Files.delete(firmware().resolve("manifest.py"));

        ServerInstaller.Outcome outcome = ServerInstaller.installForFirmware(firmware(), src(), false);

        assertFalse(outcome.replaced());
        assertFrozenServerIn(firmware());
    }

    @Test
    void aFirmwareFolderInsideTheSourcesIsRefused() throws Exception {
        IllegalArgumentException inside = assertThrows(IllegalArgumentException.class,
                () -> ServerInstaller.installForFirmware(src().resolve("firmware"), src(), false));
        assertEquals("the firmware folder " + src().resolve("firmware") + " is inside the source folder " + src()
                + ": every push would carry the server's files to the board", inside.getMessage());

        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> ServerInstaller.installForFirmware(src(), src(), false));
        assertEquals("the firmware folder " + src() + " is the source folder: every push would carry the server's"
                + " files to the board", same.getMessage());
        assertFalse(Files.exists(src()));
    }

    @Test
    void aFirmwareFolderBesideTheSourcesWithASimilarNameIsAccepted() throws Exception {
        // src/main/micropython-firmware starts with the text of src/main/micropython but is not inside it.
        Path beside = project.resolve("src/main/micropython-firmware");

        ServerInstaller.installForFirmware(beside, src(), false);

        assertFrozenServerIn(beside);
    }
}
