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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
     * Runs the steps of {@code c} and checks every answer against the case.
     *
     * @return the device's answers, one line a step
     * @throws AssertionError naming the step when the device answers anything else
     */
    public String replay(ByteStreamCase c, String host, int port) throws IOException {
        List<String> expected = expectedAnswers(c);
        List<String> got = record(c, host, port);
        if (!got.equals(expected)) {
            int step = 0;
            while (step < got.size() && step < expected.size() && got.get(step).equals(expected.get(step))) {
                step++;
            }
            throw new AssertionError("case " + c.name() + ": expected " + (step < expected.size() ? expected.get(step)
                    : "nothing more") + ", got " + (step < got.size() ? got.get(step) : "nothing more")
                    + "\nall answers:\n" + String.join("\n", got));
        }
        return String.join("\n", got);
    }

    /**
     * The answers a device gives when it behaves as {@code c} says, in the form of {@link #record}: one line for
     * each step that reads (the challenge, the expected bytes, the close).
     */
    public static List<String> expectedAnswers(ByteStreamCase c) {
        List<String> answers = new ArrayList<>();
        int index = 0;
        for (ByteStreamCase.Step step : c.steps()) {
            index++;
            if (step instanceof ByteStreamCase.ExpectChallenge) {
                answers.add("step " + index + ": " + CHALLENGE);
            } else if (step instanceof ByteStreamCase.Expect e) {
                answers.add("step " + index + ": " + show(e.bytes()));
            } else if (step instanceof ByteStreamCase.ExpectClose) {
                answers.add("step " + index + ": " + CLOSED);
            } else if (step instanceof ByteStreamCase.V2ExpectHello h) {
                answers.add("step " + index + ": " + V2Session.describeHello(h.flags(), h.wbits(), h.iterations(),
                        h.proofValid()));
            } else if (step instanceof ByteStreamCase.V2Expect e) {
                answers.add("step " + index + ": " + V2Session.describeFrame(e.type(), e.body(), true));
            }
        }
        return answers;
    }

    /**
     * Sends what {@code c} sends and writes down what the device answers, without judging it: at each step that
     * reads, the bytes read (as many as the case expects there), or how the connection ended. Recording stops at
     * the first answer that differs from the case, since the rest of the case no longer applies; so two devices
     * that answer alike give equal lists, and a device that follows the case gives {@link #expectedAnswers}.
     */
    public List<String> record(ByteStreamCase c, String host, int port) throws IOException {
        List<String> answers = new ArrayList<>();
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String challenge = null;
            V2Session v2 = null;
            int index = 0;
            for (ByteStreamCase.Step step : c.steps()) {
                index++;
                String at = "step " + index + ": ";
                try {
                    if (step instanceof ByteStreamCase.ExpectChallenge) {
                        Read r = read(in, 8);
                        challenge = new String(r.bytes(), StandardCharsets.ISO_8859_1);
                        if (r.end() != null || !challenge.matches("[0-9a-f]{8}")) {
                            answers.add(at + r.describe(readTimeout));
                            break;
                        }
                        answers.add(at + CHALLENGE);
                    } else if (step instanceof ByteStreamCase.Respond r) {
                        if (challenge == null) {
                            throw new IllegalStateException("case " + c.name() + ", " + at + "respond before any"
                                    + " challenge");
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
                    } else if (step instanceof ByteStreamCase.Send s) {
                        out.write(s.bytes());
                        out.flush();
                    } else if (step instanceof ByteStreamCase.Expect e) {
                        Read r = read(in, e.bytes().length);
                        answers.add(at + r.describe(readTimeout));
                        if (r.end() != null || !Arrays.equals(r.bytes(), e.bytes())) {
                            break;
                        }
                    } else if (step instanceof ByteStreamCase.V2Opening) {
                        if (challenge == null) {
                            throw new IllegalStateException("case " + c.name() + ", " + at + "opening before any"
                                    + " challenge");
                        }
                        v2 = new V2Session(challenge);
                        out.write(v2.opening());
                        out.flush();
                    } else if (step instanceof ByteStreamCase.V2ExpectHello h) {
                        String answer = requireV2(v2, c, at).readHello(in, h.password(), readTimeout);
                        answers.add(at + answer);
                        if (!answer.equals(V2Session.describeHello(h.flags(), h.wbits(), h.iterations(),
                                h.proofValid()))) {
                            break;
                        }
                    } else if (step instanceof ByteStreamCase.V2SendProof p) {
                        out.write(requireV2(v2, c, at).proofFrame(p.password(), p.proof()));
                        out.flush();
                    } else if (step instanceof ByteStreamCase.V2Send f) {
                        out.write(requireV2(v2, c, at).frame(f));
                        out.flush();
                    } else if (step instanceof ByteStreamCase.V2Expect e) {
                        String answer = requireV2(v2, c, at).readFrame(in, e.body() != null, readTimeout);
                        answers.add(at + answer);
                        if (!answer.equals(V2Session.describeFrame(e.type(), e.body(), true))) {
                            break;
                        }
                    } else if (step instanceof ByteStreamCase.ShutdownOutput) {
                        socket.shutdownOutput();
                    } else if (step instanceof ByteStreamCase.ExpectClose) {
                        Read r = readToEnd(in);
                        String answer = r.end() == End.CLOSED && r.bytes().length == 0 ? CLOSED
                                : r.end() == End.CLOSED ? "more bytes " + show(r.bytes()) + ", then " + CLOSED
                                : r.describe(readTimeout);
                        answers.add(at + answer);
                        if (!answer.equals(CLOSED)) {
                            break;
                        }
                    }
                } catch (SocketException e) {
                    // Sending into a connection the device has closed: what it sent before is all there is.
                    answers.add(at + "the device had closed the connection");
                    break;
                }
            }
        }
        return answers;
    }

    private static V2Session requireV2(V2Session v2, ByteStreamCase c, String at) {
        if (v2 == null) {
            throw new IllegalStateException("case " + c.name() + ", " + at + "a v2 step before the v2 opening");
        }
        return v2;
    }

    private static final String CHALLENGE = "an 8-character lowercase hex challenge";
    private static final String CLOSED = "closed with nothing more";

    /** How a read ended before it had all it wanted; null when it had. */
    enum End { CLOSED, TIMEOUT }

    record Read(byte[] bytes, End end) {
        String describe(Duration timeout) {
            if (end == End.CLOSED) {
                return "closed after " + show(bytes);
            }
            if (end == End.TIMEOUT) {
                return "nothing more within " + timeout.toMillis() + " ms after " + show(bytes);
            }
            return show(bytes);
        }
    }

    /** Exactly {@code n} bytes, or fewer and how the connection ended; a reset counts as the device closing. */
    static Read read(InputStream in, int n) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        try {
            while (got.size() < n) {
                int b = in.read();
                if (b < 0) {
                    return new Read(got.toByteArray(), End.CLOSED);
                }
                got.write(b);
            }
        } catch (SocketTimeoutException e) {
            return new Read(got.toByteArray(), End.TIMEOUT);
        } catch (SocketException e) {
            return new Read(got.toByteArray(), End.CLOSED);
        }
        return new Read(got.toByteArray(), null);
    }

    /** Everything up to the end of the stream; a reset after the device's last word is a close too. */
    private static Read readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[256];
        try {
            int r;
            while ((r = in.read(buf)) >= 0) {
                got.write(buf, 0, r);
            }
        } catch (SocketTimeoutException e) {
            return new Read(got.toByteArray(), End.TIMEOUT);
        } catch (SocketException e) {
            // closed with bytes of ours unread
        }
        return new Read(got.toByteArray(), End.CLOSED);
    }

    static String show(byte[] bytes) {
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
