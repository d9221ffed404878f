package io.github.mpota.maven;

import io.github.mpota.board.BoardServerSources;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes our MicroPython OTA server (the {@code ota} package) into the project's MicroPython source folder, so
 * that it travels with every push and a board never loses the server that lets it be updated. Refuses to replace
 * an {@code ota} folder that differs from this plugin's server unless {@code -Dota.overwrite=true}; also writes a
 * starter {@code ota_config.json} when the folder has none.
 */
@Mojo(name = "install-server", requiresProject = false, threadSafe = true)
public class InstallServerMojo extends AbstractMojo {

    static final String PACKAGE = "ota";


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
     * Also write a starter {@code ota_config.json} (WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD, DEVICE_NAME with
     * placeholder values) into the source folder when it has none. An existing one is never touched.
     */
    @Parameter(property = "ota.starterConfig", defaultValue = "true")
    boolean starterConfig;

    /** Skip this goal. */
    @Parameter(property = "ota.skip", defaultValue = "false")
    boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping install-server (ota.skip)");
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
        if (Files.exists(packageDir) && !Files.isDirectory(packageDir)) {
            throw new MojoFailureException(packageDir + " is a file, not the ota package folder; move it away and"
                    + " run ota:install-server again");
        }
        try {
            installPackage(sourceDir, packageDir);
            if (starterConfig) {
                writeStarterConfig(sourceDir.resolve(StarterConfig.FILE_NAME));
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the OTA server into " + sourceDir + ": " + e.getMessage(), e);
        }
    }

    private void installPackage(Path sourceDir, Path packageDir) throws IOException, MojoFailureException {
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
            getLog().info("The OTA server in " + packageDir + " is already this plugin's (" + ours.size()
                    + " files); nothing written");
            return;
        }
        if (!differing.isEmpty() && !overwrite) {
            throw new MojoFailureException("Not replacing " + packageDir + ": it differs from this plugin's OTA"
                    + " server (" + String.join(", ", differing) + "). Keep your copy, or replace it with"
                    + " -Dota.overwrite=true (changes in that folder are lost).");
        }
        for (Path stale : foreign) {
            Files.delete(stale);
            getLog().info("Deleted " + slashed(sourceDir.relativize(stale)) + " (not part of the server)");
        }
        deleteEmptyFolders(packageDir);
        List<Path> written = BoardServerSources.writeTo(sourceDir);
        getLog().info((differing.isEmpty() ? "Wrote" : "Replaced") + " the OTA server in " + packageDir + ": "
                + written.size() + " files");
        for (Path p : written) {
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
        Path temp = Files.createTempFile(config.getParent(), ".ota-config-", ".tmp");
        try {
            Files.writeString(temp, StarterConfig.TEXT, StandardCharsets.UTF_8);
            Files.move(temp, config, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        getLog().warn("Wrote a starter " + config + " with placeholder values: set WIFI_SSID, WIFI_PASSWORD,"
                + " OTA_PASSWORD and DEVICE_NAME before it goes to the board (the board reads them at boot)");
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
