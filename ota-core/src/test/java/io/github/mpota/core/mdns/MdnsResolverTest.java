package io.github.mpota.core.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Resolves a name through a multicast DNS responder that the test runs on 127.0.0.1 (the resolver's target is
 * pointed at it instead of 224.0.0.251:5353, so that nothing leaves the machine). The responder's bytes are
 * written here from RFC 1035 4.1 and RFC 6762, not from the resolver's own encoder.
 */
@Timeout(20)
class MdnsResolverTest {

    private static final HexFormat HEX = HexFormat.of();
    private final List<byte[]> queries = new CopyOnWriteArrayList<>();
    private MulticastSocket responder;

    @AfterEach
    void stop() {
        if (responder != null) {
            responder.close();
        }
    }

    /** "bench-1.local" as DNS labels: 7 "bench-1" 5 "local" 0. */
    private static final String BENCH_1_LOCAL = "0762656e63682d31056c6f63616c00";

    /** Answers every query with {@code answer}, from 127.0.0.1, to the port the query came from. */
    private InetSocketAddress respond(byte[]... answers) throws Exception {
        responder = new MulticastSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread t = new Thread(() -> {
            byte[] buf = new byte[1500];
            while (!responder.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    responder.receive(p);
                    byte[] q = new byte[p.getLength()];
                    System.arraycopy(p.getData(), 0, q, 0, q.length);
                    queries.add(q);
                    for (byte[] a : answers) {
                        responder.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
                    }
                } catch (SocketException e) {
                    return; // closed
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return (InetSocketAddress) responder.getLocalSocketAddress();
    }

    /** A response (QR and AA set), no question, one A record with the cache-flush bit, TTL 120. */
    private static byte[] answer(String nameHex, String address) {
        return HEX.parseHex("0000" + "8400" + "0000" + "0001" + "0000" + "0000"
                + nameHex + "0001" + "8001" + "00000078" + "0004" + address);
    }

    @Test
    void theQueryIsOneQuestionForTheARecordAskingForAUnicastAnswer() throws Exception {
        InetSocketAddress target = respond(answer(BENCH_1_LOCAL, "c0a80117"));
        Optional<InetAddress> a = new MdnsResolver(target, Duration.ofSeconds(2)).resolve("bench-1.local");
        assertEquals(Optional.of(InetAddress.getByName("192.168.1.23")), a);
        // ID 0, standard query, 1 question; bench-1.local, type A (1), class IN (1) with the unicast-response bit.
        assertEquals("0000" + "0000" + "0001" + "0000" + "0000" + "0000" + BENCH_1_LOCAL + "0001" + "8001",
                HEX.formatHex(queries.get(0)));
    }

    @Test
    void answersForOtherNamesAreIgnoredAndCompressedNamesFollowed() throws Exception {
        // First an answer for another board, then one whose name points back at the question (offset 12).
        byte[] other = answer("0762656e63682d32056c6f63616c00", "c0a80118");
        byte[] compressed = HEX.parseHex("0000" + "8400" + "0001" + "0001" + "0000" + "0000"
                + BENCH_1_LOCAL + "0001" + "0001"
                + "c00c" + "0001" + "8001" + "00000078" + "0004" + "0a000005");
        InetSocketAddress target = respond(other, compressed);
        assertEquals(Optional.of(InetAddress.getByName("10.0.0.5")),
                new MdnsResolver(target, Duration.ofSeconds(2)).resolve("BENCH-1.local"));
    }

    @Test
    void noAnswerWithinTheTimeoutIsEmpty() throws Exception {
        InetSocketAddress target = respond();
        long start = System.nanoTime();
        assertEquals(Optional.empty(), new MdnsResolver(target, Duration.ofMillis(300)).resolve("bench-1.local"));
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    }

    @Test
    void aNameTheSystemDoesNotKnowIsAskedByMulticastDnsAndTheWayIsSaid() throws Exception {
        InetSocketAddress target = respond(answer(BENCH_1_LOCAL, "c0a80117"));
        HostResolver.SystemLookup noMdnsOnThisMachine = host -> {
            throw new UnknownHostException(host);
        };
        HostResolver resolver = new HostResolver(noMdnsOnThisMachine, new MdnsResolver(target, Duration.ofSeconds(2)));
        HostResolver.Resolution r = resolver.resolve("bench-1.local");
        assertEquals(InetAddress.getByName("192.168.1.23"), r.address());
        assertEquals("multicast DNS (127.0.0.1:" + target.getPort() + "), as the system resolver does not know it",
                r.how());
        assertEquals("the system resolver", new HostResolver(h -> InetAddress.getByName("127.0.0.1"),
                new MdnsResolver(target, Duration.ofSeconds(2))).resolve("bench-1.local").how());
    }

    @Test
    void noBoardAnsweringIsSaidWithTheTimeout() throws Exception {
        InetSocketAddress target = respond();
        HostResolver resolver = new HostResolver(host -> {
            throw new UnknownHostException(host);
        }, new MdnsResolver(target, Duration.ofMillis(200)));
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> resolver.resolve("bench-9.local"));
        assertEquals("bench-9.local: the system resolver does not know it, and no board answered by multicast DNS"
                + " (127.0.0.1:" + target.getPort() + ") within 200 ms", e.getMessage());
        UnknownHostException plain = assertThrows(UnknownHostException.class,
                () -> resolver.resolve("bench-9.example"));
        assertEquals("bench-9.example", plain.getMessage(), "only .local names are asked by multicast DNS");
    }
}
