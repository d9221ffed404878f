package io.github.mpota.cli;

import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.discovery.BoardScanner;
import io.github.mpota.core.discovery.DiscoveryException;
import io.github.mpota.core.discovery.FoundBoard;
import io.github.mpota.core.discovery.Subnet;
import io.github.mpota.core.protocol.Protocol;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code ota-push discover}: the boards on the local network, found without changing them (the same scan as
 * {@code mvn ota:discover}). Exit status 0 when at least one board answered, 1 when none did, 2 on a usage error.
 */
final class DiscoverCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: ota-push discover [--subnet CIDR] [--port PORT] [--timeout MS]",
            "",
            "Finds the boards that accept a connection on the OTA port and send a challenge; each connection is",
            "closed right after the challenge, before any password, and the boards stay as they are.",
            "",
            "  --subnet CIDR   the IPv4 subnet to scan, at most a /20 (default: this machine's subnets, each",
            "                  narrowed to the /24 around its address)",
            "  --port PORT     the OTA port (default " + Protocol.DEFAULT_PORT + ")",
            "  --timeout MS    the whole scan's bound in milliseconds (default 3000)");

    private final PrintStream out;
    private final PrintStream err;

    DiscoverCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(String... args) {
        String subnet = null;
        int port = Protocol.DEFAULT_PORT;
        int timeout = 3000;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                out.println(USAGE);
                return OtaPushCommand.EXIT_OK;
            }
            if (!List.of("--subnet", "--port", "--timeout").contains(name)) {
                return usage("unknown argument " + name + "; see discover --help");
            }
            if (i + 1 >= args.length) {
                return usage(name + " needs a value");
            }
            String value = args[++i];
            if (name.equals("--subnet")) {
                subnet = value;
                continue;
            }
            int n;
            try {
                n = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (name.equals("--port") && (n < 1 || n > 65535)) {
                return usage("--port must be a number from 1 to 65535, was '" + value + "'");
            }
            if (name.equals("--timeout") && n < 1) {
                return usage("--timeout must be a number of milliseconds above 0, was '" + value + "'");
            }
            if (name.equals("--port")) {
                port = n;
            } else {
                timeout = n;
            }
        }
        List<Subnet> subnets;
        try {
            subnets = subnet == null ? Subnet.local() : List.of(Subnet.parse(subnet));
        } catch (DiscoveryException e) {
            return usage(e.getMessage() + " (--subnet)");
        }
        List<InetAddress> addresses = new ArrayList<>();
        subnets.forEach(s -> addresses.addAll(s.hosts()));
        out.println("Scanning " + subnets.stream().map(Subnet::toString).collect(Collectors.joining(", ")) + " ("
                + addresses.size() + " addresses) on port " + port + " for up to " + timeout + " ms");
        long start = System.nanoTime();
        List<FoundBoard> found;
        try {
            found = new BoardScanner(port, Duration.ofMillis(timeout), 256).scan(addresses);
        } catch (IOException e) {
            err.println("ota-push: cannot scan: " + e.getMessage());
            return OtaPushCommand.EXIT_PUSH_FAILED;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (found.isEmpty()) {
            err.println("ota-push: no board answered on port " + port + " in " + ProgressFormat.duration(took)
                    + "; check that the boards run their OTA server and are on this network, or scan another"
                    + " --subnet or --port");
            return OtaPushCommand.EXIT_PUSH_FAILED;
        }
        out.println("Found " + found.size() + (found.size() == 1 ? " board" : " boards") + " in "
                + ProgressFormat.duration(took) + ":");
        for (FoundBoard b : found) {
            out.printf("  %-21s  challenge after %s%n", b.hostEntry(), ProgressFormat.duration(b.answeredIn()));
        }
        out.println("Push to all of them: ota-push "
                + found.stream().map(b -> "--host " + b.hostEntry()).collect(Collectors.joining(" ")) + " ...");
        return OtaPushCommand.EXIT_OK;
    }

    private int usage(String message) {
        err.println("ota-push discover: " + message);
        return OtaPushCommand.EXIT_USAGE;
    }
}
