package io.github.mpota.core.discovery;

import java.net.InetAddress;
import java.time.Duration;

/**
 * An address that answered like an OTA server: it accepted a connection on the port and sent an 8-character
 * hex challenge first.
 *
 * @param answeredIn from the start of the connection to the challenge
 */
public record FoundBoard(InetAddress address, int port, Duration answeredIn) {

    /** {@code address:port}, as {@code ota.hosts} takes it. */
    public String hostEntry() {
        return address.getHostAddress() + ":" + port;
    }
}
