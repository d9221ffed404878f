package io.github.mpota.core.mdns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a board's host into an address, and says how: the system resolver first; for a name ending in
 * {@code .local} that the system resolver does not know, multicast DNS asked directly.
 */
public final class HostResolver {

    /** The system's lookup, a parameter so that a test can stand in for a machine without an mDNS resolver. */
    @FunctionalInterface
    public interface SystemLookup {
        InetAddress lookup(String host) throws UnknownHostException;
    }

    /** An address and the way it was found, for a log line. */
    public record Resolution(InetAddress address, String how) {
    }

    private final SystemLookup system;
    private final MdnsResolver mdns;

    public HostResolver(SystemLookup system, MdnsResolver mdns) {
        this.system = system;
        this.mdns = mdns;
    }

    public static HostResolver standard(MdnsResolver mdns) {
        return new HostResolver(InetAddress::getByName, mdns);
    }

    public static boolean isLocalName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".local") || h.endsWith(".local.");
    }

    /**
     * @throws UnknownHostException whose message says which ways were tried, and for how long
     */
    public Resolution resolve(String host) throws UnknownHostException {
        UnknownHostException systemFailed;
        try {
            return new Resolution(system.lookup(host), "the system resolver");
        } catch (UnknownHostException e) {
            systemFailed = e;
        }
        if (!isLocalName(host)) {
            throw systemFailed;
        }
        String where = "multicast DNS (" + mdns.target().getHostString() + ":" + mdns.target().getPort() + ")";
        Optional<InetAddress> answer;
        try {
            answer = mdns.resolve(host);
        } catch (IOException e) {
            throw new UnknownHostException(host + ": the system resolver does not know it, and asking by " + where
                    + " failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new UnknownHostException(host + ": " + e.getMessage());
        }
        if (answer.isEmpty()) {
            throw new UnknownHostException(host + ": the system resolver does not know it, and no board answered"
                    + " by " + where + " within " + mdns.timeout().toMillis() + " ms");
        }
        return new Resolution(answer.get(), where + ", as the system resolver does not know it");
    }
}
