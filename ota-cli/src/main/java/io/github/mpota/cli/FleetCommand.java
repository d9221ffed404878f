package io.github.mpota.cli;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.PushAdvice;
import io.github.mpota.core.client.PushSummary;
import io.github.mpota.core.fleet.Board;
import io.github.mpota.core.fleet.BoardOutcome;
import io.github.mpota.core.fleet.FailureBudget;
import io.github.mpota.core.fleet.FleetException;
import io.github.mpota.core.fleet.FleetListener;
import io.github.mpota.core.fleet.FleetPlan;
import io.github.mpota.core.fleet.FleetPush;
import io.github.mpota.core.fleet.FleetReport;
import io.github.mpota.core.fleet.HostList;
import io.github.mpota.core.fleet.OtaBoardPusher;
import io.github.mpota.core.mdns.HostResolver;
import io.github.mpota.core.mdns.MdnsResolver;
import io.github.mpota.core.payload.PackedPayload;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** The CLI's push to several boards: the same fleet push as {@code ota:push -Dota.hosts}, in the CLI's words. */
final class FleetCommand {

    static final Duration MDNS_TIMEOUT = Duration.ofSeconds(1);
    private static final FleetPlan.SettingNames NAMES = new FleetPlan.SettingNames("--parallel", "--canary",
            "--max-failures");

    private final PrintStream out;
    private final PrintStream err;
    private final IntFunction<FleetListener> display;
    private final PushAdvice advice;

    /** @param display the progress display for a fleet of N boards */
    FleetCommand(PrintStream out, PrintStream err, IntFunction<FleetListener> display, PushAdvice advice) {
        this.out = out;
        this.err = err;
        this.display = display;
        this.advice = advice;
    }

    /** The boards of --host and --hosts-file, with the plan; a usage error names the bad entry. */
    static FleetPlan plan(CliArguments a) throws CliArguments.UsageException {
        try {
            List<Board> listed = HostList.parse(a.hosts(), a.port());
            List<Board> fromFile = a.hostsFile() == null ? List.of() : HostList.read(a.hostsFile(), a.port());
            return FleetPlan.of(HostList.combine(listed, fromFile), a.parallel(), a.canary(),
                    FailureBudget.parse(a.maxFailures()), NAMES);
        } catch (FleetException e) {
            throw new CliArguments.UsageException(e.getMessage());
        }
    }

    int run(FleetPlan plan, PackedPayload payload, String password, CliArguments a) {
        int n = plan.boards().size();
        out.println(PushSummary.pushing(payload, n + " boards", null) + ", " + plan.parallel() + " at a time, "
                + (plan.canary() == 0 ? "no canary" : plan.canary() + (plan.canary() == 1 ? " canary" : " canaries")
                        + " first") + ", stopping after more than " + plan.maxFailures().describe(n) + " failed");
        HostResolver resolver = HostResolver.standard(MdnsResolver.onTheNetwork(MDNS_TIMEOUT));
        OtaBoardPusher pusher = new OtaBoardPusher(payload, b -> ClientOptions.defaults(b.host(), b.port()),
                b -> PasswordSource.of(password), resolver, (b, note) -> out.println(b.label() + ": " + note));
        FleetReport report = new FleetPush(pusher, display.apply(n), advice::sentence).run(plan);
        report.table().forEach(out::println);
        out.println(report.summary());
        if (a.report() != null) {
            try {
                report.writeJson(a.report(), payload);
                out.println("Report: " + a.report());
            } catch (IOException e) {
                err.println("ota-push: cannot write the report " + a.report() + ": " + e.getMessage() + " (--report)");
                return OtaPushCommand.EXIT_PUSH_FAILED;
            }
        }
        List<BoardOutcome> failed = report.with(BoardOutcome.Result.FAILED);
        if (failed.isEmpty()) {
            return OtaPushCommand.EXIT_OK;
        }
        for (BoardOutcome o : failed) {
            err.println("ota-push: " + o.board().label() + ": " + o.message());
        }
        int skipped = report.with(BoardOutcome.Result.SKIPPED).size();
        err.println("ota-push: failed on " + failed.size() + " of " + n + " boards: "
                + failed.stream().map(o -> o.board().label() + o.phase().map(p -> " (" + p.description() + ")")
                        .orElse("")).collect(Collectors.joining(", "))
                + (skipped == 0 ? "" : "; " + skipped + " not started"));
        return OtaPushCommand.EXIT_PUSH_FAILED;
    }
}
