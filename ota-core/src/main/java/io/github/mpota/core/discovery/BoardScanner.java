package io.github.mpota.core.discovery;

import io.github.mpota.core.auth.Challenge;
import io.github.mpota.core.protocol.Protocol;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Finds OTA servers among addresses without changing them: connects to each on the OTA port, reads what an OTA
 * server sends first (step 1, an 8-character hex challenge) and closes at once, before any response. A board
 * counts that as one failed authentication and goes back to listening.
 *
 * <p>All connections run at once on one thread (non-blocking sockets and a selector), at most
 * {@code maxInFlight} open at a time, and the whole scan ends at its deadline, whatever is still pending.
 */
public final class BoardScanner {

    private final int port;
    private final Duration timeout;
    private final int maxInFlight;

    /**
     * @param timeout the whole scan's bound; an address that has not answered by then is not a board
     * @param maxInFlight connections open at once (a /24 fits in one go at 256)
     */
    public BoardScanner(int port, Duration timeout, int maxInFlight) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout.toMillis() + " ms");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("connections at once must be 1 or more, was " + maxInFlight);
        }
        this.port = port;
        this.timeout = timeout;
        this.maxInFlight = maxInFlight;
    }

    /** The boards among {@code addresses}, in address order. */
    public List<FoundBoard> scan(List<InetAddress> addresses) throws IOException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Deque<InetAddress> waiting = new ArrayDeque<>(addresses);
        List<FoundBoard> found = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            // Counted here: a cancelled key stays in selector.keys() until the next select.
            int[] inFlight = {0};
            while (System.nanoTime() < deadline && (!waiting.isEmpty() || inFlight[0] > 0)) {
                while (!waiting.isEmpty() && inFlight[0] < maxInFlight) {
                    if (open(selector, waiting.poll())) {
                        inFlight[0]++;
                    }
                }
                if (inFlight[0] == 0) {
                    continue;
                }
                long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                selector.select(leftMillis);
                for (SelectionKey key : selector.selectedKeys()) {
                    Probe probe = (Probe) key.attachment();
                    SocketChannel channel = (SocketChannel) key.channel();
                    try {
                        if (key.isConnectable()) {
                            channel.finishConnect();
                            key.interestOps(SelectionKey.OP_READ);
                        } else if (key.isReadable()) {
                            int n = channel.read(probe.received);
                            if (n < 0 || !probe.received.hasRemaining()) {
                                close(key, inFlight);
                            }
                        }
                    } catch (IOException e) {
                        // Refused, unreachable, reset: not a board.
                        close(key, inFlight);
                        continue;
                    }
                    if (!probe.closed && probe.received.position() >= Protocol.CHALLENGE_LENGTH) {
                        if (isChallenge(probe.received)) {
                            found.add(new FoundBoard(probe.address, port,
                                    Duration.ofNanos(System.nanoTime() - probe.startNanos)));
                        }
                        close(key, inFlight);
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                close(key, inFlight);
            }
        }
        found.sort(Comparator.comparing(f -> f.address().getHostAddress(), BoardScanner::compareAddresses));
        return found;
    }

    /** Starts the connection to {@code address}; false when it failed at once. */
    private boolean open(Selector selector, InetAddress address) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            Probe probe = new Probe(address, System.nanoTime());
            boolean connected = channel.connect(new InetSocketAddress(address, port));
            channel.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, probe);
            return true;
        } catch (IOException e) {
            // An address this machine cannot even try (no route): not a board.
            channel.close();
            return false;
        }
    }

    /** Exactly 8 lowercase hex characters; a ninth byte in the same read means something else is talking. */
    private static boolean isChallenge(ByteBuffer received) {
        if (received.position() != Protocol.CHALLENGE_LENGTH) {
            return false;
        }
        String text = new String(received.array(), 0, Protocol.CHALLENGE_LENGTH, StandardCharsets.ISO_8859_1);
        return Challenge.isWellFormed(text);
    }

    private static void close(SelectionKey key, int[] inFlight) {
        // Not key.isValid(): a failed finishConnect has closed the channel and cancelled the key already.
        Probe probe = (Probe) key.attachment();
        if (probe.closed) {
            return;
        }
        probe.closed = true;
        inFlight[0]--;
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing a probe that failed: nothing to report
        }
    }

    private static int compareAddresses(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** One address being tried; it keeps one byte more than a challenge, to tell a longer greeting apart. */
    private static final class Probe {
        final InetAddress address;
        final long startNanos;
        final ByteBuffer received = ByteBuffer.allocate(Protocol.CHALLENGE_LENGTH + 1);
        boolean closed;

        Probe(InetAddress address, long startNanos) {
            this.address = address;
            this.startNanos = startNanos;
        }
    }
}
