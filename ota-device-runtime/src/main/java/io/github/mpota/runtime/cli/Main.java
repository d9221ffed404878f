package io.github.mpota.runtime.cli;

import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.RebootEvent;
import io.github.mpota.runtime.SessionOutcome;
import io.github.mpota.runtime.config.ConfigException;
import io.github.mpota.runtime.config.DeviceConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** {@code java -jar ota-device-runtime-1.0.0-all.jar --root DIR ...}: a board on the command line. */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final String PROGRAM = "ota-device-runtime";
    private static final Duration WAIT_SLICE = Duration.ofHours(1);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the board until it is stopped (or, with --once, until the first update); returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CliOptions o;
        try {
            o = CliOptions.parse(args);
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        if (o.help) {
            out.println(CliOptions.USAGE);
            return EXIT_OK;
        }
        try {
            checkConfiguration(o);
        } catch (ConfigException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return EXIT_USAGE;
        }
        DeviceRuntimeBuilder b = DeviceRuntime.builder().root(o.root).bindAddress(o.bind).profile(o.profile)
                .transcriptFile(o.transcript).networks(o.networks).log(err::println).v1Enabled(o.v1Enabled);
        if (o.port != null) {
            b.port(o.port);
        }
        if (o.password != null) {
            b.password(o.password);
        } else if (o.config != null) {
            b.configFile(o.config);
        }
        if (o.board != null) {
            b.board(o.board);
        }
        if (o.freeBytes != null) {
            b.capacityBytes(o.freeBytes);
        }
        if (o.blockSize != null) {
            b.blockSize(o.blockSize);
        }
        DeviceRuntime runtime;
        try {
            runtime = b.build();
            runtime.start();
        } catch (IOException | UncheckedIOException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return EXIT_FAILED;
        }
        Thread hook = new Thread(runtime::close, "ota-device-runtime-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("READY " + runtime.port());
        out.flush();
        try {
            return serve(runtime, o.once, err);
        } finally {
            runtime.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

    private static int serve(DeviceRuntime runtime, boolean once, PrintStream err) {
        for (int n = 1; ; n++) {
            SessionOutcome outcome;
            while (true) {
                try {
                    outcome = runtime.awaitSession(n, WAIT_SLICE);
                    break;
                } catch (TimeoutException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return EXIT_FAILED;
                    }
                }
            }
            RebootEvent reboot = null;
            if (outcome.success()) {
                int reboots = runtime.rebootCount();
                if (reboots == 0) {
                    return EXIT_FAILED; // stopped (Ctrl-C) in the reboot delay: the board never came back
                }
                try {
                    reboot = runtime.awaitReboot(reboots, Duration.ofSeconds(1));
                } catch (TimeoutException e) {
                    return EXIT_FAILED;
                }
                if (!reboot.online()) {
                    err.println(PROGRAM + ": the board did not come back online after the update: "
                            + reboot.problem());
                    return EXIT_FAILED;
                }
            }
            if (once) {
                if (!outcome.success()) {
                    err.println(PROGRAM + ": the update failed: " + outcome.reason());
                }
                return outcome.success() ? EXIT_OK : EXIT_FAILED;
            }
        }
    }

    /** A configuration the board cannot start with is a bad value of the command line: exit code 2. */
    private static void checkConfiguration(CliOptions o) throws ConfigException {
        if (o.password != null) {
            return;
        }
        Path file = o.config != null ? o.config : o.root.resolve(DeviceConfig.DEVICE_FILE);
        if (o.config == null && !Files.isRegularFile(file)) {
            throw DeviceConfig.missingPassword(null);
        }
        DeviceConfig.read(file);
    }
}
