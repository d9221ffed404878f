package io.github.mpota.maven;

import io.github.mpota.board.BoardServerSources;
import io.github.mpota.board.ServerInstaller;
import io.github.mpota.core.client.Passwords;
import io.github.mpota.core.selection.SettingsFiles;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes our MicroPython OTA server (the {@code ota} package) into the project's MicroPython source folder, so
 * that it travels with every push and a board never loses the server that lets it be updated. Refuses to replace
 * an {@code ota} folder that differs from this plugin's server unless {@code -Dota.overwrite=true}; also writes a
 * starter {@code ota_config.json} when the folder has none. With {@code -Dota.freeze=true} the server goes instead
 * into a firmware folder with the manifest that freezes it, for boards whose heap cannot compile it (ESP8266).
 */
@Mojo(name = "install-server", requiresProject = false, threadSafe = true)
public class InstallServerMojo extends AbstractOtaMojo {

    /** Skip this goal only ({@code ota.skip} skips every goal of the plugin). */
    @Parameter(property = "ota.installServer.skip", defaultValue = "false")
    boolean installServerSkip;

    @Override
    protected boolean skipThisGoal() {
        return installServerSkip;
    }

    @Override
    protected String skipProperty() {
        return "ota.installServer.skip";
    }

    static final String PACKAGE = ServerInstaller.PACKAGE;

    /** Where the generated password comes from; a field so that tests can fix it. */
    SecureRandom random = new SecureRandom();


    /** The project's MicroPython source folder, the one that {@code ota:push} sends; the server goes into its {@code ota/}. */
    @Parameter(property = "ota.src", defaultValue = "${basedir}/src/main/micropython")
    File src;

    /**
     * Replace an {@code ota/} folder that differs from this plugin's server: changed files are overwritten and files
     * that are not part of the server are deleted.
     */
    @Parameter(property = "ota.overwrite", defaultValue = "false")
    boolean overwrite;

    /**
     * Also write a starter {@code ota_config.json} into the source folder when it has none: WIFI_SSID and
     * WIFI_PASSWORD to fill in, DEVICE_NAME, and a strong random OTA_PASSWORD, printed once with the
     * settings.xml lines that give it to {@code ota:push}. An existing one is never touched.
     */
    @Parameter(property = "ota.starterConfig", defaultValue = "true")
    boolean starterConfig;

    /**
     * Freeze the server into the board's firmware instead of pushing it with the sources: write the {@code ota}
     * package and the {@code manifest.py} that freezes it into {@link #firmwareDir}. For boards whose heap cannot
     * compile the package (ESP8266). Refused while the source folder holds an {@code ota} package, which the board
     * would import instead of the frozen one.
     */
    @Parameter(property = "ota.freeze", defaultValue = "false")
    boolean freeze;

