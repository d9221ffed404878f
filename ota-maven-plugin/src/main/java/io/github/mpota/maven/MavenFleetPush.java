package io.github.mpota.maven;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.selection.SettingsFiles;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.client.Passwords;
import io.github.mpota.core.client.SpaceNeed;
import io.github.mpota.core.client.PushSummary;
import io.github.mpota.core.client.PushRecord;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.fleet.Board;
import io.github.mpota.core.fleet.BoardOutcome;
import io.github.mpota.core.fleet.FailureBudget;
import io.github.mpota.core.fleet.FleetException;
import io.github.mpota.core.fleet.FleetListener;
import io.github.mpota.core.fleet.FleetPlan;
import io.github.mpota.core.fleet.FleetProgressDisplay;
import io.github.mpota.core.fleet.FleetPush;
import io.github.mpota.core.fleet.FleetReport;
import io.github.mpota.core.fleet.HostList;
import io.github.mpota.core.fleet.OtaBoardPusher;
import io.github.mpota.core.mdns.HostResolver;
import io.github.mpota.core.mdns.MdnsResolver;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadEncoderException;
import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.selection.FileSelection;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * {@code ota:push} to several boards ({@code ota.hosts}, {@code ota.hostsFile}): the mojo's parameters turned into
 * a fleet plan for the core's {@link FleetPush}, and its outcome into a table, the JSON report and the build's
 * result. Kept apart from {@link PushMojo}, which only hands over to it.
 */
final class MavenFleetPush {

    static final String SERVER_PREFIX = "ota-";
    static final String REPORT_NAME = "ota-push-report.json";
    private static final Duration LOG_PERIOD = Duration.ofSeconds(10);
    private static final FleetPlan.SettingNames NAMES = new FleetPlan.SettingNames("-Dota.parallel",
            "-Dota.canary", "-Dota.maxFailures");

    private final PushMojo mojo;

    MavenFleetPush(PushMojo mojo) {
        this.mojo = mojo;
    }

    static boolean requested(List<String> hosts, File hostsFile) {
        return (hosts != null && hosts.stream().anyMatch(h -> !h.isBlank())) || hostsFile != null;
    }

    void execute() throws MojoExecutionException, MojoFailureException {
        if (mojo.host != null && !mojo.host.isBlank()) {
            throw new MojoExecutionException("both ota.host and ota.hosts/ota.hostsFile are set; give the boards"
                    + " in one of them (-Dota.hosts=a,b or -Dota.host=a)");
        }
        FleetPlan plan = plan();
        FileSelection selection = mojo.selectFiles();
        if (selection.files().isEmpty()) {
            throw new MojoExecutionException("no files to push from " + mojo.src + ": every file was left out by"
                    + " pymakr.conf or the includes/excludes, or the folder is empty (-Dota.src, -Dota.includes,"
                    + " -Dota.excludes)");
        }
        boolean staged = mojo.staged();
        try (PackedPayload payload = mojo.payloadDeflater().pack(selection.files(), null)) {
            // The same guard as one board's push: boards that may run the original server would break half way.
            mojo.refuseWhatTheBoardBreaksOn(payload.metadata().files().stream().map(FileEntry::path).toList(),
                    PushRecord.none(), staged, mojo.dryRun);
            String what = AbstractSourceMojo.files(selection.files().size()) + " ("
                    + ProgressFormat.bytes(payload.uncompressedSize()) + ", "
                    + ProgressFormat.bytes(payload.compressedSize()) + " compressed)";
            int n = plan.boards().size();
            if (mojo.dryRun) {
                mojo.getLog().info("Dry run: would push " + what + " from " + mojo.src + " to " + n + " boards: "
                        + plan.boards().stream().map(Board::label).collect(Collectors.joining(", ")));
                for (SourceFile f : selection.files()) {
                    mojo.getLog().info("  " + f.devicePath() + " (" + f.size() + " bytes)");
                }
                mojo.getLog().info("Each board needs " + PushSummary.spaceNeed(payload, SpaceNeed.DEFAULT_BLOCK_SIZE,
                        staged) + ". Nothing sent.");
                return;
            }
            Map<Board, PasswordResolution.Resolved> passwords = passwords(plan.boards());
            mojo.getLog().info("Pushing " + what + " to " + n + " boards, " + plan.parallel() + " at a time, "
                    + (plan.canary() == 0 ? "no canary" : plan.canary() + (plan.canary() == 1 ? " canary" : " canaries")
                            + " first") + ", stopping after more than " + plan.maxFailures().describe(n)
                    + " failed");
            logPasswordSources(passwords);
            for (String pw : passwords.values().stream().map(PasswordResolution.Resolved::password).distinct()
                    .toList()) {
                Passwords.weakness(pw).ifPresent(w -> mojo.getLog().warn("The " + w.substring(4)));
                SettingsFiles.passwordChange(selection, pw).ifPresent(mojo.getLog()::warn);
            }
            FleetListener display = display(n);
            HostResolver resolver = HostResolver.standard(
                    MdnsResolver.onTheNetwork(Duration.ofMillis(mojo.mdnsTimeout)));
            // Checks the timeouts and attempts once; each board then gets its own host and port.
            ClientOptions template = mojo.clientOptions(plan.boards().get(0).host(), plan.boards().get(0).port());
            OtaBoardPusher pusher = new OtaBoardPusher(payload,
                    b -> new ClientOptions(b.host(), b.port(), template.connectTimeout(), template.replyTimeout(),
                            template.applyTimeout(), template.connectAttempts(), template.retryDelay()),
                    b -> PasswordSource.of(passwords.get(b).password()), resolver,
                    (b, note) -> mojo.getLog().info(b.label() + ": " + note));
            MavenPushAdvice advice = new MavenPushAdvice(mojo.serverId);
            FleetReport report = new FleetPush(pusher, display, advice::sentence).run(plan);
            finish(report, payload);
        } catch (PayloadEncoderException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot pack the payload: " + e.getMessage(), e);
        }
    }

