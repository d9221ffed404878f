package io.github.mpota.core.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An IPv4 subnet to scan, in CIDR notation ({@code 192.168.1.0/24}). Its hosts are the addresses between the
 * network and the broadcast address (a /31 and a /32 have no such two).
 */
public record Subnet(int network, int prefix) {

    /** The largest scan: a /20, 4094 hosts. A larger network is scanned in parts, by choice. */
    public static final int SMALLEST_PREFIX = 20;
    /** What a machine's own subnet is narrowed to, at most: the /24 around its address. */
    public static final int LOCAL_PREFIX = 24;

    public Subnet {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix must be 0 to 32, was " + prefix);
        }
        network = network & mask(prefix);
    }

    public static Subnet parse(String cidr) throws DiscoveryException {
        String text = cidr == null ? "" : cidr.trim();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        int prefix = 32;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
        }
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4 || prefix < 0 || prefix > 32) {
            throw new DiscoveryException("'" + cidr + "' is not an IPv4 subnet in CIDR notation, such as"
                    + " 192.168.1.0/24");
        }
        int value = 0;
        for (String p : parts) {
            int octet;
            try {
                octet = p.isEmpty() || p.length() > 3 ? -1 : Integer.parseInt(p);
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255) {
                throw new DiscoveryException("'" + cidr + "' is not an IPv4 subnet in CIDR notation, such as"
                        + " 192.168.1.0/24");
            }
            value = value << 8 | octet;
        }
        Subnet subnet = new Subnet(value, prefix);
        if (prefix < SMALLEST_PREFIX) {
            throw new DiscoveryException("subnet " + subnet + " has " + subnet.size() + " addresses; scan at most a /"
                    + SMALLEST_PREFIX + " (4094 hosts) at once, for example " + new Subnet(value, LOCAL_PREFIX));
        }
        return subnet;
    }

    /**
     * The IPv4 subnets of this machine's interfaces that are up, loopback aside, each narrowed to the /24 around
     * the machine's address when it is larger.
     */
    public static List<Subnet> local() throws DiscoveryException {
        Set<Subnet> found = new LinkedHashSet<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InterfaceAddress a : nif.getInterfaceAddresses()) {
                    if (a.getAddress() instanceof Inet4Address v4) {
                        int prefix = Math.max(a.getNetworkPrefixLength(), LOCAL_PREFIX);
                        found.add(new Subnet(toInt(v4), prefix));
                    }
                }
            }
        } catch (SocketException e) {
            throw new DiscoveryException("cannot list this machine's network interfaces: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new DiscoveryException("this machine has no IPv4 network besides loopback to scan; name one");
        }
        return List.copyOf(found);
    }

    /** The number of addresses, network and broadcast included. */
    public long size() {
        return 1L << (32 - prefix);
    }

    public List<InetAddress> hosts() {
        long first = Integer.toUnsignedLong(network);
        long last = first + size() - 1;
        if (prefix <= 30) {
            first++;
            last--;
        }
        List<InetAddress> hosts = new ArrayList<>();
        for (long a = first; a <= last; a++) {
            hosts.add(toAddress((int) a));
        }
        return hosts;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    private static InetAddress toAddress(int value) {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", e);
        }
    }

    @Override
    public String toString() {
        return (network >>> 24) + "." + (network >>> 16 & 0xff) + "." + (network >>> 8 & 0xff) + "."
                + (network & 0xff) + "/" + prefix;
    }
}
