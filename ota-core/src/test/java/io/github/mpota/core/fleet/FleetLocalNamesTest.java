package io.github.mpota.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.mdns.HostResolver;
import io.github.mpota.core.mdns.MdnsResolver;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.protocol.Phase;
import io.github.mpota.core.selection.FileSelector;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet board named {@code bench-1.local} on a machine whose system resolver does not know it: the pusher asks a
 * multicast DNS responder (here on loopback), says so, and connects to the address it answered.
 */
@Timeout(20)
class FleetLocalNamesTest {

    @TempDir
    Path dir;

    private static final HostResolver.SystemLookup NO_MDNS = host -> {
        throw new UnknownHostException(host);
    };

    private PackedPayload payload() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
        return new PayloadDeflater().pack(new FileSelector().select(src).files(), null);
    }

    @Test
    void aLocalNameIsResolvedByMulticastDnsAndTheBoardAtThatAddressIsConnected() throws Exception {
        try (DatagramSocket responder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ServerSocket board = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                PackedPayload payload = payload()) {
            Thread answer = new Thread(() -> {
                try {
                    DatagramPacket q = new DatagramPacket(new byte[512], 512);
                    responder.receive(q);
                    // A response with one A record: bench-1.local is 127.0.0.1 (RFC 1035 4.1.3).
                    byte[] a = HexFormat.of().parseHex("000084000000000100000000"
                            + "0762656e63682d31056c6f63616c00" + "0001" + "8001" + "00000078" + "0004" + "7f000001");
                    responder.send(new DatagramPacket(a, a.length, q.getSocketAddress()));
                    // The "board" closes at once: the push fails waiting for the challenge, after connecting.
                    try (Socket s = board.accept()) {
                        s.close();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            answer.setDaemon(true);
            answer.start();
            List<String> notes = new ArrayList<>();
            HostResolver resolver = new HostResolver(NO_MDNS, new MdnsResolver(
                    (InetSocketAddress) responder.getLocalSocketAddress(), Duration.ofSeconds(2)));
            OtaBoardPusher pusher = new OtaBoardPusher(payload, b -> new ClientOptions(b.host(), b.port(),
                    Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ZERO),
                    b -> PasswordSource.of("pw"), resolver, (b, note) -> notes.add(b.label() + ": " + note));
            PushException e = assertThrows(PushException.class,
                    () -> pusher.push(new Board("bench-1.local", board.getLocalPort()), ProgressListener.NONE));
            assertEquals(Phase.CHALLENGE, e.phase(), e.getMessage());
            assertEquals(List.of("bench-1.local:" + board.getLocalPort() + ": bench-1.local is 127.0.0.1 (by multicast"
                    + " DNS (127.0.0.1:" + responder.getLocalPort() + "), as the system resolver does not know it)"),
                    notes);
        }
    }

    @Test
    void noAnswerIsHostNotFoundWhileConnecting() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                PackedPayload payload = payload()) {
            HostResolver resolver = new HostResolver(NO_MDNS, new MdnsResolver(
                    (InetSocketAddress) silent.getLocalSocketAddress(), Duration.ofMillis(200)));
            OtaBoardPusher pusher = new OtaBoardPusher(payload, b -> ClientOptions.defaults(b.host(), b.port()),
                    b -> PasswordSource.of("pw"), resolver, (b, note) -> { });
            PushException e = assertThrows(PushException.class,
                    () -> pusher.push(new Board("bench-9.local", 8266), ProgressListener.NONE));
            assertEquals(PushFailure.HOST_NOT_FOUND, e.failure());
            assertEquals(Phase.CONNECT, e.phase());
            assertEquals("bench-9.local: the system resolver does not know it, and no board answered by multicast DNS"
                    + " (127.0.0.1:" + silent.getLocalPort() + ") within 200 ms", e.getMessage());
        }
    }
}
