package io.github.mpota.runtime;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.core.testing.Deflate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.Deflater;

/** A client that speaks raw bytes to the device, so that tests see exactly what the device sends. */
public class RawClient implements AutoCloseable {

    static final byte[] VECTOR_PAYLOAD = HexFormat.of()
            .parseHex("2b28cacc2bd150cf48cdc9c957d7e44a494d5348d3d0b4e2520082a2d492d2a23c0513232e00");
    static final String VECTOR_METADATA = "{\"compressed_size\": 38, \"total_uncompressed\": 38, \"files\": "
            + "[{\"path\": \"main.py\", \"size\": 15}, {\"path\": \"lib/util.py\", \"size\": 23}, "
            + "{\"path\": \"empty.txt\", \"size\": 0}]}";

    public final Socket socket;
    public final InputStream in;
    public final OutputStream out;

    RawClient(int port) throws IOException {
        this(port, Duration.ofSeconds(15));
    }

    /** Connects to the device on the loopback {@code port}; a read that waits longer than {@code readTimeout} fails. */
    public RawClient(int port, Duration readTimeout) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Reads exactly {@code n} bytes as ASCII. */
    public String read(int n) throws IOException {
        byte[] buf = in.readNBytes(n);
        return new String(buf, StandardCharsets.ISO_8859_1);
    }

    /** The device's words until it closes the connection, in order or with a reset. */
    public String readToEnd() throws IOException {
        return wordsUntilClosed(in);
    }

    /**
     * What {@code in} delivers until the device closes the connection, whether it closes in order or with a reset
     * (see UpstreamReadsTest for telling those apart).
     */
    public static String wordsUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        try {
            for (int r; (r = in.read(buf)) >= 0; ) {
                got.write(buf, 0, r);
            }
        } catch (java.net.SocketException e) {
            // a reset after the device's last word: the words are what this returns
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the challenge and answers it; returns the device's reply (OK or AUTH_FAIL). */
    public String authenticate(String password) throws IOException {
        String challenge = read(8);
        send(ChallengeResponse.compute(challenge, password));
        String first = read(2);
        return first.equals("OK") ? first : first + read(7);
    }

    /** Sends the length header and the metadata; returns the two replies. */
    String sendMetadata(String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        send(LengthHeader.encode(bytes.length));
        String r1 = read(2);
        send(bytes);
        String r2 = read(2);
        return r1 + "," + r2;
    }

    /** A full successful-path push; returns every reply after authentication, comma-separated, then the final word. */
    String push(String password, String metadata, byte[] payload) throws IOException {
        String auth = authenticate(password);
        String meta = sendMetadata(metadata);
        send(payload);
        return auth + "," + meta + "," + readToEnd();
    }

    static byte[] deflate(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return Deflate.raw(all.toByteArray(), Deflater.BEST_COMPRESSION);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
