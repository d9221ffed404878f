package io.github.mpota.benchmark.delta;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP relay that counts the bytes each way, so that the wire cost of a push is measured outside the
 * client and the board, the same way for v1 and v2.
 */
final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final AtomicLong toBoard = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final Thread acceptor;

    CountingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes from client to board and back since the last reset, as {clientToBoard, boardToClient}. */
    long[] takeCounts() {
        return new long[] {toBoard.getAndSet(0), toClient.getAndSet(0)};
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket board = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                board.setTcpNoDelay(true);
                pump(client, board, toBoard);
                pump(board, client, toClient);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong counter) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                    counter.addAndGet(n);
                }
            } catch (IOException ignored) {
                // one side went away: the relay for this connection ends
            } finally {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "counting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