    /** Where {@code -Dota.freeze=true} writes the package and its manifest, for the firmware build to include. */
    @Parameter(property = "ota.firmwareDir", defaultValue = "${basedir}/src/main/firmware")
    File firmwareDir;


    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("install-server")) {
            return;
        }
        if (src == null) {
            throw new MojoExecutionException("no source folder: set -Dota.src or <src> in the plugin's configuration");
        }
        Path sourceDir = src.toPath().toAbsolutePath().normalize();
        if (Files.exists(sourceDir) && !Files.isDirectory(sourceDir)) {
            throw new MojoExecutionException("the source folder " + sourceDir + " is a file; point -Dota.src at the"
                    + " folder that holds your MicroPython files");
        }
        Path packageDir = sourceDir.resolve(PACKAGE);
        Path firmware = freeze ? firmwareFolder() : null;
        if (!freeze && Files.exists(packageDir) && !Files.isDirectory(packageDir)) {
            throw new MojoFailureException(packageDir + " is a file, not the ota package folder; move it away and"
                    + " run ota:install-server again");
        }
        Path target = freeze ? firmware : sourceDir;
        try {
            if (freeze) {
                installForFirmware(firmware, sourceDir);
            } else {
                installPackage(sourceDir, packageDir);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the OTA server into " + target + ": " + e.getMessage(), e);
        }
        if (starterConfig) {
            try {
                // A frozen install writes nothing into the sources, which may not exist yet.
                Files.createDirectories(sourceDir);
                writeStarterConfig(sourceDir.resolve(SettingsFiles.OTA_CONFIG));
            } catch (IOException e) {
                throw new MojoExecutionException("cannot write the starter configuration into " + sourceDir + ": "
                        + e.getMessage(), e);
            }
        }
        if (freeze) {
            logFirmwareSteps(firmware, sourceDir);
        }
    }

    private Path firmwareFolder() throws MojoExecutionException, MojoFailureException {
        if (firmwareDir == null) {
            throw new MojoExecutionException("no firmware folder: set -Dota.firmwareDir or <firmwareDir> in the"
                    + " plugin's configuration");
        }
        Path firmware = firmwareDir.toPath().toAbsolutePath().normalize();
        if (Files.exists(firmware) && !Files.isDirectory(firmware)) {
            throw new MojoExecutionException("the firmware folder " + firmware + " is a file; point -Dota.firmwareDir"
                    + " at a folder (it is created when missing)");
        }
        Path packageDir = firmware.resolve(PACKAGE);
        if (Files.exists(packageDir) && !Files.isDirectory(packageDir)) {
            throw new MojoFailureException(packageDir + " is a file, not the ota package folder; move it away and"
                    + " run ota:install-server -Dota.freeze=true again");
        }
        return firmware;
    }

    private void installForFirmware(Path firmware, Path sourceDir)
            throws IOException, MojoExecutionException, MojoFailureException {
        ServerInstaller.Outcome outcome;
        try {
            outcome = ServerInstaller.installForFirmware(firmware, sourceDir, overwrite);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + "; point -Dota.firmwareDir at a folder outside it"
                    + " (the default is src/main/firmware)");
        } catch (ServerInstaller.ShadowsFrozenServerException e) {
            throw new MojoFailureException(shadowRefusal(e.shadowing()));
        } catch (ServerInstaller.DiffersException e) {
            throw new MojoFailureException("Not replacing the OTA server in " + firmware + ": it differs from this"
                    + " plugin's (" + e.getMessage() + "). Keep your copy, or replace it with -Dota.overwrite=true"
                    + " (changes to those files are lost).");
        }
        int count = BoardServerSources.firmwareFiles().size();
        if (outcome.alreadyInstalled()) {
            getLog().info("The OTA server and its manifest in " + firmware + " are already this plugin's (" + count
                    + " files); nothing written");
            return;
        }
        for (String stale : outcome.deleted()) {
            getLog().info("Deleted " + stale + " (not part of the server)");
        }
        getLog().info((outcome.replaced() ? "Replaced" : "Wrote") + " the OTA server and its manifest in " + firmware
                + ", for freezing into the firmware: " + outcome.written().size() + " files");
        for (Path p : outcome.written()) {
            getLog().info(String.format("  %10d  %s", Files.size(p), slashed(firmware.relativize(p))));
        }
    }

    /** One sentence: what would shadow the frozen server on the board, and how to remove it from both places. */
    private static String shadowRefusal(List<Path> shadowing) {
        List<String> names = shadowing.stream().map(Path::toString).toList();
        List<String> commands = shadowing.stream().map(p -> Files.isDirectory(p)
                ? "mpremote rm -r :" + p.getFileName() : "mpremote rm :" + p.getFileName()).toList();
        boolean one = shadowing.size() == 1;
        return "Not freezing the OTA server: " + String.join(" and ", names) + (one ? " goes" : " go")
                + " to the board with every push, and MicroPython imports from the board's files before its frozen"
                + " modules, so the board would compile " + (one ? "that copy" : "those") + " instead of running"
                + " the frozen server, which takes the heap that freezing saves. Delete " + (one ? "it" : "them")
                + " from the sources, and from the board (" + String.join(", ", commands) + "), then run"
                + " ota:install-server -Dota.freeze=true again.";
    }

    private void logFirmwareSteps(Path firmware, Path sourceDir) {
        Path manifest = firmware.resolve(BoardServerSources.MANIFEST);
        getLog().info("Next, to run the frozen server on a board (docs/BOARDS.md):");
        getLog().info("  1. Build a firmware that freezes it. FROZEN_MANIFEST replaces the board's own manifest, whose"
                + " frozen modules the board needs (its _boot mounts the filesystem), so name a manifest of your own"
                + " that includes both: include(\"$(PORT_DIR)/boards/manifest.py\") and include(\"" + manifest
                + "\"); for example, in ports/esp8266: make BOARD=ESP8266_GENERIC FROZEN_MANIFEST=/path/to/that/manifest.py");
        getLog().info("  2. Flash that firmware to the board.");
        getLog().info("  3. Copy the configuration over USB: mpremote cp " + sourceDir.resolve(SettingsFiles.OTA_CONFIG)
                + " :");
        getLog().info("  4. boot.py or main.py starts the server as before: from ota import OTAUpdater;"
                + " OTAUpdater().start_server()");
        getLog().info("Pushes to this board must not carry an ota/ folder: the board would import it instead of the"
                + " frozen server.");
    }

    private void installPackage(Path sourceDir, Path packageDir) throws IOException, MojoFailureException {
        ServerInstaller.Outcome outcome;
        try {
            outcome = ServerInstaller.install(sourceDir, overwrite);
        } catch (ServerInstaller.DiffersException e) {
            throw new MojoFailureException("Not replacing " + packageDir + ": it differs from this plugin's OTA"
                    + " server (" + e.getMessage() + "). Keep your copy, or replace it with"
                    + " -Dota.overwrite=true (changes in that folder are lost).");
        }
        if (outcome.alreadyInstalled()) {
            getLog().info("The OTA server in " + packageDir + " is already this plugin's ("
                    + BoardServerSources.files().size() + " files); nothing written");
            return;
        }
        for (String stale : outcome.deleted()) {
            getLog().info("Deleted " + stale + " (not part of the server)");
        }
        getLog().info((outcome.replaced() ? "Replaced" : "Wrote") + " the OTA server in " + packageDir + ": "
                + outcome.written().size() + " files");
        for (Path p : outcome.written()) {
            getLog().info(String.format("  %10d  %s", Files.size(p), slashed(sourceDir.relativize(p))));
        }
        getLog().info("It goes to the board with every push. The first time, copy it over USB: mpremote cp -r "
                + packageDir + " :");
    }

    private void writeStarterConfig(Path config) throws IOException {
        if (Files.exists(config)) {
            getLog().info("Kept the existing " + config);
            return;
        }
        String password = Passwords.generate(random);
        Path temp = Files.createTempFile(config.getParent(), ".ota-config-", ".tmp");
        try {
            Files.writeString(temp, SettingsFiles.starterConfig(password), StandardCharsets.UTF_8);
            Files.move(temp, config, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        getLog().warn("Wrote a starter " + config + ": set WIFI_SSID and WIFI_PASSWORD (and DEVICE_NAME) before it"
                + " goes to the board over USB (the board reads them at boot); pushes leave it out"
                + " (-Dota.pushSettings=true sends it)");
        // Shown once, here: it is nowhere else but in that file, and ota:push reads it from settings.xml.
        getLog().info("Generated a strong random OTA password for the board, in " + config.getFileName()
                + " and shown only now: give it to ota:push in ~/.m2/settings.xml (encrypted with mvn"
                + " --encrypt-password): <servers><server><id>ota</id><password>" + password
                + "</password></server></servers>");
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(File.separatorChar, '/');
    }
}
