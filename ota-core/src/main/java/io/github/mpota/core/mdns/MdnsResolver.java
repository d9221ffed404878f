package io.github.mpota.core.mdns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks for a {@code .local} name by multicast DNS itself, for machines whose system resolver does not (most Linux
 * installations without nss-mdns): one query for the name's A record, sent from an ephemeral port to the mDNS
 * group, and the first answer that names it. From an ephemeral port the query is a "one-shot" query (RFC 6762
 * 5.1): responders answer it by unicast to that port, so nothing needs to join the group or own port 5353.
 */
public final class MdnsResolver {

    /** RFC 6762 3: the IPv4 multicast DNS group and port. */
    public static final InetSocketAddress MDNS_GROUP = new InetSocketAddress("224.0.0.251", 5353);
    /** RFC 6762 11: multicast DNS packets are sent with an IP TTL of 255. */
    private static final int MULTICAST_TTL = 255;
    private static final int MAX_MESSAGE = 9000;

    private final InetSocketAddress target;
    private final Duration timeout;

    /**
     * @param target where the query goes: {@link #MDNS_GROUP} on a network; a test points it at a responder on
     *     loopback
     * @param timeout how long to wait for an answer
     */
    public MdnsResolver(InetSocketAddress target, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("mDNS timeout must be positive, was " + timeout.toMillis() + " ms");
        }
        this.target = target;
        this.timeout = timeout;
    }

    public static MdnsResolver onTheNetwork(Duration timeout) {
        return new MdnsResolver(MDNS_GROUP, timeout);
    }

    public InetSocketAddress target() {
        return target;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The name's IPv4 address, or empty when no answer came within the timeout. */
    public Optional<InetAddress> resolve(String name) throws IOException {
        byte[] query = MdnsMessage.query(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (MulticastSocket socket = new MulticastSocket(new InetSocketAddress(wildcardFor(target), 0))) {
            if (target.getAddress().isMulticastAddress()) {
                socket.setTimeToLive(MULTICAST_TTL);
            }
            socket.send(new DatagramPacket(query, query.length, target));
            byte[] buf = new byte[MAX_MESSAGE];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                Optional<InetAddress> address = MdnsMessage.address(packet.getData(), packet.getLength(), name);
                if (address.isPresent()) {
                    return address;
                }
            }
        }
    }

    /** Loopback targets are answered on loopback; others from every interface. */
    private static InetAddress wildcardFor(InetSocketAddress target) throws IOException {
        return target.getAddress().isLoopbackAddress() ? InetAddress.getLoopbackAddress()
                : new InetSocketAddress(0).getAddress();
    }
}
