package io.github.mpota.runtime.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One connection between a client and the device that is cut after exactly {@code cutAfter} client bytes have
 * reached the device: both sides are closed and nothing more is forwarded either way, as when WiFi drops.
 */
final class CuttingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int devicePort;
    private final long cutAfter;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean cut;
    private Socket client;
    private Socket device;

    CuttingProxy(int devicePort, long cutAfter) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.devicePort = devicePort;
        this.cutAfter = cutAfter;
        Thread t = new Thread(this::run, "cutting-proxy");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void run() {
        try {
            client = listener.accept();
            device = new Socket(InetAddress.getLoopbackAddress(), devicePort);
            device.setTcpNoDelay(true);
            client.setTcpNoDelay(true);
            if (cutAfter == 0) {
                cutNow();
                return;
            }
            Thread back = new Thread(() -> pump(device, client), "cutting-proxy-back");
            back.setDaemon(true);
            back.start();
            InputStream in = client.getInputStream();
            OutputStream out = device.getOutputStream();
            byte[] buf = new byte[8192];
            long forwarded = 0;
            int r;
            while ((r = in.read(buf)) > 0) {
                int n = (int) Math.min(r, cutAfter - forwarded);
                boolean last = forwarded + n == cutAfter;
                if (last) {
                    cut = true; // before the device can answer the last byte, so that its answer is dropped
                }
                out.write(buf, 0, n);
                out.flush();
                forwarded += n;
                if (last) {
                    cutNow();
                    return;
                }
            }
            cutNow();
        } catch (IOException e) {
            cutNow();
        } finally {
            done.countDown();
        }
    }

    private void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            int r;
            while ((r = in.read(buf)) > 0) {
                if (cut) {
                    return;
                }
                out.write(buf, 0, r);
                out.flush();
            }
        } catch (IOException e) {
            // the cut closed it
        }
    }

    private synchronized void cutNow() {
        cut = true;
        close(client);
        close(device);
    }

    private static void close(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // cutting is all that is wanted
            }
        }
    }

    @Override
    public void close() throws IOException {
        cutNow();
        listener.close();
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
