package io.github.mpota.core.fleet;

import java.util.Locale;
import java.util.Objects;

/**
 * One board of a fleet: a host name or address and its OTA port.
 *
 * @param host an IP address (IPv6 without brackets) or a host name
 */
public record Board(String host, int port) {

    public Board {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
    }

    /**
     * Reads {@code host}, {@code host:port}, an IPv6 address, or {@code [ipv6]:port}.
     *
     * @throws FleetException naming the entry when it is not one of those
     */
    public static Board parse(String entry, int defaultPort) throws FleetException {
        String e = entry.trim();
        if (e.isEmpty()) {
            throw new FleetException("an empty host entry");
        }
        String host = e;
        String port = null;
        if (e.startsWith("[")) {
            int close = e.indexOf(']');
            if (close < 0) {
                throw new FleetException("host entry '" + entry + "' opens [ without closing it");
            }
            host = e.substring(1, close);
            String rest = e.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new FleetException("host entry '" + entry + "': expected :port after ]");
                }
                port = rest.substring(1);
            }
        } else if (e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':')) {
            host = e.substring(0, e.indexOf(':'));
            port = e.substring(e.indexOf(':') + 1);
        }
        if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new FleetException("host entry '" + entry + "' is not host[:port]");
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException ex) {
                p = -1;
            }
            if (p < 1 || p > 65535) {
                throw new FleetException("host entry '" + entry + "': the port must be a number from 1 to 65535");
            }
        }
        return new Board(host, p);
    }

    /** {@code host:port}, with brackets around an IPv6 address; the board's name in tables and reports. */
    public String label() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The board's host in lower case, as settings keys are compared. */
    public String key() {
        return host.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }
}
