package io.github.mpota.maven;

import io.github.mpota.core.client.BoardAddress;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.Passwords;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushRecord;
import io.github.mpota.core.client.PushSummary;
import io.github.mpota.core.client.SpaceNeed;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.payload.PayloadEncoderException;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.v2.BoardCache;
import io.github.mpota.core.v2.DeltaOptions;
import io.github.mpota.core.v2.NegotiatingClient;
import io.github.mpota.core.v2.PushOutcome;
import io.github.mpota.core.selection.OneLevelFolders;
import io.github.mpota.core.selection.SettingsFiles;
import io.github.mpota.runtime.Profile;
import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
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
public class PushMojo extends AbstractSourceMojo {

    /** Skip this goal only ({@code ota.skip} skips every goal of the plugin). */
    @Parameter(property = "ota.push.skip", defaultValue = "false")
    boolean pushSkip;

    @Override
    protected boolean skipThisGoal() {
        return pushSkip;
    }

    @Override
    protected String skipProperty() {
        return "ota.push.skip";
    }

    /**
     * The board: an IP address or a host name, optionally with {@code :PORT}; names ending in {@code .local} are
     * resolved by mDNS. Required, except for a dry run.
     */
    @Parameter(property = "ota.host")
    String host;

    /** The board's OTA port. */
    @Parameter(property = "ota.port", defaultValue = "" + Protocol.DEFAULT_PORT)
    int port;

    /** The id of the {@code <server>} in settings.xml that holds the OTA password. */
    @Parameter(property = "ota.serverId", defaultValue = "ota")
    String serverId;

    /**
     * List the files that would be sent, with the space the board needs, and stop without connecting; works
     * without a host.
     */
    @Parameter(property = "ota.dryRun", defaultValue = "false")
    boolean dryRun;

    /**
     * Push even when the board may break on the update: a folder whose parent has no file of its own, which a
     * board running the original server cannot create (it would be left half updated).
     */
    @Parameter(property = "ota.force", defaultValue = "false")
    boolean force;

