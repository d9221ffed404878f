package io.github.mpota.cli;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.ProgressReporter;
import io.github.mpota.core.client.PushAdvice;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SelectionException;
import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.v2.BoardCache;
import io.github.mpota.core.v2.DeltaOptions;
import io.github.mpota.core.v2.NegotiatingClient;
import io.github.mpota.core.v2.PushOutcome;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;

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
            "--password, or type it at the prompt", null, null, null, null, null, "pymakr.conf py_ignore"));

    private final PrintStream out;
    private final PrintStream err;
    private final PasswordPrompt prompt;
    private final Supplier<ProgressListener> progress;

    OtaPushCommand(PrintStream out, PrintStream err, PasswordPrompt prompt, Supplier<ProgressListener> progress) {
        this.out = out;
        this.err = err;
        this.prompt = prompt;
        this.progress = progress;
    }

    public static void main(String[] args) {
        Console console = System.console();
        PasswordPrompt prompt = question -> console == null ? Optional.empty()
                : Optional.ofNullable(console.readPassword("%s", question));
        Supplier<ProgressListener> progress = () -> console != null ? ProgressReporter.inPlace(System.out)
                : ProgressReporter.everyTenPercent(System.out::println);
        System.exit(new OtaPushCommand(System.out, System.err, prompt, progress).run(args));
    }

    int run(String... args) {
        CliArguments a;
        try {
            a = CliArguments.parse(args);
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
            String target = a.host() + ":" + a.port();
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
            if (password == null) {
                Optional<char[]> typed = prompt.ask("OTA password for " + a.host() + ": ");
                if (typed.isEmpty()) {
                    err.println("ota-push: no password and no terminal to prompt on; pass --password");
                    return EXIT_USAGE;
                }
                password = new String(typed.get());
            }
            out.println("Pushing " + files(selection.files().size()) + " ("
                    + ProgressFormat.bytes(payload.uncompressedSize()) + ", "
                    + ProgressFormat.bytes(payload.compressedSize()) + " compressed) to " + target);
            BoardCache cache = a.boardCache() == null ? BoardCache.inMemory() : BoardCache.load(a.boardCache());
            PushOutcome outcome = new NegotiatingClient(ClientOptions.defaults(a.host(), a.port()), cache,
                    new DeltaOptions(a.rebootAlways(), !a.keepRemoved(), a.changedOnly()), a.v1Only())
                    .push(selection.files(), PasswordSource.of(password), progress.get());
            outcome.lines().forEach(out::println);
            return EXIT_OK;
        } catch (PushException e) {
            err.println("ota-push: " + ADVICE.sentence(e));
            return EXIT_PUSH_FAILED;
        } catch (IOException e) {
            err.println("ota-push: cannot pack the payload (temporary file) or read the board cache: "
                    + e.getMessage());
            return EXIT_PUSH_FAILED;
        }
    }

    private static String files(int n) {
        return n + (n == 1 ? " file" : " files");
    }
}
