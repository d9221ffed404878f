package io.github.mpota.maven;

import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.discovery.BoardScanner;
import io.github.mpota.core.discovery.DiscoveryException;
import io.github.mpota.core.discovery.FoundBoard;
import io.github.mpota.core.discovery.Subnet;
import io.github.mpota.core.protocol.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Finds the boards on the local network without changing them: the addresses that accept a connection on the OTA
 * port and send an 8-character hex challenge first. Each connection is closed right after the challenge, before
 * any response; a board counts it as a failed authentication and goes back to listening.
 */
@Mojo(name = "discover", requiresProject = false, threadSafe = true)
public class DiscoverMojo extends AbstractMojo {

    /** Connections open at once: a /24 in one go. */
    static final int CONNECTIONS_AT_ONCE = 256;

    /**
     * The IPv4 subnet to scan, in CIDR notation ({@code 192.168.1.0/24}), at most a /20. Default: each subnet of
     * this machine's network interfaces (loopback aside), narrowed to the /24 around its address.
     */
    @Parameter(property = "ota.subnet")
    String subnet;

    /** Skip every goal of this plugin, this one included. */
    @Parameter(property = "ota.skip", defaultValue = "false")
    boolean skip;

    /** The OTA port to try. */
    @Parameter(property = "ota.port", defaultValue = "" + Protocol.DEFAULT_PORT)
    int port;

    /** Milliseconds the whole scan may take; an address that has not sent its challenge by then is left out. */
    @Parameter(property = "ota.discoverTimeout", defaultValue = "3000")
    int discoverTimeout;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("Skipping the board discovery (ota.skip)");
            return;
        }
        List<Subnet> subnets;
        try {
            subnets = subnet == null || subnet.isBlank() ? Subnet.local() : List.of(Subnet.parse(subnet));
        } catch (DiscoveryException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.subnet=192.168.1.0/24)");
        }
        BoardScanner scanner;
        try {
            scanner = new BoardScanner(port, Duration.ofMillis(discoverTimeout), CONNECTIONS_AT_ONCE);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.port, -Dota.discoverTimeout)");
        }
        List<InetAddress> addresses = new ArrayList<>();
        subnets.forEach(s -> addresses.addAll(s.hosts()));
        getLog().info("Scanning " + subnets.stream().map(Subnet::toString).collect(Collectors.joining(", ")) + " ("
                + addresses.size() + " addresses) on port " + port + " for up to " + discoverTimeout + " ms");
        List<FoundBoard> found;
        long start = System.nanoTime();
        try {
            found = scanner.scan(addresses);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot scan: " + e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (found.isEmpty()) {
            getLog().warn("No board answered on port " + port + " in " + ProgressFormat.duration(took) + ". Check"
                    + " that the boards run their OTA server and are on this network, or scan another subnet"
                    + " (-Dota.subnet) or port (-Dota.port)");
            return;
        }
        getLog().info("Found " + found.size() + (found.size() == 1 ? " board" : " boards") + " in "
                + ProgressFormat.duration(took) + ":");
        for (FoundBoard b : found) {
            getLog().info(String.format("  %-21s  challenge after %s", b.hostEntry(),
                    ProgressFormat.duration(b.answeredIn())));
        }
        getLog().info("Push to all of them: mvn ota:push -Dota.hosts="
                + found.stream().map(FoundBoard::hostEntry).collect(Collectors.joining(",")));
    }
}
