package io.github.mpota.cli;

import io.github.mpota.core.client.BoardAddress;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.Passwords;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.ProgressReporter;
import io.github.mpota.core.client.PushAdvice;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.client.PushSummary;
import io.github.mpota.core.client.SpaceNeed;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileRules;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.OneLevelFolders;
import io.github.mpota.core.selection.SelectionException;
import io.github.mpota.core.selection.SettingsFiles;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The command-line client: the reference client's arguments on the shared core, with the same file rules,
 * guards, progress line and summary as the Maven plugin. Exit status 0 on UPDATE_SUCCESS, 1 on a failed or
 * refused push, 2 on a usage error; an error is one line on standard error.
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
        BoardAddress address = null;
        if (a.host() != null && !a.host().isBlank()) {
            try {
                address = BoardAddress.parse(a.host(), a.port());
            } catch (IllegalArgumentException e) {
                err.println("ota-push: " + e.getMessage() + " (--host)");
                return EXIT_USAGE;
            }
        }
        boolean staged = a.profile().equals("hardened");
        FileSelection selection;
        try {
            selection = new FileSelector(path -> true, new FileRules(true, a.pushSettings())).select(a.src());
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
        try (PackedPayload payload = new PayloadDeflater().pack(selection.files(), null)) {
            List<String> paths = payload.metadata().files().stream().map(FileEntry::path).toList();
            if (a.dryRun()) {
                PushSummary.dryRun(selection, payload, a.src().toString(),
                        address == null ? null : address.toString(), SpaceNeed.DEFAULT_BLOCK_SIZE, staged)
                        .forEach(out::println);
                refusal(paths, staged, a.force(), true);
                return EXIT_OK;
            }
            if (refusal(paths, staged, a.force(), false)) {
                return EXIT_PUSH_FAILED;
            }
            String password = a.password();
            if (password == null) {
                Optional<char[]> typed = prompt.ask("OTA password for " + address.host() + ": ");
                if (typed.isEmpty()) {
                    err.println("ota-push: no password and no terminal to prompt on; pass --password");
                    return EXIT_USAGE;
                }
                password = new String(typed.get());
            }
            Passwords.weakness(password).ifPresent(w -> err.println("ota-push: warning: " + w));
            SettingsFiles.passwordChange(selection, password).ifPresent(w -> err.println("ota-push: warning: " + w));
            out.println(PushSummary.pushing(payload, address.toString(), null));
            PushResult result = new OtaClient(ClientOptions.defaults(address.host(), address.port()))
                    .push(payload, PasswordSource.of(password), new Display(progress.get()));
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

    /**
     * The plugin's guard: a board running the original server would be left half updated. True when the push
     * must stop; a dry run only says that it would.
     */
    private boolean refusal(List<String> paths, boolean staged, boolean force, boolean dryRunOnly) {
        if (staged) {
            return false;
        }
        Optional<OneLevelFolders.Blocked> blocked = OneLevelFolders.firstBlocked(paths);
        if (blocked.isEmpty()) {
            return false;
        }
        String why = OneLevelFolders.refusal(blocked.get());
        String wayOut = "Put a file directly in " + blocked.get().missingFolder() + " (an empty "
                + blocked.get().missingFolder() + "/__init__.py will do), or run our server on the board (--profile"
                + " hardened); --force pushes anyway.";
        if (force) {
            err.println("ota-push: warning: " + why + "; pushing anyway (--force)");
            return false;
        }
        if (dryRunOnly) {
            err.println("ota-push: warning: the push would stop here: " + why + ". " + wayOut);
            return false;
        }
        err.println("ota-push: " + why + ". Nothing was sent. " + wayOut);
        return true;
    }

    /** Progress, plus the moments around it: retries and the wait for the board's apply. */
    private final class Display implements ProgressListener {
        private final ProgressListener progress;

        Display(ProgressListener progress) {
            this.progress = progress;
        }

        @Override
        public void onProgress(long sent, long total) {
            progress.onProgress(sent, total);
        }

        @Override
        public void onRetry(int attempt, int attempts, String reason, Duration delay) {
            out.println(PushSummary.retry(attempt, attempts, reason, delay));
        }

        @Override
        public void onWaitingForApply(int files, Duration timeout) {
            out.println(PushSummary.waiting(files, ProgressFormat.duration(timeout)));
        }
    }

}
