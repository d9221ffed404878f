package io.github.mpota.conformance;

import io.github.mpota.conformance.scenario.ConnectionEnd;
import io.github.mpota.core.protocol.Printable;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One raw connection to the board. A reader thread takes every byte the device sends as it arrives and cuts it
 * into the contract's words (the device's messages have no delimiters, but no word is a prefix of another and a
 * challenge is lowercase hex), and notes how the connection ended. Writes go straight to the socket, in the
 * segments the scenario asks for.
 */
final class DeviceLink implements AutoCloseable {

    /** The token that stands for a challenge in the words. */
    static final String CHALLENGE = "challenge";

    private final Socket socket;
    private final OutputStream out;
    private final List<String> words = new ArrayList<>();
    private final List<String> challenges = new ArrayList<>();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private ConnectionEnd end;
    private long endNanos;
    private long lastActionNanos = System.nanoTime();
    private boolean closedByUs;

    private DeviceLink(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        Thread reader = new Thread(() -> read(in), "conformance-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static DeviceLink connect(String host, int port, Duration timeout) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new DeviceLink(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    private void read(InputStream in) {
        byte[] buf = new byte[512];
        ConnectionEnd how;
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    how = ConnectionEnd.CLOSE;
                    break;
                }
                synchronized (this) {
                    if (closedByUs) {
                        // Java's close sends FIN before it wakes this thread: what the device says to that FIN
                        // answers our close, not the scenario.
                        continue;
                    }
                    pending.write(buf, 0, n);
                    cut(false);
                    notifyAll();
                }
            }
        } catch (SocketException e) {
            how = ConnectionEnd.RESET;
        } catch (IOException e) {
            how = ConnectionEnd.RESET;
        }
        synchronized (this) {
            cut(true);
            end = closedByUs ? ConnectionEnd.NOTHING : how;
            endNanos = System.nanoTime();
            notifyAll();
        }
    }

    /** Takes the complete words off the front of what arrived; at the end, whatever is left is a word too. */
    private void cut(boolean last) {
        byte[] b = pending.toByteArray();
        int at = 0;
        while (at < b.length) {
            int taken = word(b, at, last);
            if (taken == 0) {
                break;
            }
            at += taken;
        }
        pending.reset();
        pending.write(b, at, b.length - at);
    }

    private int word(byte[] b, int at, boolean last) {
        int left = b.length - at;
        for (Reply r : Reply.values()) {
            byte[] w = r.word().getBytes(StandardCharsets.US_ASCII);
            if (startsWith(b, at, w, Math.min(left, w.length))) {
                if (left >= w.length) {
                    words.add(r.word());
                    return w.length;
                }
                return last ? unknown(b, at) : 0;
            }
        }
        int hex = 0;
        while (hex < Math.min(left, Protocol.CHALLENGE_LENGTH) && isLowerHex(b[at + hex])) {
            hex++;
        }
        if (hex == Protocol.CHALLENGE_LENGTH) {
            words.add(CHALLENGE);
            challenges.add(new String(b, at, hex, StandardCharsets.US_ASCII));
            return hex;
        }
        if (hex == left && !last) {
            return 0;
        }
        return unknown(b, at);
    }

    private int unknown(byte[] b, int at) {
        byte[] rest = java.util.Arrays.copyOfRange(b, at, b.length);
        words.add("?" + Printable.quote(rest));
        return rest.length;
    }

    private static boolean startsWith(byte[] b, int at, byte[] w, int n) {
        for (int i = 0; i < n; i++) {
            if (b[at + i] != w[i]) {
                return false;
            }
        }
        return n > 0;
    }

    private static boolean isLowerHex(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
    }

    /** Waits until the device has said {@code count} words; false when it ended or stayed silent instead. */
    synchronized boolean awaitWords(int count, Duration window) throws InterruptedException {
        long deadline = System.nanoTime() + window.toNanos();
        while (words.size() < count && end == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return words.size() >= count;
    }

    /** Waits for the device to end the connection; false when it is still open after {@code window}. */
    synchronized boolean awaitEnd(Duration window) throws InterruptedException {
        long deadline = System.nanoTime() + window.toNanos();
        while (end == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Whether the device's latest word is one after which it closes. */
    synchronized boolean lastWordEnds() {
        String last = words.isEmpty() ? null : words.get(words.size() - 1);
        return Reply.FAIL.word().equals(last) || Reply.UPDATE_SUCCESS.word().equals(last);
    }

    synchronized List<String> words() {
        return List.copyOf(words);
    }

    /** The latest challenge and the one before it (null when there was none). */
    synchronized String challenge(int back) {
        int i = challenges.size() - 1 - back;
        return i < 0 ? null : challenges.get(i);
    }

    synchronized ConnectionEnd end() {
        return end;
    }

    /** Milliseconds from the client's last action to the device's end of the connection. */
    synchronized long endDelayMillis() {
        return end == null ? -1 : TimeUnit.NANOSECONDS.toMillis(endNanos - lastActionNanos);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        touched();
    }

    void halfClose() throws IOException {
        socket.shutdownOutput();
        touched();
    }

    private synchronized void touched() {
        lastActionNanos = System.nanoTime();
    }

    /** Closes from our side; the device's own end is then not observed (unless it came first). */
    @Override
    public void close() {
        synchronized (this) {
            closedByUs = true;
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }

    /** Closes, and waits briefly for the reader to record the end so that the observation is complete. */
    void closeAndSettle() throws InterruptedException {
        close();
        awaitEnd(Duration.ofSeconds(2));
    }
}
