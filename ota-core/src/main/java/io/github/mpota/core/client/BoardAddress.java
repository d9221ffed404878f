package io.github.mpota.core.client;

import java.util.Locale;

/**
 * Where a board listens, from what a user types: {@code myboard.local}, {@code 192.168.1.20},
 * {@code 192.168.1.20:8266}, {@code [fe80::1]:8266}. A port in the host wins over the separate port setting.
 */
public record BoardAddress(String host, int port) {

    /**
     * @param hostText the host as typed, optionally with {@code :PORT}
     * @param port the port to use when the host names none
     * @throws IllegalArgumentException with the sentence to show when the text cannot be a host
     */
    public static BoardAddress parse(String hostText, int port) {
        String h = hostText.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + hostText + "' opens an IPv6 address with [ but never closes"
                        + " it; write [ADDRESS]:PORT or the address alone");
            }
            String rest = h.substring(close + 1);
            String address = h.substring(1, close);
            if (rest.isEmpty()) {
                return new BoardAddress(address, port);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("'" + hostText + "' has text after the IPv6 address; write"
                        + " [ADDRESS]:PORT");
            }
            return new BoardAddress(address, port(rest.substring(1), hostText));
        }
        int colons = (int) h.chars().filter(c -> c == ':').count();
        if (colons == 1) {
            int colon = h.indexOf(':');
            return new BoardAddress(h.substring(0, colon), port(h.substring(colon + 1), hostText));
        }
        if (colons > 1 && (h.substring(0, h.indexOf(':')).contains(".") || !h.matches("[0-9A-Fa-f:.%]+"))) {
            // HOST:PORT:PORT, or a name with colons: not a bare IPv6 address either
            throw new IllegalArgumentException(String.format(Locale.ROOT, "'%s' is not HOST or HOST:PORT (one port,"
                    + " after a single colon; an IPv6 address with a port is written [ADDRESS]:PORT)", hostText));
        }
        return new BoardAddress(h, port); // a name, an IPv4 address, or a bare IPv6 address
    }

    private static int port(String text, String hostText) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // the sentence below
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT, "'%s' is not HOST or HOST:PORT (the port must"
                + " be a number from 1 to 65535)", hostText));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
