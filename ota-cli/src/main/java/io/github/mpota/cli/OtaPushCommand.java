package io.github.mpota.cli;

import io.github.mpota.core.client.BoardAddress;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.Passwords;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.ProgressReporter;
import io.github.mpota.core.client.PushAdvice;
import io.github.mpota.core.client.PushDisplay;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushSummary;
import io.github.mpota.core.client.SpaceNeed;
import io.github.mpota.core.fleet.Board;
import io.github.mpota.core.fleet.FleetListener;
import io.github.mpota.core.fleet.FleetPlan;
import io.github.mpota.core.fleet.FleetProgressDisplay;
import io.github.mpota.core.mdns.HostResolver;
import io.github.mpota.core.mdns.MdnsResolver;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.payload.PayloadEncoderException;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.OneLevelFolders;
import io.github.mpota.core.selection.SelectionException;
import io.github.mpota.core.selection.SettingsFiles;
import io.github.mpota.core.v2.BoardCache;
import io.github.mpota.core.v2.NegotiatingClient;
import io.github.mpota.core.v2.PushOutcome;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The command-line client: the reference client's arguments on the shared core, with the same file rules,
 * guards, compression, protocol negotiation, progress line and summary as the Maven plugin. Exit status 0 on
 * UPDATE_SUCCESS, 1 on a failed or refused push, 2 on a usage error; an error is one line on standard error.
 */
