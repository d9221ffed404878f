package io.github.mpota.maven;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.v2.BoardCache;
import io.github.mpota.core.v2.DeltaOptions;
import io.github.mpota.core.v2.NegotiatingClient;
import io.github.mpota.core.v2.PushOutcome;
import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Pushes the project's MicroPython files to a board over WiFi: one raw-deflate payload over the socket OTA
 * protocol, after which the board writes the files and reboots.
 *
 * <p>The password is never a POM parameter (so that it lands neither in version control nor in {@code -X}
 * output). It comes, first match wins, from the {@code ota.password} property ({@code -Dota.password=...},
 * {@code .mvn/maven.config} or {@code MAVEN_OPTS}; the POM's {@code <properties>} too, fit only for a throw-away
 * password such as a test board's); else from the {@code <server>} of settings.xml whose id is
 * {@code ota.serverId}, encrypted passwords included; else from a masked prompt when Maven runs interactively.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, requiresProject = false, threadSafe = true)
public class PushMojo extends AbstractOtaMojo {

    /** The board: an IP address or a host name; names ending in {@code .local} are resolved by mDNS. Required. */
    @Parameter(property = "ota.host")
    String host;

    /** The board's OTA port. */
    @Parameter(property = "ota.port", defaultValue = "" + Protocol.DEFAULT_PORT)
    int port;

    /** The id of the {@code <server>} in settings.xml that holds the OTA password. */
    @Parameter(property = "ota.serverId", defaultValue = "ota")
    String serverId;

    /** List the files that would be sent, with the space the board needs, and stop without connecting. */
    @Parameter(property = "ota.dryRun", defaultValue = "false")
    boolean dryRun;

    /** Milliseconds that one connection attempt may take. */
    @Parameter(property = "ota.connectTimeout", defaultValue = "5000")
    int connectTimeout;

    /** Connection attempts before giving up; a board that is just rebooting needs a few seconds. */
    @Parameter(property = "ota.connectAttempts", defaultValue = "4")
    int connectAttempts;

    /** Milliseconds before the second connection attempt; the pause doubles at each further attempt. */
    @Parameter(property = "ota.retryDelay", defaultValue = "1000")
    int retryDelay;

    /** Milliseconds to wait for each reply of the handshake (challenge, OK). */
    @Parameter(property = "ota.replyTimeout", defaultValue = "10000")
    int replyTimeout;

    /**
     * Milliseconds to wait for {@code UPDATE_SUCCESS} after the last payload byte; it covers the board's whole
     * inflate-and-write time, so large updates on slow flash need more.
     */
    @Parameter(property = "ota.applyTimeout", defaultValue = "60000")
    int applyTimeout;

    /**
     * {@code auto}: protocol v2 with boards that speak it (ours), plain v1 with the others, learnt once per board
     * and remembered in {@link #boardCache}; {@code v1}: plain v1 without asking.
     */
    @Parameter(property = "ota.protocol", defaultValue = "auto")
    String protocol = "auto";

    /** {@code changed}: a v2 board reboots only when the push changed a file; {@code always}: reboot anyway. */
    @Parameter(property = "ota.reboot", defaultValue = "changed")
    String reboot = "changed";

    /** Remove from a v2 board the files that earlier pushes installed and the project no longer has. */
    @Parameter(property = "ota.delete", defaultValue = "true")
    boolean delete = true;

    /**
     * To a v1 board, send only the files changed since the last successful push to it (opt-in: a v1 board cannot
     * tell what it holds, so a file changed on it by other means is not sent again).
     */
    @Parameter(property = "ota.changedOnly", defaultValue = "false")
    boolean changedOnly;

    /** What this client remembers per board: the protocol it speaks, its files as last seen, the last push. */
    @Parameter(property = "ota.boardCache", defaultValue = "${project.build.directory}/ota/boards.json")
    File boardCache;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter settingsDecrypter;

