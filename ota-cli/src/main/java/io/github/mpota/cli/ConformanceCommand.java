package io.github.mpota.cli;

import io.github.mpota.conformance.ConformanceException;
import io.github.mpota.conformance.ConformanceKit;
import io.github.mpota.conformance.ConformanceOptions;
import io.github.mpota.conformance.ConformanceReport;
import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import io.github.mpota.conformance.scenario.ScenarioCatalog;
import io.github.mpota.core.protocol.Protocol;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code ota-cli conformance}: the conformance kit from the command line, as {@code mvn ota:conformance}. Exit
 * status 0 when every scenario passed, 1 when one failed or the board could not be reached, 2 on a usage error.
 */
final class ConformanceCommand {

    static final String NAME = "conformance";
    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ota-cli conformance --host HOST [--port PORT] [--password-file FILE] [--expect upstream|hardened]",
            "                           [--run safe|full] [--cases ID,...] [--strict] [--board-root DIR]",
            "                           [--free-bytes N] [--report-dir DIR] [--dry-run]",
            "",
            "Plays the wire contract's scenarios against a board and says, scenario by scenario, whether it behaves",
            "as a board of the expected kind must (docs/CONFORMANCE.md).",
            "",
            "  --host HOST          the board's IP address or host name",
            "  --port PORT          the board's OTA port (default " + Protocol.DEFAULT_PORT + ")",
            "  --password-file FILE read the board's OTA password from the first line of FILE (recommended)",
            "  --password PASSWORD  the board's OTA password; every user of this machine can read it (ps);",
            "                       without either: the environment variable OTA_PASSWORD, else a prompt",
            "  --expect SET         upstream (the original OTAUpdater; default) or hardened (our server)",
            "  --run MODE           safe (default: no writes, no reboot) or full (writes under conformance/, reboots)",
            "  --cases IDS          scenario ids or id prefixes, comma-separated (default: all)",
            "  --strict             also the strict scenarios (split segments, reset or orderly close)",
            "  --board-root DIR     the board's filesystem as a local folder: check the files each scenario leaves",
            "  --free-bytes N       the free bytes the board reports: runs the exact space-boundary scenarios",
            "  --report-dir DIR     where the JUnit XML goes (default target/ota-conformance)",
            "  --dry-run            list the scenarios that would run and stop",
            "  --help               show this text");

    private final PrintStream out;
    private final PrintStream err;
    private final PasswordSources passwords;

    ConformanceCommand(PrintStream out, PrintStream err, PasswordSources passwords) {
        this.out = out;
        this.err = err;
        this.passwords = passwords;
    }

    int run(String... args) {
        ConformanceOptions o;
        boolean dryRun = false;
        Path passwordFile = null;
        try {
            String host = null;
            int port = Protocol.DEFAULT_PORT;
            String password = null;
            ExpectationSet expect = ExpectationSet.UPSTREAM;
            RunMode run = RunMode.SAFE;
            List<String> cases = new ArrayList<>();
            boolean strict = false;
            Path boardRoot = null;
            OptionalLong free = OptionalLong.empty();
            Path reports = Path.of("target", "ota-conformance");
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                switch (name) {
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return OtaPushCommand.EXIT_OK;
                    }
                    case "--dry-run" -> dryRun = true;
                    case "--strict" -> strict = true;
                    case "--host", "--port", "--password", "--password-file", "--expect", "--run", "--cases",
                            "--board-root",
                            "--free-bytes", "--report-dir" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        String value = args[++i];
                        switch (name) {
                            case "--host" -> host = value;
                            case "--port" -> port = number(name, value, 1, 65535);
                            case "--password" -> password = value;
                            case "--password-file" -> passwordFile = Path.of(value);
                            case "--expect" -> expect = ExpectationSet.parse(value);
                            case "--run" -> run = RunMode.parse(value);
                            case "--cases" -> cases.addAll(Arrays.asList(value.split(",")));
                            case "--board-root" -> boardRoot = Path.of(value);
                            case "--free-bytes" -> free = OptionalLong.of(parse(name, value, 0, Long.MAX_VALUE));
                            default -> reports = Path.of(value);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + name + "; see --help");
                }
            }
            if (!dryRun && (host == null || host.isBlank())) {
                throw new IllegalArgumentException("--host is required (the board's IP address or name.local)");
            }
            if (password != null && passwordFile != null) {
                throw new IllegalArgumentException("give either --password-file or --password, not both");
            }
            o = ConformanceOptions.of(host == null ? "" : host.trim(), port, password, expect).withRun(run)
                    .withStrict(strict).withIds(cases).withBoardRoot(boardRoot).withFreeBytes(free)
                    .withReportDir(reports);
        } catch (IllegalArgumentException e) {
            err.println("ota-cli conformance: " + e.getMessage());
            return OtaPushCommand.EXIT_USAGE;
        }
        ConformanceKit kit = new ConformanceKit(ScenarioCatalog.load(), out::println);
        try {
            if (dryRun) {
                kit.dryRun(o);
                return OtaPushCommand.EXIT_OK;
            }
            Optional<String> password;
            try {
                password = passwords.password(o.password(), passwordFile, o.host());
            } catch (IOException e) {
                err.println("ota-cli conformance: " + e.getMessage());
                return OtaPushCommand.EXIT_USAGE;
            }
            if (password.isEmpty()) {
                err.println("ota-cli conformance: no password and no terminal to prompt on; " + PasswordSources.HOW);
                return OtaPushCommand.EXIT_USAGE;
            }
            o = o.withPassword(password.get());
            ConformanceReport report = kit.run(o);
            return report.failed() == 0 ? OtaPushCommand.EXIT_OK : OtaPushCommand.EXIT_PUSH_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("ota-cli conformance: " + e.getMessage());
            return OtaPushCommand.EXIT_USAGE;
        } catch (ConformanceException e) {
            err.println("ota-cli conformance: " + e.getMessage());
            return OtaPushCommand.EXIT_PUSH_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OtaPushCommand.EXIT_PUSH_FAILED;
        }
    }

    private static int number(String name, String value, long min, long max) {
        return (int) Math.min(Integer.MAX_VALUE, parse(name, value, min, max));
    }

    private static long parse(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(name + " needs a whole number from " + min + " to " + max + ", received "
                + value);
    }
}
