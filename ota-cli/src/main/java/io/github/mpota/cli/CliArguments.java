package io.github.mpota.cli;

import io.github.mpota.core.protocol.Protocol;
import java.nio.file.Path;
import java.util.Locale;

/** The reference client's arguments, plus --dry-run and --help. */
record CliArguments(String host, int port, Path src, String password, boolean dryRun, boolean help,
        boolean v1Only, boolean rebootAlways, boolean keepRemoved, boolean changedOnly, Path boardCache) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ota-push --host HOST [--port PORT] [--src DIR] [--password PASSWORD] [--dry-run]",
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
            "  --protocol auto|v1   auto (default): protocol v2 with boards that speak it, v1 with the others;",
            "                       v1: plain v1 without asking",
            "  --reboot changed|always  changed (default): a v2 board reboots only when files changed",
            "  --keep-removed       keep on a v2 board the files earlier pushes installed and the project dropped",
            "  --changed-only       to a v1 board, send only files changed since the last push recorded in",
            "                       --board-cache (opt-in: changes made on the board by other means are missed)",
            "  --board-cache FILE   remember per board its protocol, its files and the last push (JSON); without",
            "                       it nothing is remembered: each push asks again, and --changed-only sends all",
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
        boolean v1Only = false;
        boolean rebootAlways = false;
        boolean keepRemoved = false;
        boolean changedOnly = false;
        Path boardCache = null;
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
                case "--keep-removed" -> keepRemoved = true;
                case "--changed-only" -> changedOnly = true;
                case "--host", "--port", "--src", "--password", "--protocol", "--reboot", "--board-cache" -> {
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
                        case "--protocol" -> v1Only = choice(name, value, "auto", "v1");
                        case "--reboot" -> rebootAlways = choice(name, value, "changed", "always");
                        case "--board-cache" -> boardCache = Path.of(value);
                        default -> password = value;
                    }
                }
                default -> throw new UsageException("unknown argument " + arg + "; see --help");
            }
        }
        if (!help && (host == null || host.isBlank())) {
            throw new UsageException("--host is required (the board's IP address or name.local)");
        }
        return new CliArguments(host, port, src, password, dryRun, help, v1Only, rebootAlways, keepRemoved,
                changedOnly, boardCache);
    }

    /** False for the first word, true for the second; anything else is a usage error. */
    private static boolean choice(String name, String value, String no, String yes) throws UsageException {
        if (value.equals(no) || value.equals(yes)) {
            return value.equals(yes);
        }
        throw new UsageException(name + " must be " + no + " or " + yes + ", was '" + value + "'");
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
