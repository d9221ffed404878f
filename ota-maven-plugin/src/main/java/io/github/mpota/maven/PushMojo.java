package io.github.mpota.maven;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.client.PushSummary;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.FileSelection;
import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
     * Several boards, each {@code host[:port]} (the port defaults to {@code ota.port}); on the command line,
     * comma-separated. The same payload, packed once, goes to each; see {@code parallel}, {@code canary} and
     * {@code maxFailures}. Instead of {@code host}.
     */
    @Parameter(property = "ota.hosts")
    List<String> hosts;

    /** A file of boards, one {@code host[:port]} per line; blank lines and text after {@code #} are ignored. */
    @Parameter(property = "ota.hostsFile")
    File hostsFile;

    /** With several boards: how many are pushed at once. */
    @Parameter(property = "ota.parallel", defaultValue = "4")
    int parallel;

    /** With several boards: how many go first; the others are pushed only when all of these succeeded. */
    @Parameter(property = "ota.canary", defaultValue = "1")
    int canary;

    /**
     * With several boards: failures tolerated, a count ({@code 2}) or a percentage of the boards ({@code 10%});
     * once more boards than that have failed, no further push is started.
     */
    @Parameter(property = "ota.maxFailures", defaultValue = "0")
    String maxFailures;

    /**
     * With several boards: the JSON report of each board's result. Default: {@code ota-push-report.json} in the
     * build directory ({@code target/}, also without a project).
     */
    @Parameter(property = "ota.reportFile")
    File reportFile;

    /**
     * Milliseconds to wait for a multicast DNS answer for a {@code .local} name that the system resolver does not
     * know.
     */
    @Parameter(property = "ota.mdnsTimeout", defaultValue = "1000")
    int mdnsTimeout;

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
        if (MavenFleetPush.requested(hosts, hostsFile)) {
            new MavenFleetPush(this).execute();
            return;
        }
        ClientOptions options = clientOptions();
        PayloadDeflater deflater = payloadDeflater();
        FileSelection selection = selectFiles();
        if (selection.files().isEmpty()) {
            throw new MojoExecutionException("no files to push from " + src + ": every file was left out by"
                    + " pymakr.conf or the includes/excludes, or the folder is empty (-Dota.src, -Dota.includes,"
                    + " -Dota.excludes)");
        }
        try (PackedPayload payload = deflater.pack(selection.files(), null)) {
            getLog().debug("Payload compression: " + payload.encoding());
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
            options = MavenLocalNames.resolve(options, Duration.ofMillis(mdnsTimeout), getLog());
            getLog().info("Pushing " + files(selection.files().size()) + " ("
                    + ProgressFormat.bytes(payload.uncompressedSize()) + ", "
                    + ProgressFormat.bytes(payload.compressedSize()) + " compressed) to " + host + ":" + port
                    + ", " + password);
            ProgressListener progress = MavenProgressDisplay.create(getLog(), interactive());
            PushResult result;
            try {
                result = new OtaClient(options).push(payload, PasswordSource.of(password.password()), progress);
            } catch (PushException e) {
                throw new HelpfulSuggestions(serverId).failure(e,
                        payload.metadata().files().stream().map(FileEntry::path).toList());
            }
            for (String line : PushSummary.lines(result)) {
                getLog().info(line);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot pack the payload: " + e.getMessage(), e);
        }
    }

    ClientOptions clientOptions() throws MojoExecutionException {
        if (host == null || host.isBlank()) {
            throw new MojoExecutionException("no board host: pass -Dota.host=<address or name.local>, or set"
                    + " <host> in the plugin's configuration");
        }
        return clientOptions(host.trim());
    }

    ClientOptions clientOptions(String forHost) throws MojoExecutionException {
        try {
            return new ClientOptions(forHost, port, Duration.ofMillis(connectTimeout),
                    Duration.ofMillis(replyTimeout), Duration.ofMillis(applyTimeout), connectAttempts,
                    Duration.ofMillis(retryDelay));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("invalid OTA settings: " + e.getMessage()
                    + " (-Dota.port, -Dota.connectTimeout, -Dota.replyTimeout, -Dota.applyTimeout,"
                    + " -Dota.connectAttempts)");
        }
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
}
