package io.github.mpota.cli;

import io.github.mpota.core.protocol.Protocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reference client's arguments, plus --dry-run, --help, --password-file and the fleet's: --host repeated or
 * --hosts-file push to several boards ({@link FleetCommand}).
 *
 * @param host the board when exactly one {@code --host} is given and no hosts file; else null
 * @param hosts every {@code --host}, in order
 */
record CliArguments(String host, int port, Path src, String password, Path passwordFile, boolean dryRun,
        boolean help, List<String> hosts, Path hostsFile, int parallel, int canary, String maxFailures,
        Path report) {

    /** Several boards: more than one --host, or a hosts file. */
    boolean fleet() {
        return hosts.size() > 1 || hostsFile != null;
    }

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ota-push --host HOST [--port PORT] [--src DIR] [--password-file FILE] [--dry-run]",
            "       ota-push --host HOST[:PORT] --host HOST[:PORT]... | --hosts-file FILE [fleet options] ...",
            "       ota-push discover [--subnet CIDR] [--port PORT] [--timeout MS]",
            "",
            "Pushes the MicroPython files of DIR to a board's OTA server over WiFi; the board writes them and",
            "reboots.",
            "",
            "  --host HOST          the board's IP address or host name (names ending in .local use mDNS)",
            "  --port PORT          the board's OTA port (default " + Protocol.DEFAULT_PORT + ")",
            "  --src DIR            the folder whose files go to the board's root (default ./src);",
            "                       pymakr.conf's py_ignore in it leaves files out",
            "  --password-file FILE read the board's OTA password from the first line of FILE (recommended)",
            "  --password PASSWORD  the board's OTA password; every user of this machine can read it (ps):",
            "                       prefer --password-file or the environment variable OTA_PASSWORD",
            "                       (without either option: OTA_PASSWORD, else a prompt that does not echo)",
            "  --dry-run            list what would be sent and stop",
            "",
            "Several boards (the same payload, packed once, to each; one password for all):",
            "  --host HOST[:PORT]   repeat for each board",
            "  --hosts-file FILE    boards one per line, HOST[:PORT]; blank lines and text after # ignored",
            "  --parallel N         boards pushed at once (default 4)",
            "  --canary N           boards pushed first; the rest only when all succeeded (default 1)",
            "  --max-failures N|P%  failures tolerated before no further push starts (default 0)",
            "  --report FILE        also write each board's result as JSON to FILE",
            "",
            "Names ending in .local that the system cannot resolve are asked by multicast DNS.",
            "  --help               show this text",
            "",
            "Exit status: 0 when every board answered UPDATE_SUCCESS, 1 when a push failed, 2 on a usage error.");

    /** Never the password. */
    @Override
    public String toString() {
        return "CliArguments[host=" + host + ", port=" + port + ", src=" + src + ", password="
                + (password == null ? "null" : "(hidden)") + ", passwordFile=" + passwordFile + ", dryRun=" + dryRun
                + ", help=" + help + ", hosts=" + hosts + ", hostsFile=" + hostsFile + ", parallel=" + parallel
                + ", canary=" + canary + ", maxFailures=" + maxFailures + ", report=" + report + "]";
    }

    /** A command line that cannot be run; the message names the problem. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CliArguments parse(String... args) throws UsageException {
        List<String> hosts = new ArrayList<>();
        Path hostsFile = null;
        int parallel = 4;
        int canary = 1;
        String maxFailures = "0";
        Path report = null;
        int port = Protocol.DEFAULT_PORT;
        Path src = Path.of("src");
        String password = null;
        Path passwordFile = null;
        boolean dryRun = false;
        boolean help = false;
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
                case "--host", "--port", "--src", "--password", "--password-file", "--hosts-file", "--parallel",
                        "--canary", "--max-failures", "--report" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--host" -> hosts.add(value);
                        case "--hosts-file" -> hostsFile = Path.of(value);
                        case "--parallel" -> parallel = count(name, value, 1);
                        case "--canary" -> canary = count(name, value, 0);
                        case "--max-failures" -> maxFailures = value;
                        case "--report" -> report = Path.of(value);
                        case "--port" -> port = port(value);
                        case "--src" -> src = Path.of(value);
                        case "--password-file" -> passwordFile = Path.of(value);
                        default -> password = value;
                    }
                }
                default -> throw new UsageException("unknown argument " + arg + "; see --help");
            }
        }
        if (!help && hostsFile == null && (hosts.isEmpty() || hosts.get(0).isBlank())) {
            throw new UsageException("--host is required (the board's IP address or name.local)");
        }
        if (password != null && passwordFile != null) {
            throw new UsageException("give either --password-file or --password, not both");
        }
        String host = hosts.size() == 1 && hostsFile == null ? hosts.get(0) : null;
        return new CliArguments(host, port, src, password, passwordFile, dryRun, help, List.copyOf(hosts), hostsFile,
                parallel, canary, maxFailures, report);
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
