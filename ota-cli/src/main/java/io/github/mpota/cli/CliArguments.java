package io.github.mpota.cli;

import io.github.mpota.core.payload.Compression;
import io.github.mpota.core.payload.CompressionOptions;
import io.github.mpota.core.protocol.Protocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/** The reference client's arguments, plus --dry-run, --compression, --compression-budget and --help. */
record CliArguments(String host, int port, Path src, String password, boolean dryRun, boolean help,
        CompressionOptions compression) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ota-push --host HOST [--port PORT] [--src DIR] [--password PASSWORD] [--dry-run]",
            "                [--compression auto|best|fast] [--compression-budget MS]",
            "",
            "Pushes the MicroPython files of DIR to a board's OTA server over WiFi; the board writes them and",
            "reboots.",
            "",
            "  --host HOST          the board's IP address or host name (names ending in .local use mDNS)",
            "  --port PORT          the board's OTA port (default " + Protocol.DEFAULT_PORT + ")",
            "  --src DIR            the folder whose files go to the board's root (default ./src);",
            "                       pymakr.conf's py_ignore in it leaves files out",
            "  --password PASSWORD  the board's OTA password (prompted, not echoed, when absent)",
            "  --dry-run            list what would be sent and stop",
            "  --compression MODE   fast: zlib level 9, the reference client's bytes; best: about 4 % smaller,",
            "                       far slower; auto (default): best when it fits the budget, else fast",
            "  --compression-budget MS  the ms auto may spend on best (default "
                    + CompressionOptions.DEFAULT_BUDGET.toMillis() + ")",
            "  --help               show this text",
            "",
            "Exit status: 0 when the board answered UPDATE_SUCCESS, 1 when the push failed, 2 on a usage error.");

    /** A command line that cannot be run; the message names the problem. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CliArguments parse(String... args) throws UsageException {
        String host = null;
        int port = Protocol.DEFAULT_PORT;
        Path src = Path.of("src");
        String password = null;
        boolean dryRun = false;
        boolean help = false;
        Compression compression = Compression.AUTO;
        long budgetMs = CompressionOptions.DEFAULT_BUDGET.toMillis();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> help = true;
                case "--dry-run" -> dryRun = true;
                case "--host", "--port", "--src", "--password", "--compression", "--compression-budget" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--host" -> host = value;
                        case "--port" -> port = port(value);
                        case "--src" -> src = Path.of(value);
                        case "--compression" -> compression = compression(value);
                        case "--compression-budget" -> budgetMs = budget(value);
                        default -> password = value;
                    }
                }
                default -> throw new UsageException("unknown argument " + arg + "; see --help");
            }
        }
        if (!help && (host == null || host.isBlank())) {
            throw new UsageException("--host is required (the board's IP address or name.local)");
        }
        return new CliArguments(host, port, src, password, dryRun, help,
                CompressionOptions.of(compression, Duration.ofMillis(budgetMs)));
    }

    private static Compression compression(String value) throws UsageException {
        try {
            return Compression.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--compression must be auto, best or fast, was '" + value + "'");
        }
    }

    private static long budget(String value) throws UsageException {
        try {
            long ms = Long.parseLong(value.trim());
            if (ms > 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UsageException("--compression-budget must be a number of milliseconds above 0, was '" + value
                + "'");
    }

    private static int port(String value) throws UsageException {
        try {
            int p = Integer.parseInt(value.trim());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UsageException(String.format(Locale.ROOT, "--port must be a number from 1 to 65535, was '%s'",
                value));
    }
}