    /** Where the password prompt comes from; a field so that tests can answer it. */
    PasswordResolution.Prompt prompt = this::consolePrompt;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the OTA push (ota.skip)");
            return;
        }
        ClientOptions options = clientOptions();
        deltaOptions();
        FileSelection selection = selectFiles();
        if (selection.files().isEmpty()) {
            throw new MojoExecutionException("no files to push from " + src + ": every file was left out by"
                    + " pymakr.conf or the includes/excludes, or the folder is empty (-Dota.src, -Dota.includes,"
                    + " -Dota.excludes)");
        }
        try (PackedPayload payload = pack(selection)) {
            if (dryRun) {
                getLog().info("Dry run: would push " + files(selection.files().size()) + " from " + src + " to "
                        + host + ":" + port);
                logFiles(selection);
                getLog().info("Total " + ProgressFormat.bytes(payload.uncompressedSize()) + " raw, "
                        + ProgressFormat.bytes(payload.compressedSize()) + " compressed; the board needs "
                        + payload.metadata().spaceNeeded() + " bytes free (payload plus files). Nothing sent.");
                return;
            }
            PasswordResolution.Resolved password = passwordResolution().resolve(host);
            getLog().info("Pushing " + files(selection.files().size()) + " ("
                    + ProgressFormat.bytes(payload.uncompressedSize()) + ", "
                    + ProgressFormat.bytes(payload.compressedSize()) + " compressed) to " + host + ":" + port
                    + ", " + password);
            ProgressListener progress = MavenProgressDisplay.create(getLog(), interactive());
            PushOutcome outcome;
            try {
                outcome = new NegotiatingClient(options, loadBoardCache(), deltaOptions(),
                        "v1".equals(protocol)).push(selection.files(), PasswordSource.of(password.password()),
                        progress);
            } catch (PushException e) {
                throw new HelpfulSuggestions(serverId).failure(e,
                        payload.metadata().files().stream().map(FileEntry::path).toList());
            }
            for (String line : outcome.lines()) {
                getLog().info(line);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot pack the payload (temporary file): " + e.getMessage(), e);
        }
    }

    ClientOptions clientOptions() throws MojoExecutionException {
        if (host == null || host.isBlank()) {
            throw new MojoExecutionException("no board host: pass -Dota.host=<address or name.local>, or set"
                    + " <host> in the plugin's configuration");
        }
        try {
            return new ClientOptions(host.trim(), port, Duration.ofMillis(connectTimeout),
                    Duration.ofMillis(replyTimeout), Duration.ofMillis(applyTimeout), connectAttempts,
                    Duration.ofMillis(retryDelay));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("invalid OTA settings: " + e.getMessage()
                    + " (-Dota.port, -Dota.connectTimeout, -Dota.replyTimeout, -Dota.applyTimeout,"
                    + " -Dota.connectAttempts)");
        }
    }

    private BoardCache loadBoardCache() throws MojoExecutionException {
        if (boardCache == null) {
            return BoardCache.inMemory();
        }
        try {
            return BoardCache.load(boardCache.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.boardCache to use another file)", e);
        }
    }

    DeltaOptions deltaOptions() throws MojoExecutionException {
        if (!"auto".equals(protocol) && !"v1".equals(protocol)) {
            throw new MojoExecutionException("ota.protocol must be auto or v1, was '" + protocol + "'");
        }
        if (!"changed".equals(reboot) && !"always".equals(reboot)) {
            throw new MojoExecutionException("ota.reboot must be changed or always, was '" + reboot + "'");
        }
        return new DeltaOptions("always".equals(reboot), delete, changedOnly);
    }

    PasswordResolution passwordResolution() {
        return new PasswordResolution(passwordProperty(), serverId,
                new MavenSettingsServerCredentials(settings, settingsDecrypter), prompt);
    }

    private String passwordProperty() {
        return MavenProperties.find(session, project, PasswordResolution.PROPERTY);
    }

    private Optional<char[]> consolePrompt(String question) {
        Console console = System.console();
        if (!interactive() || console == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(console.readPassword("%s", question));
    }

    private static PackedPayload pack(FileSelection selection) throws IOException {
        return new PayloadDeflater().pack(selection.files(), null);
    }
}
