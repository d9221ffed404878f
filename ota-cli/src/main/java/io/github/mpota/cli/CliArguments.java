package io.github.mpota.cli;

import io.github.mpota.core.protocol.Protocol;
import java.nio.file.Path;
import java.util.Locale;

/** The reference client's arguments, plus the safety switches the Maven plugin has, --dry-run and --help. */
record CliArguments(String host, int port, Path src, String password, boolean dryRun, boolean help,
        boolean pushSettings, boolean force, String profile) {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ota-push --host HOST[:PORT] [--port PORT] [--src DIR] [--password PASSWORD] [--dry-run]",
            "                [--profile upstream|hardened] [--push-settings] [--force]",
            "",
            "Pushes the MicroPython files of DIR to a board's OTA server over WiFi; the board writes them and",
            "reboots.",
            "",
            "  --host HOST          the board's IP address or host name (names ending in .local use mDNS),",
            "                       optionally with :PORT; not needed with --dry-run",
            "  --port PORT          the board's OTA port (default " + Protocol.DEFAULT_PORT + ")",
            "  --src DIR            the folder whose files go to the board's root (default ./src);",
            "                       pymakr.conf's py_ignore in it leaves files out, and so do SCM and editor",
            "                       files (.git, .vscode, .idea...) and __pycache__",
            "  --password PASSWORD  the board's OTA password (prompted, not echoed, when absent)",
            "  --dry-run            list what would be sent, with the space the board needs, and stop",
            "  --profile NAME       the board's OTA server: upstream (default), the original one; hardened, ours",
            "  --push-settings      also send ota_config.json and config.py, which hold the WiFi and OTA",
            "                       passwords (left out by default: they would travel unencrypted)",
            "  --force              push even a folder that a board running the original server cannot make",
            "  --help               show this text",
            "",
            "Exit status: 0 when the board answered UPDATE_SUCCESS, 1 when the push failed or was refused,",
            "2 on a usage error.");

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
        boolean pushSettings = false;
        boolean force = false;
        String profile = "upstream";
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
                case "--push-settings" -> pushSettings = true;
                case "--force" -> force = true;
                case "--host", "--port", "--src", "--password", "--profile" -> {
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
                        case "--profile" -> profile = profile(value);
                        default -> password = value;
                    }
                }
                default -> throw new UsageException("unknown argument " + arg + "; see --help");
            }
        }
        if (!help && !dryRun && (host == null || host.isBlank())) {
            throw new UsageException("--host is required (the board's IP address or name.local)");
        }
        return new CliArguments(host, port, src, password, dryRun, help, pushSettings, force, profile);
    }

    private static String profile(String value) throws UsageException {
        String p = value.trim().toLowerCase(Locale.ROOT);
        if (p.equals("upstream") || p.equals("hardened")) {
            return p;
        }
        throw new UsageException("--profile must be upstream or hardened, was '" + value + "'");
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
