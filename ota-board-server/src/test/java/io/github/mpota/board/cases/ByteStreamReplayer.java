package io.github.mpota.board.cases;

import io.github.mpota.core.auth.ChallengeResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Plays a {@link ByteStreamCase} against any OTA device on a TCP port and checks every byte it answers. Knows
 * nothing of the device behind the port, so the same cases prove the MicroPython server and the Java runtime.
 */
public final class ByteStreamReplayer {

    private final Duration readTimeout;

    /** @param readTimeout how long to wait for each expected answer; longer than the device's own timeout */
    public ByteStreamReplayer(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    /**
     * Runs the steps of {@code c}; returns a transcript of the session.
     *
     * @throws AssertionError naming the step when the device answers anything else
     */
    public String replay(ByteStreamCase c, String host, int port) throws IOException {
        StringBuilder transcript = new StringBuilder();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String challenge = null;
            int index = 0;
            for (ByteStreamCase.Step step : c.steps()) {
                index++;
                String where = "case " + c.name() + ", step " + index + " (" + step.getClass().getSimpleName() + ")";
                if (step instanceof ByteStreamCase.ExpectChallenge) {
                    byte[] got = read(in, 8, where);
                    challenge = new String(got, StandardCharsets.ISO_8859_1);
                    if (!challenge.matches("[0-9a-f]{8}")) {
                        throw new AssertionError(where + ": expected an 8-character lowercase hex challenge, got "
                                + show(got) + "\n" + transcript);
                    }
                    transcript.append("< ").append(challenge).append('\n');
                } else if (step instanceof ByteStreamCase.Respond r) {
                    if (challenge == null) {
                        throw new IllegalStateException(where + ": respond before any challenge");
                    }
                    String response = ChallengeResponse.compute(challenge, r.password());
                    byte[] bytes = (r.uppercase() ? response.toUpperCase(Locale.ROOT) : response)
                            .getBytes(StandardCharsets.US_ASCII);
                    int writes = Math.max(1, r.writes());
                    for (int w = 0; w < writes; w++) {
                        int from = bytes.length * w / writes;
                        int to = bytes.length * (w + 1) / writes;
                        out.write(bytes, from, to - from);
                        out.flush();
                    }
                    transcript.append("> response for '").append(r.password()).append("'\n");
                } else if (step instanceof ByteStreamCase.Send s) {
                    out.write(s.bytes());
                    out.flush();
                    transcript.append("> ").append(show(s.bytes())).append('\n');
                } else if (step instanceof ByteStreamCase.Expect e) {
                    byte[] got = read(in, e.bytes().length, where + " expecting " + show(e.bytes()));
                    if (!java.util.Arrays.equals(got, e.bytes())) {
                        throw new AssertionError(where + ": expected " + show(e.bytes()) + ", got " + show(got)
                                + "\n" + transcript);
                    }
                    transcript.append("< ").append(show(got)).append('\n');
                } else if (step instanceof ByteStreamCase.ShutdownOutput) {
                    socket.shutdownOutput();
                    transcript.append("> (end of stream)\n");
                } else if (step instanceof ByteStreamCase.ExpectClose) {
                    byte[] more = readToEnd(in, where);
                    if (more.length > 0) {
                        throw new AssertionError(where + ": expected the device to close with nothing more, got "
                                + show(more) + "\n" + transcript);
                    }
                    transcript.append("< (closed)\n");
                }
            }
        }
        return transcript.toString();
    }

    private byte[] read(InputStream in, int n, String where) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            while (got.size() < n) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError(where + ": the device closed the connection after " + show(got.toByteArray()));
                }
                got.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(where + ": nothing more within " + readTimeout.toMillis() + " ms after "
                    + show(got.toByteArray()));
        }
        return got.toByteArray();
    }

    private byte[] readToEnd(InputStream in, String where) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        try {
            int r;
            while ((r = in.read(buf)) >= 0) {
                got.write(buf, 0, r);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(where + ": the device did not close the connection within "
                    + readTimeout.toMillis() + " ms (received " + show(got.toByteArray()) + ")");
        } catch (SocketException e) {
            // A reset after the device's last word is a close too (it closed with bytes of ours unread).
        }
        return got.toByteArray();
    }

    private static String show(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(bytes.length, 120);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        if (bytes.length > n) {
            sb.append("...(").append(bytes.length).append(" bytes)");
        }
        return sb.append('"').toString();
    }
}
