package io.github.mpota.core.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scans 127.0.0.0/29 (hosts 127.0.0.1 to .6, all loopback on Linux) on one ephemeral port, where each address
 * plays a different peer: a board sending its challenge, a server sending something else, one that says nothing.
 */
@Timeout(20)
class DiscoveryScannerTest {

    private final List<ServerSocket> servers = new ArrayList<>();
    private final List<String> afterChallenge = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (ServerSocket s : servers) {
            s.close();
        }
    }

    /** A peer on {@code address}:{@code port}: sends {@code greeting} to each client and records what follows. */
    private int serve(String address, int port, String greeting) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        servers.add(server);
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(5000);
                    OutputStream out = s.getOutputStream();
                    if (greeting != null) {
                        out.write(greeting.getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                    InputStream in = s.getInputStream();
                    byte[] rest = in.readAllBytes();
                    afterChallenge.add(address + " " + rest.length);
                } catch (IOException e) {
                    // the scanner closed at once, or the test ended
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    @Test
    void findsTheAddressesThatSendAChallengeAndNothingElse() throws Exception {
        int port = serve("127.0.0.2", 0, "0a1b2c3d");
        serve("127.0.0.3", port, "SSH-2.0-OpenSSH_9.6\r\n");
        serve("127.0.0.4", port, null);                         // accepts, says nothing
        serve("127.0.0.5", port, "deadbeef");
        serve("127.0.0.6", port, "DEADBEEF");                   // upper case is no challenge
        long start = System.nanoTime();
        List<FoundBoard> found = new BoardScanner(port, Duration.ofMillis(1500), 256)
                .scan(Subnet.parse("127.0.0.0/29").hosts());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(List.of("127.0.0.2:" + port, "127.0.0.5:" + port),
                found.stream().map(FoundBoard::hostEntry).toList());
        assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "bounded by the timeout: " + took);
    }

    @Test
    void theBoardIsLeftWithoutAResponse() throws Exception {
        int port = serve("127.0.0.2", 0, "0a1b2c3d");
        new BoardScanner(port, Duration.ofMillis(1000), 16).scan(List.of(InetAddress.getByName("127.0.0.2")));
        // The board received no byte after its challenge: no response to check, nothing changed.
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (afterChallenge.isEmpty() && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        assertEquals(List.of("127.0.0.2 0"), afterChallenge);
    }

    @Test
    void aScanWithMoreAddressesThanConnectionsAtOnceStillCoversThemAll() throws Exception {
        int port = serve("127.0.0.6", 0, "12345678");
        List<FoundBoard> found = new BoardScanner(port, Duration.ofMillis(2000), 2)
                .scan(Subnet.parse("127.0.0.0/29").hosts());
        assertEquals(List.of("127.0.0.6:" + port), found.stream().map(FoundBoard::hostEntry).toList());
    }

    @Test
    void subnetsAreReadAndBounded() throws Exception {
        assertEquals(254, Subnet.parse("192.168.1.77/24").hosts().size());
        assertEquals("192.168.1.0/24", Subnet.parse("192.168.1.77/24").toString());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("127.0.0.2")),
                Subnet.parse("127.0.0.0/30").hosts());
        DiscoveryException e = assertThrows(DiscoveryException.class, () -> Subnet.parse("10.0.0.0/8"));
        assertEquals("subnet 10.0.0.0/8 has 16777216 addresses; scan at most a /20 (4094 hosts) at once, for"
                + " example 10.0.0.0/24", e.getMessage());
        e = assertThrows(DiscoveryException.class, () -> Subnet.parse("192.168.1/24"));
        assertEquals("'192.168.1/24' is not an IPv4 subnet in CIDR notation, such as 192.168.1.0/24", e.getMessage());
    }
}