    private FleetPlan plan() throws MojoExecutionException {
        try {
            List<Board> listed = HostList.parse(mojo.hosts == null ? List.of() : mojo.hosts, mojo.port);
            List<Board> fromFile = mojo.hostsFile == null ? List.of()
                    : HostList.read(mojo.hostsFile.toPath(), mojo.port);
            return FleetPlan.of(HostList.combine(listed, fromFile), mojo.parallel, mojo.canary,
                    FailureBudget.parse(mojo.maxFailures), NAMES);
        } catch (FleetException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.hosts, -Dota.hostsFile, -Dota.parallel,"
                    + " -Dota.canary, -Dota.maxFailures)");
        }
    }

    /**
     * Each board's password: the {@code <server>} {@code ota-HOST:PORT} or {@code ota-HOST} of settings.xml when
     * there is one, else the common password (property, server {@code ota.serverId}, prompt), asked once.
     */
    private Map<Board, PasswordResolution.Resolved> passwords(List<Board> boards) throws MojoExecutionException {
        ServerCredentials servers = new MavenSettingsServerCredentials(mojo.settings, mojo.settingsDecrypter);
        Map<Board, PasswordResolution.Resolved> byBoard = new LinkedHashMap<>();
        PasswordResolution.Resolved common = null;
        for (Board b : boards) {
            Optional<PasswordResolution.Resolved> own = Optional.empty();
            for (String id : List.of(SERVER_PREFIX + b.host() + ":" + b.port(), SERVER_PREFIX + b.host())) {
                Optional<String> pw = servers.password(id);
                if (pw.isPresent()) {
                    own = Optional.of(new PasswordResolution.Resolved(pw.get(), "<server> '" + id
                            + "' in settings.xml"));
                    break;
                }
            }
            if (own.isEmpty() && common == null) {
                common = mojo.passwordResolution().resolve("the boards");
            }
            byBoard.put(b, own.orElse(common));
        }
        return byBoard;
    }

    private void logPasswordSources(Map<Board, PasswordResolution.Resolved> passwords) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        passwords.forEach((b, r) -> bySource.computeIfAbsent(r.toString(), k -> new ArrayList<>()).add(b.label()));
        bySource.forEach((source, boards) -> mojo.getLog().info("  " + source + ": " + String.join(", ", boards)));
    }

    private FleetListener display(int boards) {
        if (mojo.interactive() && System.console() != null) {
            return FleetProgressDisplay.inPlace(text -> {
                System.out.print(text);
                System.out.flush();
            }, "[INFO] ", boards);
        }
        return FleetProgressDisplay.periodic(mojo.getLog()::info, LOG_PERIOD, System::nanoTime, boards);
    }

    /** ota.reportFile, else target/ota-push-report.json of the project, or of the folder Maven runs in. */
    private File reportFile() {
        if (mojo.reportFile != null) {
            return mojo.reportFile;
        }
        String dir = mojo.project != null && mojo.project.getBuild() != null ? mojo.project.getBuild().getDirectory()
                : null;
        // Without a POM (requiresProject = false) the stand-in project's directory is left uninterpolated.
        if (dir == null || dir.contains("${")) {
            dir = new File(System.getProperty("user.dir"), "target").getPath();
        }
        return new File(dir, REPORT_NAME);
    }

    private void finish(FleetReport report, PackedPayload payload) throws MojoExecutionException,
            MojoFailureException {
        File reportFile = reportFile();
        for (String line : report.table()) {
            mojo.getLog().info(line);
        }
        mojo.getLog().info(report.summary());
        try {
            report.writeJson(reportFile.toPath(), payload);
            mojo.getLog().info("Report: " + reportFile);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot write the fleet report " + reportFile + ": "
                    + e.getMessage() + " (-Dota.reportFile)");
        }
        List<BoardOutcome> failed = report.with(BoardOutcome.Result.FAILED);
        List<BoardOutcome> skipped = report.with(BoardOutcome.Result.SKIPPED);
        for (BoardOutcome o : failed) {
            mojo.getLog().error(o.board().label() + ": " + o.message());
        }
        if (!failed.isEmpty() || !skipped.isEmpty()) {
            throw new MojoFailureException("OTA push failed on " + failed.size() + " of " + report.outcomes().size()
                    + " boards: " + failed.stream().map(o -> o.board().label()
                            + o.phase().map(p -> " (" + p.description() + ")").orElse(""))
                            .collect(Collectors.joining(", "))
                    + (skipped.isEmpty() ? "" : "; " + skipped.size() + " not started (" + skipped.get(0).message()
                            .replaceFirst("^not started: ", "") + ")")
                    + ". The table above and " + reportFile + " have each board's result.");
        }
    }
}
