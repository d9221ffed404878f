package io.github.mpota.core.testing;

import io.github.mpota.core.protocol.WireIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scripted OTA device for client tests: a server socket on 127.0.0.1, an ephemeral port, and a thread that
 * accepts one connection and plays a script of raw bytes. It records every byte it reads, so a test can assert
 * exactly what went over the wire.
 */
public final class FakeDevice implements AutoCloseable {

    /** What the device does with its one connection. */
    @FunctionalInterface
    public interface Script {
        void play(Connection c) throws Exception;
    }

    /** The accepted connection, with reads that record what the client sent. */
    public static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        public byte[] read(int n) throws IOException {
            byte[] b = WireIO.readExactly(in, n);
            synchronized (received) {
                received.writeBytes(b);
            }
            return b;
        }

        public String readText(int n) throws IOException {
            return new String(read(n), StandardCharsets.ISO_8859_1);
        }

        /** Reads until the client closes its side. */
        public byte[] readToEnd() throws IOException {
            byte[] b = in.readAllBytes();
            synchronized (received) {
                received.writeBytes(b);
            }
            return b;
        }

        public void send(String ascii) throws IOException {
            send(ascii.getBytes(StandardCharsets.US_ASCII));
        }

        public void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        public Socket socket() {
            return socket;
        }
    }

    private final ServerSocket server;
    private final CompletableFuture<byte[]> outcome = new CompletableFuture<>();
    private final Thread thread;

    private FakeDevice(Script script, int receiveBuffer) throws IOException {
        server = new ServerSocket();
        if (receiveBuffer > 0) {
            // Set before bind so that accepted sockets get it: a small window makes a large payload block the client.
            server.setReceiveBufferSize(receiveBuffer);
        }
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        thread = new Thread(() -> run(script), "fake-ota-device");
        thread.setDaemon(true);
        thread.start();
    }

    public static FakeDevice start(Script script) throws IOException {
        return new FakeDevice(script, 0);
    }

    /** A device whose connection has a small receive buffer, so that the client cannot send ahead much. */
    public static FakeDevice startWithSmallWindow(Script script) throws IOException {
        return new FakeDevice(script, 16 * 1024);
    }

    private void run(Script script) {
        Connection c;
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(10_000);
            c = new Connection(socket);
            script.play(c);
        } catch (Throwable t) {
            outcome.completeExceptionally(t);
            return;
        }
        // Completed only once the socket is closed, as the script's last act.
        synchronized (c.received) {
            outcome.complete(c.received.toByteArray());
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Everything the client sent that the script read; fails if the script itself failed. */
    public byte[] received(Duration within) throws Exception {
        try {
            return outcome.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new AssertionError("the fake device's script did not finish within " + within, e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
    }
}
