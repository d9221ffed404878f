package io.github.mpota.cli;

import io.github.mpota.core.client.BoardAddress;
import io.github.mpota.core.payload.Compression;
import io.github.mpota.core.payload.CompressionOptions;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.FileRules;
import io.github.mpota.core.v2.DeltaOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The push's command line: the reference client's arguments (--host, --port, --src, --password) and the
 * plugin's options under the CLI's names. Parsed once; each group of options is handed to the core as the core
 * takes it ({@link #fileRules()}, {@link #compression()}, {@link #delta()}).
 */
final class CliArguments {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ota-push --host HOST[:PORT] [--port PORT] [--profile upstream|hardened]",
            "                [--password-file FILE | --password PASSWORD] [--src DIR] [--push-settings] [--force]",
            "                [--dry-run] [--compression auto|best|fast] [--compression-budget MS]",
            "                [--protocol auto|v1] [--reboot changed|always] [--keep-removed] [--changed-only]",
            "                [--board-cache FILE]",
            "       ota-push --host HOST[:PORT] --host HOST[:PORT]... | --hosts-file FILE [--parallel N]",
            "                [--canary N] [--max-failures N|P%] [--report FILE] [the options above but",
            "                --reboot, --keep-removed, --changed-only and --board-cache]",
            "       ota-push --src DIR --dry-run [options]   (without --host: no board needed)",
            "       ota-push discover [--subnet CIDR] [--port PORT] [--timeout MS]",
            "       ota-push conformance --host HOST ...     (see ota-push conformance --help)",
            "       ota-push --help",
            "",
            "Pushes the MicroPython files of DIR to a board's OTA server over WiFi; the board writes them and",
            "reboots.",
            "",
            "The board:",
            "  --host HOST[:PORT]   the board's IP address or host name, optionally with its port; names ending",
            "                       in .local that the system cannot resolve are asked by multicast DNS",
            "  --port PORT          the board's OTA port when --host has none (default " + Protocol.DEFAULT_PORT + ")",
            "  --profile NAME       the board's OTA server: upstream (default), the original one; hardened, ours",
            "",
            "The password (first match wins; without any, a prompt that does not echo):",
            "  --password-file FILE read the board's OTA password from the first line of FILE (recommended)",
            "  --password PASSWORD  the board's OTA password; every user of this machine can read it (ps):",
            "                       prefer --password-file or the environment variable OTA_PASSWORD",
            "",
            "The files:",
            "  --src DIR            the folder whose files go to the board's root (default ./src);",
            "                       pymakr.conf's py_ignore in it leaves files out, and so do SCM and editor",
            "                       files (.git, .vscode, .idea...) and __pycache__",
            "  --push-settings      also send ota_config.json and config.py, which hold the WiFi and OTA",
            "                       passwords (left out by default: they would travel unencrypted)",
            "  --force              push even a folder that a board running the original server cannot make",
            "  --dry-run            list what would be sent, with the space the board needs, and stop",
            "",
            "Compression:",
            "  --compression MODE   fast: zlib level 9, the reference client's bytes; best: about 4 % smaller,",
            "                       far slower; auto (default): best when it fits the budget, else fast",
            "  --compression-budget MS  the milliseconds auto may spend on best (default "
                    + CompressionOptions.DEFAULT_BUDGET.toMillis() + ")",
            "",
            "Protocol v2 (boards running our server) and changed files:",
            "  --protocol auto|v1   auto (default): protocol v2 with boards that speak it, v1 with the others;",
            "                       v1: plain v1 without asking",
            "  --reboot changed|always  changed (default): a v2 board reboots only when files changed",
            "  --keep-removed       keep on a v2 board the files earlier pushes installed and DIR no longer has",
            "  --changed-only       to a v1 board, send only files changed since the last push recorded in",
            "                       --board-cache (opt-in: changes made on the board by other means are missed)",
            "  --board-cache FILE   remember per board its protocol, its files and the last push (JSON); without",
            "                       it nothing is remembered: each push asks again, and --changed-only sends all",
            "",
            "Several boards (the same payload, packed once, to each; one password for all; protocol v1):",
            "  --host HOST[:PORT]   repeat for each board",
            "  --hosts-file FILE    boards one per line, HOST[:PORT]; blank lines and text after # ignored",
            "  --parallel N         boards pushed at once (default 4)",
            "  --canary N           boards pushed first; the rest only when all succeeded (default 1)",
            "  --max-failures N|P%  failures tolerated before no further push starts (default 0)",
            "  --report FILE        also write each board's result as JSON to FILE",
            "",
            "  --help               show this text",
            "",
            "Exit status: 0 when every board answered UPDATE_SUCCESS, 1 when a push failed or was refused,",
            "2 on a usage error.");

    /** A command line that cannot be run; the message names the problem. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    // The board, or the boards.
    private final List<String> hosts = new ArrayList<>();
    private BoardAddress address;
    private int port = Protocol.DEFAULT_PORT;
    private boolean hardened;
    private Path hostsFile;
    private int parallel = 4;
    private int canary = 1;
    private String maxFailures = "0";
    private Path report;
    // The password.
    private String password;
    private Path passwordFile;
    // The files and how they are packed.
    private Path src = Path.of("src");
    private boolean pushSettings;
    private boolean force;
    private boolean dryRun;
    private Compression compression = Compression.AUTO;
    private long budgetMs = CompressionOptions.DEFAULT_BUDGET.toMillis();
    // Protocol v2 and changed files.
    private boolean v1Only;
    private boolean rebootAlways;
    private boolean keepRemoved;
    private boolean changedOnly;
    private Path boardCache;
    private boolean help;

    private CliArguments() {
    }

    static CliArguments parse(String... args) throws UsageException {
        CliArguments a = new CliArguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (a.flag(name)) {
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(name + " needs a value");
                }
                value = args[++i];
            }
            a.option(name, value);
        }
        a.check();
        return a;
    }

    /** True when name is a switch (and sets it); false when it takes a value. */
    private boolean flag(String name) throws UsageException {
        switch (name) {
            case "--help", "-h" -> help = true;
            case "--dry-run" -> dryRun = true;
            case "--push-settings" -> pushSettings = true;
            case "--force" -> force = true;
            case "--keep-removed" -> keepRemoved = true;
            case "--changed-only" -> changedOnly = true;
            case "--host", "--port", "--src", "--password", "--password-file", "--profile", "--hosts-file",
                    "--parallel", "--canary", "--max-failures", "--report", "--compression",
                    "--compression-budget", "--protocol", "--reboot", "--board-cache" -> {
                return false;
            }
            default -> throw new UsageException("unknown argument " + name + "; see --help");
        }
        return true;
    }

    private void option(String name, String value) throws UsageException {
        switch (name) {
            case "--host" -> hosts.add(value);
            case "--port" -> port = port(value);
            case "--profile" -> hardened = choice(name, value, "upstream", "hardened");
            case "--hosts-file" -> hostsFile = Path.of(value);
            case "--parallel" -> parallel = count(name, value, 1);
            case "--canary" -> canary = count(name, value, 0);
            case "--max-failures" -> maxFailures = value;
            case "--report" -> report = Path.of(value);
            case "--password" -> password = value;
            case "--password-file" -> passwordFile = Path.of(value);
            case "--src" -> src = Path.of(value);
            case "--compression" -> compression = compression(value);
            case "--compression-budget" -> budgetMs = budget(value);
            case "--protocol" -> v1Only = choice(name, value, "auto", "v1");
            case "--reboot" -> rebootAlways = choice(name, value, "changed", "always");
            default -> boardCache = Path.of(value);
        }
    }

    private void check() throws UsageException {
        if (help) {
            return;
        }
        if (hostsFile == null && hosts.stream().allMatch(String::isBlank) && !dryRun) {
            throw new UsageException("--host is required (the board's IP address or name.local)");
        }
        if (password != null && passwordFile != null) {
            throw new UsageException("give either --password-file or --password, not both");
        }
        if (fleet() && (rebootAlways || keepRemoved || changedOnly || boardCache != null)) {
            // The fleet push sends the whole payload to each board over v1; these would do nothing there.
            throw new UsageException("--reboot, --keep-removed, --changed-only and --board-cache apply to one board;"
                    + " several boards each get every file over protocol v1");
        }
        if (hosts.size() == 1 && hostsFile == null && !hosts.get(0).isBlank()) {
            try {
                address = BoardAddress.parse(hosts.get(0), port);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage() + " (--host)");
            }
        }
    }

    /** Several boards: more than one --host, or a hosts file. */
    boolean fleet() {
        return hosts.size() > 1 || hostsFile != null;
    }

    /** The one board, its port from --host or --port; null for a fleet or a dry run without a host. */
    BoardAddress address() {
        return address;
    }

    List<String> hosts() {
        return List.copyOf(hosts);
    }

    int port() {
        return port;
    }

    /** --profile hardened: our server, which stages the update and makes any folder. */
    boolean hardened() {
        return hardened;
    }

    Path hostsFile() {
        return hostsFile;
    }

    int parallel() {
        return parallel;
    }

    int canary() {
        return canary;
    }

    String maxFailures() {
        return maxFailures;
    }

    Path report() {
        return report;
    }

    String password() {
        return password;
    }

    Path passwordFile() {
        return passwordFile;
    }

    Path src() {
        return src;
    }

    /** The core's default excludes always; the settings files only with --push-settings. */
    FileRules fileRules() {
        return new FileRules(true, pushSettings);
    }

    boolean force() {
        return force;
    }

    boolean dryRun() {
        return dryRun;
    }

    CompressionOptions compression() {
        return CompressionOptions.of(compression, Duration.ofMillis(budgetMs));
    }

    boolean v1Only() {
        return v1Only;
    }

    DeltaOptions delta() {
        return new DeltaOptions(rebootAlways, !keepRemoved, changedOnly, compression());
    }

    Path boardCache() {
        return boardCache;
    }

    boolean help() {
        return help;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "CliArguments[hosts=" + hosts + ", port=" + port + ", src=" + src + ", password="
                + (password == null ? "null" : "(hidden)") + ", passwordFile=" + passwordFile + ", dryRun=" + dryRun
                + ", hostsFile=" + hostsFile + ", profile=" + (hardened ? "hardened" : "upstream") + "]";
    }

    /** False for the first word, true for the second; anything else is a usage error. */
    private static boolean choice(String name, String value, String no, String yes) throws UsageException {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals(no) || v.equals(yes)) {
            return v.equals(yes);
        }
        throw new UsageException(name + " must be " + no + " or " + yes + ", was '" + value + "'");
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

    private static int count(String name, String value, int least) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new UsageException(name + " must be a number of at least " + least + ", was '" + value + "'");
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
