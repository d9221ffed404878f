package io.github.mpota.maven;

import io.github.mpota.core.payload.Compression;
import io.github.mpota.core.payload.CompressionOptions;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileRules;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SelectionException;
import io.github.mpota.core.selection.SettingsFiles;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** What every goal that sends a project's MicroPython files shares: the source folder and the file rules. */
public abstract class AbstractSourceMojo extends AbstractBoardMojo {

    /**
     * The folder whose files go to the board's filesystem root. The reference layout keeps them in
     * {@code src}: use {@code -Dota.src=src} there.
     */
    @Parameter(property = "ota.src", defaultValue = "${basedir}/src/main/micropython")
    protected File src;

    /**
     * Globs (Maven/Ant style, relative to the source folder, {@code /}-separated) that a file must match to be
     * sent, for example {@code **}{@code /*.py}. None means every file. On the command line, comma-separated.
     */
    @Parameter(property = "ota.includes")
    protected List<String> includes;

    /** Globs that leave files out, for example {@code tests/**}. On the command line, comma-separated. */
    @Parameter(property = "ota.excludes")
    protected List<String> excludes;

    /**
     * Also leave out the usual SCM and editor files ({@code .git}, {@code .gitignore}, {@code .svn}, {@code *~},
     * {@code .DS_Store}, {@code .vscode/}, {@code .idea/}...) and Python's {@code __pycache__} folders.
     */
    @Parameter(property = "ota.defaultExcludes", defaultValue = "true")
    protected boolean defaultExcludes;

    /**
     * Send the board's settings files ({@code ota_config.json}, {@code config.py} at the root) too. They hold the
     * WiFi and OTA passwords, which travel unencrypted, so they are left out unless this is set (with a warning).
     */
    @Parameter(property = "ota.pushSettings", defaultValue = "false")
    protected boolean pushSettings;

    /**
     * How hard to compress the payload: {@code fast} (zlib level 9, the reference client's bytes), {@code best}
     * (optimal parsing, about 4 % smaller, far slower) or {@code auto} ({@code best} when it fits
     * {@code compressionBudget}, else {@code fast}).
     */
    @Parameter(property = "ota.compression", defaultValue = "auto")
    protected String compression = "auto";

    /** Milliseconds that {@code auto} may spend on {@code best} before it settles for {@code fast}. */
    @Parameter(property = "ota.compressionBudget", defaultValue = "2000")
    protected long compressionBudget = 2000;

    /** The deflater that {@code compression} and {@code compressionBudget} ask for. */
    protected PayloadDeflater payloadDeflater() throws MojoExecutionException {
        return new PayloadDeflater(compressionOptions());
    }

    /** What {@code compression} and {@code compressionBudget} ask for. */
    protected CompressionOptions compressionOptions() throws MojoExecutionException {
        try {
            return CompressionOptions.of(Compression.parse(compression), Duration.ofMillis(compressionBudget));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.compression, -Dota.compressionBudget)");
        }
    }

    /** The files to send, after pymakr.conf's py_ignore and this goal's includes/excludes. */
    protected FileSelection selectFiles() throws MojoExecutionException {
        if (src == null) {
            throw new MojoExecutionException("no source folder: set -Dota.src or <src> in the plugin's"
                    + " configuration");
        }
        MavenFileFilter filter = new MavenFileFilter(includes, excludes);
        FileSelection selection;
        try {
            selection = new FileSelector(filter, new FileRules(defaultExcludes, pushSettings)).select(src.toPath());
        } catch (SelectionException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.src)");
        }
        getLog().debug("Includes: " + (filter.includes().isEmpty() ? "every file" : filter.includes()));
        getLog().debug("Excludes: " + filter.excludes() + (defaultExcludes ? " and the default excludes (SCM, editor,"
                + " __pycache__)" : ""));
        for (String ignored : selection.ignored()) {
            getLog().debug("Left out: " + ignored);
        }
        for (String link : selection.skippedLinks()) {
            getLog().warn("Not following " + link + ": a link to a folder (a folder inside the source folder is sent"
                    + " under its own name), or a link that leaves the source folder");
        }
        if (!selection.settingsLeftOut().isEmpty()) {
            getLog().info(SettingsFiles.leftOutNotice(selection.settingsLeftOut(), "-Dota.pushSettings=true"));
        }
        if (!selection.settingsSent().isEmpty()) {
            getLog().warn(SettingsFiles.sendingWarning(selection.settingsSent()));
        }
        Optional<String> placeholder = SettingsFiles.placeholderProblem(selection);
        if (placeholder.isPresent()) {
            throw new MojoExecutionException(placeholder.get() + ". Set WIFI_SSID and WIFI_PASSWORD to the board's"
                    + " values, or leave the file out (drop -Dota.pushSettings)");
        }
        return selection;
    }

    protected static String files(int n) {
        return n + (n == 1 ? " file" : " files");
    }
}
