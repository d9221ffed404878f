package io.github.mpota.cli;

import io.github.mpota.core.auth.PasswordFile;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.ProgressReporter;
import io.github.mpota.core.client.PushAdvice;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.client.PushSummary;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SelectionException;
import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.fleet.Board;
import io.github.mpota.core.fleet.FleetListener;
import io.github.mpota.core.fleet.FleetPlan;
import io.github.mpota.core.fleet.FleetProgressDisplay;
import io.github.mpota.core.mdns.HostResolver;
import io.github.mpota.core.mdns.MdnsResolver;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The command-line client: the reference client's arguments on the shared core, with the same progress line
 * and summary as the Maven plugin. Exit status 0 on UPDATE_SUCCESS, 1 on a failed push, 2 on a usage error;
 * an error is one line on standard error.
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
            "--password-file, OTA_PASSWORD, --password, or type it at the prompt", null, null, null, null, null, "pymakr.conf py_ignore"));

    private final PrintStream out;
    private final PrintStream err;
    private final PasswordPrompt prompt;
    private final Supplier<ProgressListener> progress;
    private final Map<String, String> environment;
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
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.prompt = prompt;
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
            return new ConformanceCommand(out, err, prompt).run(Arrays.copyOfRange(args, 1, args.length));
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
            selection = new FileSelector().select(a.src());
        } catch (SelectionException e) {
            err.println("ota-push: " + e.getMessage() + " (--src)");
            return EXIT_USAGE;
        }
        if (selection.files().isEmpty()) {
            err.println("ota-push: no files to push in " + a.src() + " (pymakr.conf py_ignore left out "
                    + selection.ignored().size() + "); point --src at your MicroPython sources");
            return EXIT_USAGE;
        }
        try (PackedPayload payload = new PayloadDeflater().pack(selection.files(), null)) {
            String target = plan != null ? plan.boards().size() + " boards ("
                    + plan.boards().stream().map(Board::label).collect(Collectors.joining(", ")) + ")"
                    : a.host() + ":" + a.port();
            if (a.dryRun()) {
                out.println("Dry run: would push " + files(selection.files().size()) + " from " + a.src() + " to "
                        + target);
                for (SourceFile f : selection.files()) {
                    out.printf("  %10d  %s%n", f.size(), f.devicePath());
                }
                out.println("Total " + ProgressFormat.bytes(payload.uncompressedSize()) + " raw, "
                        + ProgressFormat.bytes(payload.compressedSize()) + " compressed; the board needs "
                        + payload.metadata().spaceNeeded() + " bytes free (payload plus files). Nothing sent.");
                return EXIT_OK;
            }
            String password = a.password();
            try {
                // Ways that ps does not show: a file, the environment; the prompt last.
                if (a.passwordFile() != null) {
                    password = PasswordFile.read(a.passwordFile());
                } else if (password == null) {
                    password = PasswordFile.fromEnvironment(environment).orElse(null);
                }
            } catch (IOException e) {
                err.println("ota-push: " + e.getMessage());
                return EXIT_USAGE;
            }
            if (password == null) {
                Optional<char[]> typed = prompt.ask("OTA password for " + (plan != null ? "the boards" : a.host())
                        + ": ");
                if (typed.isEmpty()) {
                    err.println("ota-push: no password and no terminal to prompt on; pass --password-file FILE or set"
                            + " the environment variable OTA_PASSWORD");
                    return EXIT_USAGE;
                }
                password = new String(typed.get());
            }
            String what = files(selection.files().size()) + " (" + ProgressFormat.bytes(payload.uncompressedSize())
                    + ", " + ProgressFormat.bytes(payload.compressedSize()) + " compressed)";
            if (plan != null) {
                return new FleetCommand(out, err, fleetDisplay, ADVICE).run(plan, payload, password, a, what);
            }
            ClientOptions options = ClientOptions.defaults(a.host(), a.port());
            if (HostResolver.isLocalName(a.host())) {
                HostResolver.Resolution r;
                try {
                    r = HostResolver.standard(MdnsResolver.onTheNetwork(FleetCommand.MDNS_TIMEOUT)).resolve(a.host());
                } catch (UnknownHostException e) {
                    err.println("ota-push: cannot find the board " + e.getMessage() + "; check that it is powered"
                            + " and on this network, or use its IP address (--host)");
                    return EXIT_PUSH_FAILED;
                }
                out.println(a.host() + " is " + r.address().getHostAddress() + " (by " + r.how() + ")");
                options = ClientOptions.defaults(r.address().getHostAddress(), a.port());
            }
            out.println("Pushing " + what + " to " + target);
            PushResult result = new OtaClient(options).push(payload, PasswordSource.of(password), progress.get());
            PushSummary.lines(result).forEach(out::println);
            return EXIT_OK;
        } catch (PushException e) {
            err.println("ota-push: " + ADVICE.sentence(e));
            return EXIT_PUSH_FAILED;
        } catch (IOException e) {
            err.println("ota-push: cannot pack the payload (temporary file): " + e.getMessage());
            return EXIT_PUSH_FAILED;
        }
    }

    private static String files(int n) {
        return n + (n == 1 ? " file" : " files");
    }
}