public final class OtaPushCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_PUSH_FAILED = 1;
    static final int EXIT_USAGE = 2;

    /** Asks for the password without echo; empty when there is no terminal to ask on. */
    @FunctionalInterface
    interface PasswordPrompt {
        Optional<char[]> ask(String question);
    }

    private static final PushAdvice ADVICE = new PushAdvice(new PushAdvice.OptionNames("--host", "--port",
            "--password-file, OTA_PASSWORD, --password, or type it at the prompt", null, null, null, null, null,
            "pymakr.conf py_ignore"));

    private final PrintStream out;
    private final PrintStream err;
    private final PasswordSources passwords;
    private final Supplier<ProgressListener> progress;
    private final IntFunction<FleetListener> fleetDisplay;

    /** Without environment variables (tests). */
    OtaPushCommand(PrintStream out, PrintStream err, PasswordPrompt prompt, Supplier<ProgressListener> progress) {
        this(out, err, prompt, progress, Map.of(), boards -> FleetProgressDisplay.periodic(out::println,
                Duration.ofSeconds(10), System::nanoTime, boards));
    }

    OtaPushCommand(PrintStream out, PrintStream err, PasswordPrompt prompt, Supplier<ProgressListener> progress,
            Map<String, String> environment) {
        this(out, err, prompt, progress, environment, boards -> FleetProgressDisplay.periodic(out::println,
                Duration.ofSeconds(10), System::nanoTime, boards));
    }

    OtaPushCommand(PrintStream out, PrintStream err, PasswordPrompt prompt, Supplier<ProgressListener> progress,
            IntFunction<FleetListener> fleetDisplay) {
        this(out, err, prompt, progress, Map.of(), fleetDisplay);
    }

    OtaPushCommand(PrintStream out, PrintStream err, PasswordPrompt prompt, Supplier<ProgressListener> progress,
            Map<String, String> environment, IntFunction<FleetListener> fleetDisplay) {
        this.out = out;
        this.err = err;
        this.passwords = new PasswordSources(environment, prompt);
        this.progress = progress;
        this.fleetDisplay = fleetDisplay;
    }

    public static void main(String[] args) {
        Console console = System.console();
        PasswordPrompt prompt = question -> console == null ? Optional.empty()
                : Optional.ofNullable(console.readPassword("%s", question));
        Supplier<ProgressListener> progress = () -> console != null ? ProgressReporter.inPlace(System.out)
                : ProgressReporter.everyTenPercent(System.out::println);
        IntFunction<FleetListener> fleetDisplay = boards -> console != null
                ? FleetProgressDisplay.inPlace(text -> {
                    System.out.print(text);
                    System.out.flush();
                }, "", boards)
                : FleetProgressDisplay.periodic(System.out::println, Duration.ofSeconds(10), System::nanoTime, boards);
        System.exit(new OtaPushCommand(System.out, System.err, prompt, progress, System.getenv(), fleetDisplay)
                .run(args));
    }

    int run(String... args) {
        if (args.length > 0 && args[0].equals("discover")) {
            return new DiscoverCommand(out, err).run(Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 0 && ConformanceCommand.NAME.equals(args[0])) {
            return new ConformanceCommand(out, err, passwords).run(Arrays.copyOfRange(args, 1, args.length));
        }
        CliArguments a;
        FleetPlan plan = null;
        try {
            a = CliArguments.parse(args);
            if (a.fleet() && !a.help()) {
                plan = FleetCommand.plan(a);
            }
        } catch (CliArguments.UsageException e) {
            err.println("ota-push: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (a.help()) {
            out.println(CliArguments.USAGE);
            return EXIT_OK;
        }
        FileSelection selection;
        try {
            selection = new FileSelector(path -> true, a.fileRules()).select(a.src());
        } catch (SelectionException e) {
            err.println("ota-push: " + e.getMessage() + " (--src)");
            return EXIT_USAGE;
        }
        if (selection.files().isEmpty()) {
            err.println("ota-push: no files to push in " + a.src() + " (pymakr.conf py_ignore and the default excludes"
                    + " left out " + selection.ignored().size() + "); point --src at your MicroPython sources");
            return EXIT_USAGE;
        }
        if (!selection.settingsLeftOut().isEmpty()) {
            out.println(SettingsFiles.leftOutNotice(selection.settingsLeftOut(), "--push-settings"));
        }
        if (!selection.settingsSent().isEmpty()) {
            err.println("ota-push: warning: " + SettingsFiles.sendingWarning(selection.settingsSent()));
        }
        Optional<String> placeholder = SettingsFiles.placeholderProblem(selection);
        if (placeholder.isPresent()) {
            err.println("ota-push: " + placeholder.get() + ". Set WIFI_SSID and WIFI_PASSWORD to the board's values, or"
                    + " leave the file out (drop --push-settings)");
            return EXIT_PUSH_FAILED;
        }
        try (PackedPayload payload = new PayloadDeflater(a.compression()).pack(selection.files(), null)) {
            List<String> paths = payload.metadata().files().stream().map(FileEntry::path).toList();
            if (a.dryRun()) {
                String target = plan != null ? fleetTarget(plan) : a.address() == null ? null : a.address().toString();
                PushSummary.dryRun(selection, payload, a.src().toString(), target, SpaceNeed.DEFAULT_BLOCK_SIZE,
                        a.hardened()).forEach(out::println);
                folderGuard(paths, a, true);
                return EXIT_OK;
            }
            if (folderGuard(paths, a, false)) {
                return EXIT_PUSH_FAILED;
            }
            Optional<String> password;
            try {
                password = passwords.password(a.password(), a.passwordFile(),
                        plan != null ? "the boards" : a.address().host());
            } catch (IOException e) {
                err.println("ota-push: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (password.isEmpty()) {
                err.println("ota-push: no password and no terminal to prompt on; " + PasswordSources.HOW);
                return EXIT_USAGE;
            }
            Passwords.weakness(password.get()).ifPresent(w -> err.println("ota-push: warning: " + w));
            SettingsFiles.passwordChange(selection, password.get())
                    .ifPresent(w -> err.println("ota-push: warning: " + w));
            if (plan != null) {
                return new FleetCommand(out, err, fleetDisplay, ADVICE).run(plan, payload, password.get(), a);
            }
            return pushToOne(a, selection, payload, password.get(), paths.size());
        } catch (PushException e) {
            err.println("ota-push: " + ADVICE.sentence(e));
            return EXIT_PUSH_FAILED;
        } catch (PayloadEncoderException e) {
            err.println("ota-push: " + e.getMessage());
            return EXIT_PUSH_FAILED;
        } catch (IOException e) {
            err.println("ota-push: cannot pack the payload: " + e.getMessage());
            return EXIT_PUSH_FAILED;
        }
    }

    /** One board, through the negotiating client: protocol v2 when the board speaks it, else v1. */
    private int pushToOne(CliArguments a, FileSelection selection, PackedPayload payload, String password,
            int fileCount) throws PushException {
        BoardAddress address = a.address();
        ClientOptions options = ClientOptions.defaults(address.host(), address.port());
        if (HostResolver.isLocalName(address.host())) {
            HostResolver.Resolution r;
            try {
                r = HostResolver.standard(MdnsResolver.onTheNetwork(FleetCommand.MDNS_TIMEOUT))
                        .resolve(address.host());
            } catch (UnknownHostException e) {
                err.println("ota-push: cannot find the board " + e.getMessage() + "; check that it is powered"
                        + " and on this network, or use its IP address (--host)");
                return EXIT_PUSH_FAILED;
            }
            out.println(address.host() + " is " + r.address().getHostAddress() + " (by " + r.how() + ")");
            options = ClientOptions.defaults(r.address().getHostAddress(), address.port());
        }
        BoardCache cache;
        try {
            cache = a.boardCache() == null ? BoardCache.inMemory() : BoardCache.load(a.boardCache());
        } catch (IOException e) {
            err.println("ota-push: " + e.getMessage() + " (--board-cache: another file, or none)");
            return EXIT_USAGE;
        }
        out.println(PushSummary.pushing(payload, address.toString(), null));
        PushOutcome outcome = new NegotiatingClient(options, cache, a.delta(), a.v1Only())
                .push(selection.files(), payload, PasswordSource.of(password),
                        new PushDisplay(progress.get(), out::println, null, step -> { }));
        // A v1 push that sent every file gets the full summary; a delta (v2, or --changed-only) its own lines.
        (outcome.v1Result() != null && outcome.sent().size() == fileCount ? PushSummary.lines(outcome.v1Result())
                : outcome.lines()).forEach(out::println);
        return EXIT_OK;
    }

    /**
     * The plugin's guard, in the CLI's words: a board running the original server would be left half updated by
     * a folder it cannot make. True when the push must stop; a dry run and --force only warn.
     */
    private boolean folderGuard(List<String> paths, CliArguments a, boolean dryRun) {
        Optional<OneLevelFolders.Blocked> blocked = a.hardened() ? Optional.empty()
                : OneLevelFolders.firstBlocked(paths);
        if (blocked.isEmpty()) {
            return false;
        }
        String why = OneLevelFolders.refusal(blocked.get());
        String folder = blocked.get().missingFolder();
        String wayOut = "Put a file directly in " + folder + " (an empty " + folder + "/__init__.py will do), or run"
                + " our server on the board (--profile hardened); --force pushes anyway.";
        boolean stop = !a.force() && !dryRun;
        err.println("ota-push: " + (a.force() ? "warning: " + why + "; pushing anyway (--force)"
                : stop ? why + ". Nothing was sent. " + wayOut
                : "warning: the push would stop here: " + why + ". " + wayOut));
        return stop;
    }

    private static String fleetTarget(FleetPlan plan) {
        return plan.boards().size() + " boards (" + plan.boards().stream().map(Board::label)
                .collect(Collectors.joining(", ")) + ")";
    }
}
