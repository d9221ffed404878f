package io.github.mpota.runtime.cli;

import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.flash.BoardPreset;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.wifi.Network;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of the runtime, parsed and checked. */
final class CliOptions {

    static final String USAGE = String.join("\n",
            "Usage: java -jar ota-device-runtime-1.0.0-all.jar --root DIR [options]",
            "",
            "A MicroPython board running the socket OTA server, on this machine: DIR is its filesystem.",
            "Prints 'READY <port>' on standard output once it listens, the board's log on standard error.",
            "",
            "Options:",
            "  --root DIR            the folder that is the board's filesystem root (created if missing)",
            "  --port N              the port to listen on; 0 picks a free one (default: the config's PORT, else 8266)",
            "  --bind HOST           the address to listen on (default 127.0.0.1)",
            "  --password PW         the OTA password",
            "  --config FILE         a JSON file with WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD, DEVICE_NAME, PORT;",
            "                        read again at each reboot (an update that replaces it changes the password)",
            "                        without --password or --config the board reads DIR/ota_config.json",
            "  --board NAME          filesystem size of a board: esp32, esp8266, rp2-pico, rp2-pico-w (default esp32)",
            "  --free-bytes N        filesystem size in bytes instead of a board, a multiple of the block size;",
            "                        0 is a full board",
            "  --block-size N        the filesystem's block size in bytes (default 4096, littlefs; 512 for FAT on an",
            "                        SD card; 1 counts space byte for byte)",
            "  --profile NAME        hardened (default): atomic, validated updates; upstream: the reference",
            "                        device, quirks included",
            "  --v1 on|off           off: refuse protocol v1 (every v1 response gets AUTH_FAIL), serve only v2",
            "                        clients (hardened profile only; default on)",
            "  --network SSID=PASS   a WiFi network in reach (repeatable; default: the configured one)",
            "  --once                exit after the first update: 0 when it succeeded and the board rebooted,",
            "                        1 when it failed",
            "  --transcript FILE     append every session's events to FILE as JSON lines",
            "  --help                print this help",
            "",
            "Exit codes: 0 success, 1 failed update or runtime error, 2 bad option or configuration.",
            "",
            "Example:",
            "  java -jar ota-device-runtime-1.0.0-all.jar --root build/board --port 0 --password secret \\",
            "      --board rp2-pico-w --once --transcript build/board.jsonl");

    Path root;
    Integer port;
    String bind = "127.0.0.1";
    String password;
    Path config;
    BoardPreset board;
    Long freeBytes;
    Integer blockSize;
    Profile profile = Profile.HARDENED;
    boolean v1Enabled = true;
    final List<Network> networks = new ArrayList<>();
    boolean once;
    Path transcript;
    boolean help;

    static CliOptions parse(String[] args) throws UsageException {
        CliOptions o = new CliOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "--help", "-h" -> o.help = true;
                case "--once" -> o.once = true;
                case "--root" -> o.root = path(name, value(args, i, name, inline));
                case "--port" -> o.port = port(value(args, i, name, inline));
                case "--bind" -> o.bind = nonEmpty(name, value(args, i, name, inline));
                case "--password" -> o.password = value(args, i, name, inline);
                case "--config" -> o.config = path(name, value(args, i, name, inline));
                case "--board" -> o.board = board(value(args, i, name, inline));
                case "--free-bytes" -> o.freeBytes = freeBytes(value(args, i, name, inline));
                case "--block-size" -> o.blockSize = blockSize(value(args, i, name, inline));
                case "--profile" -> o.profile = profile(value(args, i, name, inline));
                case "--v1" -> o.v1Enabled = onOff(name, value(args, i, name, inline));
                case "--network" -> o.networks.add(network(value(args, i, name, inline)));
                case "--transcript" -> o.transcript = path(name, value(args, i, name, inline));
                default -> throw new UsageException("unknown option '" + arg + "' (see --help)");
            }
            if (inline == null && takesValue(name)) {
                i++;
            }
        }
        if (o.help) {
            return o;
        }
        if (o.root == null) {
            throw new UsageException("missing --root DIR: the folder that is the board's filesystem");
        }
        if (o.password != null && o.config != null) {
            throw new UsageException("give either --password or --config, not both");
        }
        if (o.password != null && o.password.isEmpty()) {
            throw new UsageException("--password is empty; the board needs a non-empty OTA password");
        }
        if (!o.v1Enabled && o.profile == Profile.UPSTREAM) {
            throw new UsageException("--v1 off needs the hardened profile: the upstream profile is the reference"
                    + " device, which speaks v1 only");
        }
        if (o.board != null && o.freeBytes != null) {
            throw new UsageException("give either --board or --free-bytes, not both");
        }
        int block = o.blockSize != null ? o.blockSize : FlashFilesystem.DEFAULT_BLOCK_SIZE;
        if (o.freeBytes != null && o.freeBytes % block != 0) {
            throw new UsageException("--free-bytes " + o.freeBytes + " is not a multiple of the block size (" + block
                    + " bytes): a filesystem reports whole free blocks; use " + (o.freeBytes / block * block)
                    + " or " + ((o.freeBytes / block + 1) * block) + ", or change --block-size");
        }
        return o;
    }

    private static boolean takesValue(String name) {
        return !name.equals("--help") && !name.equals("-h") && !name.equals("--once");
    }

    private static String value(String[] args, int i, String name, String inline) throws UsageException {
        if (inline != null) {
            return inline;
        }
        if (i + 1 >= args.length) {
            throw new UsageException(name + " needs a value (see --help)");
        }
        return args[i + 1];
    }

    private static String nonEmpty(String name, String v) throws UsageException {
        if (v.isBlank()) {
            throw new UsageException(name + " is empty");
        }
        return v;
    }

    private static Path path(String name, String v) throws UsageException {
        nonEmpty(name, v);
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException(name + ": '" + v + "' is not a valid path: " + e.getReason());
        }
    }

    private static int port(String v) throws UsageException {
        try {
            int p = Integer.parseInt(v.trim());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port: '" + v + "' is not a port number from 0 to 65535 (0 picks a free one)");
    }

    private static long freeBytes(String v) throws UsageException {
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--free-bytes: '" + v + "' is not a size in bytes (0 or more)");
    }

    private static int blockSize(String v) throws UsageException {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--block-size: '" + v + "' is not a block size in bytes (1 or more; 4096 for"
                + " littlefs, 512 for FAT)");
    }

    private static BoardPreset board(String v) throws UsageException {
        try {
            return BoardPreset.byName(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--board: " + e.getMessage());
        }
    }

    private static boolean onOff(String name, String v) throws UsageException {
        return switch (v) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UsageException(name + ": '" + v + "' is neither on nor off");
        };
    }

    private static Profile profile(String v) throws UsageException {
        try {
            return Profile.byName(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--profile: " + e.getMessage());
        }
    }

    private static Network network(String v) throws UsageException {
        Network n = Network.parse(v);
        if (n.ssid().isEmpty()) {
            // The value after '=' is a passphrase: never echo it.
            throw new UsageException("--network: the value has no SSID before '='; use SSID=PASSPHRASE");
        }
        return n;
    }
}