    /**
     * How progress is shown: {@code auto} (one line redrawn in place on a terminal, a line every 10% in batch
     * mode, with {@code -l FILE} or through a pipe), {@code plain} (always the 10% lines), {@code none}. Maven's
     * {@code -q} shows none.
     */
    @Parameter(property = "ota.progress", defaultValue = "auto")
    String progress;

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
        if (skipped("the OTA push")) {
            return;
        }
        if (MavenFleetPush.requested(hosts, hostsFile)) {
            new MavenFleetPush(this).execute();
            return;
        }
        DeltaOptions delta = deltaOptions();
        boolean staged = staged();
        ProgressMode progressMode = ProgressMode.of(progress);
        BoardAddress address = dryRun && (host == null || host.isBlank()) ? null : address();
        FileSelection selection = selectFiles();
        if (selection.files().isEmpty()) {
            throw new MojoExecutionException("no files to push from " + src + ": every file was left out by"
                    + " pymakr.conf or the includes/excludes, or the folder is empty (-Dota.src, -Dota.includes,"
                    + " -Dota.excludes)");
        }
        PayloadDeflater deflater = payloadDeflater();
        try (PackedPayload payload = deflater.pack(selection.files(), null)) {
            getLog().debug("Payload compression: " + payload.encoding());
            List<String> paths = payload.metadata().files().stream().map(FileEntry::path).toList();
            Path recordFile = address == null ? null : recordFile(address);
            PushRecord previous = recordFile == null ? PushRecord.none() : PushRecord.read(recordFile);
            if (dryRun) {
                PushSummary.dryRun(selection, payload, src.toString(), address == null ? null : address.toString(),
                        SpaceNeed.DEFAULT_BLOCK_SIZE, staged).forEach(getLog()::info);
                refuseWhatTheBoardBreaksOn(paths, previous, staged, true);
                return;
            }
            refuseWhatTheBoardBreaksOn(paths, previous, staged, false);
            ClientOptions options = MavenLocalNames.resolve(clientOptions(address), Duration.ofMillis(mdnsTimeout),
                    getLog());
            PasswordResolution.Resolved password = passwordResolution().resolve(address.host());
            Passwords.weakness(password.password()).ifPresent(w -> getLog().warn("The " + w.substring(4)));
            SettingsFiles.passwordChange(selection, password.password()).ifPresent(getLog()::warn);
            PushRecord next = PushRecord.of(selection.files());
            getLog().info(PushSummary.pushing(payload, address.toString(), password.toString()));
            ProgressListener listener = MavenProgressDisplay.create(getLog(), progressMode, interactive());
            PushOutcome outcome;
            try {
                outcome = new NegotiatingClient(options, loadBoardCache(), delta, "v1".equals(protocol))
                        .push(selection.files(), payload, PasswordSource.of(password.password()), listener);
            } catch (PushException e) {
                throw new MavenPushAdvice(serverId).failure(e, paths,
                        PushSummary.spaceNeed(payload, SpaceNeed.DEFAULT_BLOCK_SIZE, staged));
            }
            // A v1 push that sent every file gets the full summary; a delta (v2, or changedOnly) its own lines.
            List<String> summary = outcome.v1Result() != null && outcome.sent().size() == paths.size()
                    ? PushSummary.lines(outcome.v1Result()) : outcome.lines();
            for (String line : summary) {
                getLog().info(line);
            }
            // A v2 push already said what it sent, kept and removed; the record's comparison is for v1 boards.
            if (outcome.protocol() != 2) {
                getLog().info(previous.isEmpty() ? "No earlier push to " + address.host() + " recorded in "
                        + recordFile + ": all " + files(selection.files().size()) + " are new to the record"
                        : previous.compare(next).line());
            }
            try {
                next.write(recordFile);
            } catch (IOException e) {
                getLog().warn("Could not record this push in " + recordFile + ": " + e.getMessage()
                        + "; the next push cannot say what changed");
            }
        } catch (PayloadEncoderException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot pack the payload: " + e.getMessage(), e);
        }
    }

    /**
     * A board that may run the original server fails half way on a folder whose parent no file makes: stop
     * before anything is sent, unless forced; a dry run says that the push would stop.
     */
    void refuseWhatTheBoardBreaksOn(List<String> paths, PushRecord previous, boolean staged,
            boolean dryRunOnly) throws MojoFailureException {
        if (staged) {
            return;
        }
        Optional<OneLevelFolders.Blocked> blocked = OneLevelFolders.firstBlocked(paths, previous.folders());
        if (blocked.isEmpty()) {
            return;
        }
        String why = OneLevelFolders.refusal(blocked.get());
        String wayOut = "Put a file directly in " + blocked.get().missingFolder() + " (an empty "
                + blocked.get().missingFolder() + "/__init__.py will do), or install our server on the board (mvn"
                + " ota:install-server, then -Dota.profile=hardened); -Dota.force=true pushes anyway.";
        if (force) {
            getLog().warn(why + "; pushing anyway (-Dota.force=true)");
        } else if (dryRunOnly) {
            getLog().warn("The push would stop here: " + why + ". " + wayOut);
        } else {
            throw new MojoFailureException(why + ". Nothing was sent. " + wayOut);
        }
    }

    boolean staged() throws MojoExecutionException {
        return new BoardParameters(null, null, profile, 1).profileValue() == Profile.HARDENED;
    }

    /**
     * {@code target/ota-pushes/HOST.json}: the last successful push from this project to the board at that host.
     * By host, not port: a board keeps its name when its port changes (a device runtime gets a new one each run).
     */
    private Path recordFile(BoardAddress address) {
        String dir = project != null && project.getBuild() != null ? project.getBuild().getDirectory() : null;
        Path base = dir != null ? Path.of(dir) : Path.of("target");
        return base.resolve("ota-pushes").resolve(address.host().replaceAll("[^A-Za-z0-9.-]", "_") + ".json");
    }

    BoardAddress address() throws MojoExecutionException {
        if (host == null || host.isBlank()) {
            throw new MojoExecutionException("no board host: pass -Dota.host=<address or name.local>, or set"
                    + " <host> in the plugin's configuration");
        }
        try {
            return BoardAddress.parse(host, port);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.host)");
        }
    }

    ClientOptions clientOptions(BoardAddress address) throws MojoExecutionException {
        return clientOptions(address.host(), address.port());
    }

    /** The options of one board of a fleet, or of the one board. */
    ClientOptions clientOptions(String forHost, int forPort) throws MojoExecutionException {
        try {
            return new ClientOptions(forHost, forPort, Duration.ofMillis(connectTimeout),
                    Duration.ofMillis(replyTimeout), Duration.ofMillis(applyTimeout), connectAttempts,
                    Duration.ofMillis(retryDelay));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("invalid OTA setting: " + e.getMessage() + " ("
                    + parameterFor(e.getMessage()) + ")");
        }
    }

    /** The one parameter a ClientOptions complaint is about, so that the message names only that one. */
    static String parameterFor(String complaint) {
        String c = complaint.toLowerCase(java.util.Locale.ROOT);
        if (c.startsWith("port")) {
            return "-Dota.port";
        } else if (c.startsWith("connect attempts")) {
            return "-Dota.connectAttempts";
        } else if (c.startsWith("connect timeout")) {
            return "-Dota.connectTimeout";
        } else if (c.startsWith("reply timeout")) {
            return "-Dota.replyTimeout";
        } else if (c.startsWith("apply timeout")) {
            return "-Dota.applyTimeout";
        } else if (c.startsWith("retry delay")) {
            return "-Dota.retryDelay";
        }
        return "-Dota.host";
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
        return new DeltaOptions("always".equals(reboot), delete, changedOnly, compressionOptions());
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
