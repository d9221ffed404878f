package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.board.BoardServerSources;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class InstallServerMojoTest {

    @TempDir
    Path project;

    private final RecordingLog log = new RecordingLog();

    private Path src() {
        return project.resolve("src/main/micropython");
    }

    private InstallServerMojo mojo() {
        InstallServerMojo m = new InstallServerMojo();
        m.setLog(log);
        m.src = src().toFile();
        m.starterConfig = true;
        return m;
    }

    private static byte[] ours(String file) throws Exception {
        try (InputStream in = BoardServerSources.open(file)) {
            return in.readAllBytes();
        }
    }

    private void assertTheServerIsInstalled() throws Exception {
        for (String file : BoardServerSources.files()) {
            assertArrayEquals(ours(file), Files.readAllBytes(src().resolve(file)), file);
        }
        try (Stream<Path> walk = Files.walk(src().resolve("ota"))) {
            assertEquals(BoardServerSources.files().size(), walk.filter(Files::isRegularFile).count(),
                    "the ota folder holds the server's files and nothing else");
        }
    }

    @Test
    void writesTheServerAndAStarterConfigIntoANewProject() throws Exception {
        mojo().execute();

        assertTheServerIsInstalled();
        assertTrue(BoardServerSources.files().contains("ota/server.py"));
        String text = log.text();
        assertTrue(text.contains("[INFO] Wrote the OTA server in " + src().resolve("ota") + ": "
                + BoardServerSources.files().size() + " files"), text);
        assertTrue(text.contains(String.format("[INFO]   %10d  ota/server.py", ours("ota/server.py").length)), text);
        JsonNode config = new ObjectMapper().readTree(src().resolve("ota_config.json").toFile());
        for (String key : List.of("WIFI_SSID", "WIFI_PASSWORD", "OTA_PASSWORD", "DEVICE_NAME")) {
            assertTrue(config.path(key).isTextual() && !config.path(key).asText().isEmpty(), key + " in " + config);
        }
        assertTrue(text.contains("[WARNING] Wrote a starter " + src().resolve("ota_config.json")
                + ": set WIFI_SSID and WIFI_PASSWORD"), text);
        // Issue 13: a strong random OTA password instead of a placeholder, printed once, with settings.xml lines.
        String password = config.path("OTA_PASSWORD").asText();
        assertTrue(password.matches("[A-Za-z0-9]{24}"), password);
        assertTrue(text.contains("[INFO] Generated a strong random OTA password for the board, in ota_config.json"
                + " and shown only now: give it to ota:push in ~/.m2/settings.xml (encrypted with mvn"
                + " --encrypt-password): <servers><server><id>ota</id><password>" + password
                + "</password></server></servers>"), text);
        assertEquals(1, text.split(password, -1).length - 1, "printed once");
        try (Stream<Path> files = Files.list(src())) {
            assertEquals(List.of("ota", "ota_config.json"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files are left behind");
        }
    }

    @Test
    void aSecondRunFindsTheSameServerAndWritesNothing() throws Exception {
        mojo().execute();
        Path server = src().resolve("ota/server.py");
        Files.setLastModifiedTime(server, java.nio.file.attribute.FileTime.fromMillis(0));
        log.lines.clear();

        mojo().execute();

        assertEquals(0, Files.getLastModifiedTime(server).toMillis(), "the file was not rewritten");
        assertTrue(log.text().contains("[INFO] The OTA server in " + src().resolve("ota")
                + " is already this plugin's (" + BoardServerSources.files().size() + " files); nothing written"),
                log.text());
        assertTrue(log.text().contains("[INFO] Kept the existing " + src().resolve("ota_config.json")), log.text());
    }

    @Test
    void anExistingConfigIsNeverTouched() throws Exception {
        Files.createDirectories(src());
        String mine = "{\"WIFI_SSID\": \"greenhouse\", \"WIFI_PASSWORD\": \"x\", \"OTA_PASSWORD\": \"y\"}\n";
        Files.writeString(src().resolve("ota_config.json"), mine);

        mojo().execute();

        assertEquals(mine, Files.readString(src().resolve("ota_config.json")));
        assertTheServerIsInstalled();
    }

    @Test
    void withoutStarterConfigNoConfigIsWritten() throws Exception {
        InstallServerMojo m = mojo();
        m.starterConfig = false;
        m.execute();
        assertFalse(Files.exists(src().resolve("ota_config.json")));
        assertTheServerIsInstalled();
    }

    @Test
    void refusesToReplaceAServerThatDiffersAndChangesNothing() throws Exception {
        mojo().execute();
        Path server = src().resolve("ota/server.py");
        Files.writeString(server, "# my own changes\n");
        Files.writeString(src().resolve("ota/extra.py"), "x = 1\n");

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo().execute());

        assertEquals("Not replacing " + src().resolve("ota") + ": it differs from this plugin's OTA server"
                + " (ota/server.py differs, ota/extra.py is not part of the server). Keep your copy, or replace it"
                + " with -Dota.overwrite=true (changes in that folder are lost).", e.getMessage());
        assertEquals("# my own changes\n", Files.readString(server));
        assertTrue(Files.exists(src().resolve("ota/extra.py")));
    }

    @Test
    void aMissingFileIsAddedWithoutOverwrite() throws Exception {
        mojo().execute();
        Files.delete(src().resolve("ota/wire.py"));
        log.lines.clear();

        mojo().execute();

        assertTheServerIsInstalled();
        assertTrue(log.text().contains("[INFO] Wrote the OTA server in "), log.text());
    }

    @Test
    void overwriteReplacesChangedFilesAndDeletesForeignOnes() throws Exception {
        mojo().execute();
        Files.writeString(src().resolve("ota/server.py"), "# my own changes\n");
        Files.createDirectories(src().resolve("ota/old"));
        Files.writeString(src().resolve("ota/old/legacy.py"), "x = 1\n");
        Files.createDirectories(src().resolve("ota/__pycache__"));
        Files.writeString(src().resolve("ota/__pycache__/server.cpython-311.pyc"), "cache");
        log.lines.clear();
        InstallServerMojo m = mojo();
        m.overwrite = true;

        m.execute();

        assertFalse(Files.exists(src().resolve("ota/old")), "the emptied foreign folder is gone");
        assertArrayEquals(ours("ota/server.py"), Files.readAllBytes(src().resolve("ota/server.py")));
        assertTrue(Files.exists(src().resolve("ota/__pycache__/server.cpython-311.pyc")),
                "Python's cache is not ours to judge");
        String text = log.text();
        assertTrue(text.contains("[INFO] Deleted ota/old/legacy.py (not part of the server)"), text);
        assertTrue(text.contains("[INFO] Replaced the OTA server in " + src().resolve("ota")), text);
    }

    @Test
    void anOtaFileInsteadOfAFolderIsRefused() throws Exception {
        Files.createDirectories(src());
        Files.writeString(src().resolve("ota"), "not a folder");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo().execute());
        assertEquals(src().resolve("ota") + " is a file, not the ota package folder; move it away and run"
                + " ota:install-server again", e.getMessage());
    }

    @Test
    void aSourceFolderThatIsAFileIsRefused() throws Exception {
        Files.createDirectories(src().getParent());
        Files.writeString(src(), "oops");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> mojo().execute());
        assertTrue(e.getMessage().startsWith("the source folder " + src() + " is a file;"), e.getMessage());
    }

    // Freezing (issue 19): the server and its manifest go into the firmware folder, the sources keep only the config.

    private Path firmware() {
        return project.resolve("src/main/firmware");
    }

    private InstallServerMojo freezingMojo() {
        InstallServerMojo m = mojo();
        m.freeze = true;
        m.firmwareDir = firmware().toFile();
        return m;
    }

    private List<String> firmwareFiles() {
        List<String> files = new ArrayList<>(BoardServerSources.files());
        files.add("manifest.py");
        return files;
    }

    private void assertTheFrozenServerIsInTheFirmwareFolder() throws Exception {
        for (String file : firmwareFiles()) {
            assertArrayEquals(ours(file), Files.readAllBytes(firmware().resolve(file)), file);
        }
        try (Stream<Path> walk = Files.walk(firmware())) {
            assertEquals(firmwareFiles().size(), walk.filter(Files::isRegularFile).count(),
                    "the firmware folder holds the package and its manifest, nothing else");
        }
    }

    @Test
    void freezeWritesTheServerAndItsManifestIntoTheFirmwareFolderAndTheConfigIntoTheSources() throws Exception {
        freezingMojo().execute();

        assertTheFrozenServerIsInTheFirmwareFolder();
        assertTrue(new String(ours("manifest.py"), StandardCharsets.UTF_8).contains("package(\"ota\")"));
        try (Stream<Path> files = Files.list(src())) {
            assertEquals(List.of("ota_config.json"), files.map(p -> p.getFileName().toString()).toList(),
                    "the pushed sources carry the configuration and no copy of the server");
        }
        JsonNode config = new ObjectMapper().readTree(src().resolve("ota_config.json").toFile());
        assertTrue(config.path("OTA_PASSWORD").asText().matches("[A-Za-z0-9]{24}"), config.toString());
        String text = log.text();
        assertTrue(text.contains("[INFO] Wrote the OTA server and its manifest in " + firmware()
                + ", for freezing into the firmware: " + firmwareFiles().size() + " files"), text);
        assertTrue(text.contains(String.format("[INFO]   %10d  manifest.py", ours("manifest.py").length)), text);
        assertTrue(text.contains(String.format("[INFO]   %10d  ota/server.py", ours("ota/server.py").length)), text);
        assertTrue(text.contains("[WARNING] Wrote a starter " + src().resolve("ota_config.json")), text);
        assertTrue(text.contains("include(\"$(PORT_DIR)/boards/manifest.py\") and include(\""
                + firmware().resolve("manifest.py") + "\")"), text);
        assertTrue(text.contains("make BOARD=ESP8266_GENERIC FROZEN_MANIFEST="), text);
        assertTrue(text.contains("[INFO]   3. Copy the configuration over USB: mpremote cp "
                + src().resolve("ota_config.json") + " :"), text);
        assertTrue(text.contains("from ota import OTAUpdater"), text);
        assertFalse(text.contains("It goes to the board with every push"), text);
    }

    @Test
    void freezeIsRefusedWhileTheSourcesHoldTheOtaPackage() throws Exception {
        mojo().execute();
        log.lines.clear();

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> freezingMojo().execute());

        assertEquals("Not freezing the OTA server: " + src().resolve("ota") + " goes to the board with every push,"
                + " and MicroPython imports from the board's files before its frozen modules, so the board would"
                + " compile that copy instead of running the frozen server, which takes the heap that freezing saves."
                + " Delete it from the sources, and from the board (mpremote rm -r :ota), then run"
                + " ota:install-server -Dota.freeze=true again.", e.getMessage());
        assertFalse(Files.exists(firmware()), "nothing written into the firmware folder");
        assertTheServerIsInstalled();
    }

    @Test
    void freezeRefusesAFirmwareFolderThatDiffersAndOverwriteReplacesIt() throws Exception {
        freezingMojo().execute();
        Files.writeString(firmware().resolve("manifest.py"), "package(\"ota\", opt=3)\n");
        Files.writeString(firmware().resolve("ota/extra.py"), "x = 1\n");

        MojoFailureException e = assertThrows(MojoFailureException.class, () -> freezingMojo().execute());

        assertEquals("Not replacing the OTA server in " + firmware() + ": it differs from this plugin's (manifest.py"
                + " differs, ota/extra.py is not part of the server). Keep your copy, or replace it with"
                + " -Dota.overwrite=true (changes to those files are lost).", e.getMessage());
        assertEquals("package(\"ota\", opt=3)\n", Files.readString(firmware().resolve("manifest.py")));

        log.lines.clear();
        InstallServerMojo m = freezingMojo();
        m.overwrite = true;
        m.execute();

        assertTheFrozenServerIsInTheFirmwareFolder();
        String text = log.text();
        assertTrue(text.contains("[INFO] Deleted ota/extra.py (not part of the server)"), text);
        assertTrue(text.contains("[INFO] Replaced the OTA server and its manifest in " + firmware()), text);
        assertTrue(text.contains("[INFO] Kept the existing " + src().resolve("ota_config.json")), text);
    }

    @Test
    void aSecondFreezeFindsTheSameFilesAndStillSaysWhatComesNext() throws Exception {
        freezingMojo().execute();
        log.lines.clear();

        freezingMojo().execute();

        String text = log.text();
        assertTrue(text.contains("[INFO] The OTA server and its manifest in " + firmware() + " are already this"
                + " plugin's (" + firmwareFiles().size() + " files); nothing written"), text);
        assertTrue(text.contains("make BOARD=ESP8266_GENERIC"), text);
    }

    @Test
    void freezeIntoTheSourceFolderIsRefused() throws Exception {
        InstallServerMojo m = freezingMojo();
        m.firmwareDir = src().toFile();

        MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);

        assertEquals("the firmware folder " + src() + " is the source folder: every push would carry the server's"
                + " files to the board; point -Dota.firmwareDir at a folder outside it (the default is"
                + " src/main/firmware)", e.getMessage());
        assertFalse(Files.exists(src()));
    }

    @Test
    void aFirmwareFolderThatIsAFileIsRefused() throws Exception {
        Files.createDirectories(firmware().getParent());
        Files.writeString(firmware(), "oops");
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> freezingMojo().execute());
        assertEquals("the firmware folder " + firmware() + " is a file; point -Dota.firmwareDir at a folder (it is"
                + " created when missing)", e.getMessage());
        assertFalse(Files.exists(src()));
    }

    @Test
    void skipWritesNothing() throws Exception {
        InstallServerMojo m = mojo();
        m.skip = true;
        m.execute();
        assertFalse(Files.exists(src()));
        assertEquals("[INFO] Skipping install-server (ota.skip)", log.text());
    }
}
