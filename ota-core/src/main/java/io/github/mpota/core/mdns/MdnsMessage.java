package io.github.mpota.core.mdns;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two DNS messages the resolver needs (RFC 1035 section 4, as multicast DNS uses them, RFC 6762): a query
 * for a name's A record, and the A records of an answer.
 */
final class MdnsMessage {

    static final int TYPE_A = 1;
    static final int CLASS_IN = 1;
    /** RFC 6762 5.4: the top bit of a question's class asks for a unicast response. */
    static final int UNICAST_RESPONSE = 0x8000;
    /** RFC 6762 10.2: the top bit of a record's class is the cache-flush bit, not part of the class. */
    private static final int CLASS_MASK = 0x7fff;
    private static final int FLAG_RESPONSE = 0x8000;
    private static final int HEADER_SIZE = 12;
    private static final int MAX_LABEL = 63;

    private MdnsMessage() {
    }

    /** A query with ID 0 (RFC 6762 18.1) and one question: {@code name}, type A, class IN, unicast response. */
    static byte[] query(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        short16(out, 0);      // ID
        short16(out, 0);      // flags: a standard query
        short16(out, 1);      // QDCOUNT
        short16(out, 0);      // ANCOUNT
        short16(out, 0);      // NSCOUNT
        short16(out, 0);      // ARCOUNT
        for (String label : name.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.UTF_8);
            if (b.length == 0 || b.length > MAX_LABEL) {
                throw new IllegalArgumentException("'" + name + "' is not a host name (empty or over-long label)");
            }
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
        short16(out, TYPE_A);
        short16(out, UNICAST_RESPONSE | CLASS_IN);
        return out.toByteArray();
    }

    /**
     * The address of the first A record for {@code name} among the answers and additional records of a response;
     * empty when the message is not a response or has none. A malformed message is ignored the same way, since
     * anyone on the network may send one.
     */
    static Optional<InetAddress> address(byte[] message, int length, String name) {
        try {
            Reader r = new Reader(message, length);
            int flags = r.u16(2);
            if ((flags & FLAG_RESPONSE) == 0) {
                return Optional.empty();
            }
            int questions = r.u16(4);
            int records = r.u16(6) + r.u16(8) + r.u16(10);
            int pos = HEADER_SIZE;
            for (int i = 0; i < questions; i++) {
                pos = r.skipName(pos) + 4;
            }
            for (int i = 0; i < records; i++) {
                List<String> labels = new ArrayList<>();
                int after = r.readName(pos, labels, 0);
                int type = r.u16(after);
                int cls = r.u16(after + 2) & CLASS_MASK;
                int rdLength = r.u16(after + 8);
                int rdata = after + 10;
                r.check(rdata + rdLength);
                if (type == TYPE_A && cls == CLASS_IN && rdLength == 4
                        && String.join(".", labels).equalsIgnoreCase(stripDot(name))) {
                    byte[] a = new byte[4];
                    System.arraycopy(message, rdata, a, 0, 4);
                    return Optional.of(InetAddress.getByAddress(a));
                }
                pos = rdata + rdLength;
            }
        } catch (MalformedException | UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static String stripDot(String name) {
        return (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
    }

    private static void short16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8 & 0xff);
        out.write(v & 0xff);
    }

    private static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;
    }

    /** Bounds-checked reads of a received message, with name compression (RFC 1035 4.1.4). */
    private static final class Reader {
        private static final int MAX_POINTERS = 16;
        private final byte[] b;
        private final int length;

        Reader(byte[] b, int length) throws MalformedException {
            this.b = b;
            this.length = length;
            check(HEADER_SIZE);
        }

        void check(int end) throws MalformedException {
            if (end > length || end < 0) {
                throw new MalformedException();
            }
        }

        int u16(int pos) throws MalformedException {
            check(pos + 2);
            return (b[pos] & 0xff) << 8 | (b[pos + 1] & 0xff);
        }

        int skipName(int pos) throws MalformedException {
            return readName(pos, new ArrayList<>(), 0);
        }

        /** Appends the labels of the name at {@code pos}; returns the position after it in the message. */
        int readName(int pos, List<String> labels, int pointers) throws MalformedException {
            while (true) {
                check(pos + 1);
                int len = b[pos] & 0xff;
                if (len == 0) {
                    return pos + 1;
                }
                if ((len & 0xc0) == 0xc0) {
                    if (pointers >= MAX_POINTERS) {
                        throw new MalformedException();
                    }
                    int target = u16(pos) & 0x3fff;
                    readName(target, labels, pointers + 1);
                    return pos + 2;
                }
                if ((len & 0xc0) != 0) {
                    throw new MalformedException();
                }
                check(pos + 1 + len);
                labels.add(new String(b, pos + 1, len, StandardCharsets.UTF_8));
                pos += 1 + len;
            }
        }
    }
}
