package io.github.mpota.board.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.v2.HmacSha256;
import io.github.mpota.core.v2.Hello;
import io.github.mpota.core.v2.KeySchedule;
import io.github.mpota.core.v2.Opening;
import io.github.mpota.core.v2.V2;
import io.github.mpota.core.v2.V2Exception;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Plays the protocol v2 cases of {@value #RESOURCE} (see src/test/python/generate_v2_byte_streams.py for the
 * format) against any board on a TCP port: it computes the key, proofs and MACs from each session's hello as
 * docs/PROTOCOL.md defines them, and writes down one answer per reading step, so that a board that follows the
 * case gives {@link #expectedAnswers}.
 */
public final class V2ByteStreamReplayer {

    public static final String RESOURCE = "byte-streams/v2-cases.json";

    private final Duration readTimeout;

    public V2ByteStreamReplayer(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    public static List<JsonNode> load() {
        try (InputStream in = V2ByteStreamReplayer.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(in).path("cases").forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The answers of a board that behaves as the case says. */
    public static List<String> expectedAnswers(JsonNode c) {
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode s : c.path("steps")) {
            i++;
            String at = "step " + i + ": ";
            switch (s.path("op").asText()) {
                case "expectChallenge" -> out.add(at + CHALLENGE);
                case "expect" -> out.add(at + show(bytes(s)));
                case "expectClose" -> out.add(at + CLOSED);
                case "v2Hello" -> out.add(at + (s.path("password").asText().equals(c.path("password").asText())
                        ? PROVING : NOT_PROVING));
                case "v2Expect" -> out.add(at + frameAnswer(s.path("type").asText(), s));
                default -> {
                }
            }
        }
        return out;
    }

    private static String frameAnswer(String type, JsonNode s) {
        if (s.has("hex")) {
            return "frame " + type + " " + s.get("hex").asText();
        }
        if (s.has("prefix")) {
            return "frame " + type + " starting " + s.get("prefix").asText();
        }
        return "frame " + type;
    }

    public List<String> record(JsonNode c, String host, int port) throws IOException {
        List<String> answers = new ArrayList<>();
        boolean v1Off = !c.path("device").path("v1").asBoolean(true);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String challenge = null;
            byte[] opening = null;
            KeySchedule keys = null;
            byte[] session = null;
            int sent = 0;
            int received = 0;
            int i = 0;
            for (JsonNode s : c.path("steps")) {
                i++;
                String at = "step " + i + ": ";
                try {
                    switch (s.path("op").asText()) {
                        case "expectChallenge" -> {
                            byte[] b = readN(in, 8);
                            challenge = new String(b, StandardCharsets.ISO_8859_1);
                            if (!challenge.matches("[0-9a-f]{8}")) {
                                answers.add(at + show(b));
                                return answers;
                            }
                            answers.add(at + CHALLENGE);
                        }
                        case "respond" -> write(out, ChallengeResponse.compute(challenge, s.path("password").asText())
                                .getBytes(StandardCharsets.US_ASCII));
                        case "expect" -> {
                            byte[] b = readN(in, bytes(s).length);
                            answers.add(at + show(b));
                            if (!Arrays.equals(b, bytes(s))) {
                                return answers;
                            }
                        }
                        case "expectClose" -> {
                            int r = in.read();
                            answers.add(at + (r < 0 ? CLOSED : "more bytes, starting " + String.format("%02x", r)));
                            if (r >= 0) {
                                return answers;
                            }
                        }
                        case "v2Open" -> {
                            opening = Opening.encode(HexFormat.of().parseHex(s.path("nonce").asText()));
                            write(out, opening);
                        }
                        case "v2Hello" -> {
                            byte[] header = readN(in, V2.FRAME_HEADER_BYTES);
                            if (header[0] != V2.HELLO) {
                                answers.add(at + "not a hello: " + show(header));
                                return answers;
                            }
                            byte[] body = readN(in, ByteBuffer.wrap(header, 1, 4).getInt());
                            Hello hello = Hello.parse(body);
                            if (hello.v1Off() != v1Off) {
                                answers.add(at + "a hello whose flags say v1 is " + (hello.v1Off() ? "off" : "on"));
                                return answers;
                            }
                            byte[] key = KeySchedule.deriveKey(s.path("password").asText(), hello.salt(),
                                    hello.iterations());
                            keys = new KeySchedule(key, KeySchedule.transcript(challenge, opening, hello.head()));
                            boolean proving = KeySchedule.same(keys.boardProof(), hello.boardProof());
                            answers.add(at + (proving ? PROVING : NOT_PROVING));
                            session = keys.sessionKey();
                        }
                        case "v2Proof" -> {
                            byte[] proof = s.has("hex") ? HexFormat.of().parseHex(s.get("hex").asText())
                                    : keys.clientProof();
                            write(out, ByteBuffer.allocate(5 + proof.length).put(V2.CLIENT_PROOF)
                                    .putInt(proof.length).put(proof).array());
                        }
                        case "v2Send" -> {
                            byte type = (byte) s.path("type").asText().charAt(0);
                            byte[] body = bytes(s);
                            byte[] header = ByteBuffer.allocate(5).put(type).putInt(body.length).array();
                            byte[] mac = mac(session, V2.FROM_CLIENT, sent++, header, body);
                            if (s.has("flip")) {
                                int n = s.get("flip").asInt();
                                if (n < 0) {
                                    mac[0] ^= 1;
                                } else {
                                    body = body.clone();
                                    body[n] ^= 1;
                                }
                            }
                            ByteArrayOutputStream frame = new ByteArrayOutputStream();
                            frame.writeBytes(header);
                            frame.writeBytes(body);
                            frame.writeBytes(mac);
                            write(out, frame.toByteArray());
                        }
                        case "v2Expect" -> {
                            byte[] header = readN(in, V2.FRAME_HEADER_BYTES);
                            String type = s.path("type").asText();
                            if (header[0] != type.charAt(0)) {
                                answers.add(at + "frame " + (char) header[0] + " (" + show(header) + ")");
                                return answers;
                            }
                            byte[] body = readN(in, ByteBuffer.wrap(header, 1, 4).getInt());
                            byte[] mac = readN(in, V2.MAC_BYTES);
                            if (!Arrays.equals(mac, mac(session, V2.FROM_BOARD, received++, header, body))) {
                                answers.add(at + "frame " + type + " with a MAC that does not match");
                                return answers;
                            }
                            String hex = HexFormat.of().formatHex(body);
                            String answer = s.has("hex") ? "frame " + type + " " + hex
                                    : s.has("prefix") ? (hex.startsWith(s.get("prefix").asText())
                                            ? "frame " + type + " starting " + s.get("prefix").asText()
                                            : "frame " + type + " " + hex)
                                    : "frame " + type;
                            answers.add(at + answer);
                            if (!answer.equals(frameAnswer(type, s))) {
                                return answers;
                            }
                        }
                        default -> throw new IllegalStateException("case " + c.path("name").asText()
                                + ": unknown op " + s.path("op"));
                    }
                } catch (SocketTimeoutException e) {
                    answers.add(at + "nothing within " + readTimeout.toMillis() + " ms");
                    return answers;
                } catch (SocketException | java.io.EOFException e) {
                    answers.add(at + "the board closed the connection");
                    return answers;
                } catch (V2Exception e) {
                    answers.add(at + e.getMessage());
                    return answers;
                }
            }
        }
        return answers;
    }

    private static byte[] mac(byte[] session, byte direction, int seq, byte[] header, byte[] body) {
        return new HmacSha256(session).update(direction).update(ByteBuffer.allocate(4).putInt(seq).array())
                .update(header).update(body).finish();
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new java.io.EOFException("closed after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    private static void write(OutputStream out, byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    private static byte[] bytes(JsonNode s) {
        if (s.has("text")) {
            return s.get("text").asText().getBytes(StandardCharsets.UTF_8);
        }
        return HexFormat.of().parseHex(s.path("hex").asText());
    }

    private static String show(byte[] b) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        return text.matches("[ -~]*") ? "'" + text + "'" : HexFormat.of().formatHex(b);
    }

    private static final String CHALLENGE = "an 8-character lowercase hex challenge";
    private static final String CLOSED = "closed with nothing more";
    private static final String PROVING = "v2 hello proving the password";
    private static final String NOT_PROVING = "v2 hello NOT proving the password";
}
