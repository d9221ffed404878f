package io.github.mpota.core.device;

import io.github.mpota.core.auth.Challenge;
import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.ProtocolException;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.core.protocol.WireIO;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The device-side steps of the wire contract over one accepted connection, as building blocks: a device
 * runtime composes them and decides its own policy (what to validate, where to write, when to reboot).
 *
 * <p>Reads here are exact, as a robust device reads. A runtime that reproduces the reference device's single
 * {@code recv} uses {@link #readOnce(int)}.
 */
public final class DeviceConnection {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public DeviceConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        socket.setSoTimeout((int) Protocol.DEVICE_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
    }

    public Socket socket() {
        return socket;
    }

    /**
     * Steps 1-3 with the three-attempt rule: a new challenge for each attempt, {@code AUTH_FAIL} for each wrong
     * response; after the third the caller closes without another word.
     */
    public AuthOutcome authenticate(String password, SecureRandom random, DeviceListener listener)
            throws IOException {
        return authenticate(password, () -> Challenge.generate(random), listener);
    }

    /**
     * Steps 1-3 as {@link #authenticate(String, SecureRandom, DeviceListener)}, with challenges from
     * {@code challenges} (a device's {@link io.github.mpota.core.auth.ChallengeSequence}, so that none repeats).
     */
    public AuthOutcome authenticate(String password, Supplier<String> challenges, DeviceListener listener)
            throws IOException {
        for (int attempt = 1; attempt <= Protocol.MAX_AUTH_ATTEMPTS; attempt++) {
            String challenge = challenges.get();
            send(challenge.getBytes(StandardCharsets.US_ASCII));
            listener.challengeSent(attempt, challenge);
            byte[] response;
            try {
                response = WireIO.readExactly(in, Protocol.RESPONSE_LENGTH);
            } catch (IOException e) {
                return AuthOutcome.ABORTED;
            }
            boolean ok = ChallengeResponse.verify(challenge, password, response);
            listener.responseChecked(attempt, ok);
            if (ok) {
                send(Reply.OK);
                return AuthOutcome.AUTHENTICATED;
            }
            send(Reply.AUTH_FAIL);
        }
        return AuthOutcome.REFUSED;
    }

    /** Step 4: the 10-byte length field, read exactly and parsed by the device's rules. */
    public int readLength(int maxMetadataSize) throws IOException, ProtocolException {
        return LengthHeader.parse(WireIO.readExactly(in, Protocol.LENGTH_HEADER_SIZE), maxMetadataSize);
    }

    /**
     * Step 6: exactly {@code length} bytes of metadata, read as the reference device reads them,
     * {@code recv(min(1024, remaining))} until all have arrived, never a byte past them.
     *
     * @throws WireIO.TruncatedReadException when the client closes first
     */
    public byte[] readMetadata(int length) throws IOException {
        byte[] buf = new byte[length];
        int got = 0;
        while (got < length) {
            int r = in.read(buf, got, Math.min(Protocol.DEVICE_RECV_SIZE, length - got));
            if (r < 0) {
                throw new WireIO.TruncatedReadException(buf, got, length);
            }
            got += r;
        }
        return buf;
    }

    /**
     * Step 9: copies exactly {@code length} payload bytes to {@code sink}, telling {@code progress} the running
     * count. Throws {@link WireIO.TruncatedReadException}-like EOF when the client stops early.
     */
    public long receivePayload(OutputStream sink, long length, LongConsumer progress) throws IOException {
        byte[] buf = new byte[Protocol.DEVICE_RECV_SIZE];
        long got = 0;
        while (got < length) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, length - got));
            if (r < 0) {
                throw new PayloadCutException(got, length);
            }
            sink.write(buf, 0, r);
            got += r;
            progress.accept(got);
        }
        return got;
    }

    /** A single {@code recv(n)}: up to {@code n} bytes, whatever one read returns (the reference device's way). */
    public byte[] readOnce(int n) throws IOException {
        byte[] buf = new byte[n];
        int r = in.read(buf);
        if (r < 0) {
            return new byte[0];
        }
        return java.util.Arrays.copyOf(buf, r);
    }

    public void send(Reply reply) throws IOException {
        send(reply.bytes());
    }

    public void send(byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }

    /** Sends {@code reply} if the socket still allows it; a failure here is not worth reporting. */
    public boolean trySend(Reply reply) {
        try {
            send(reply);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public InputStream input() {
        return in;
    }

    /**
     * Closes as the board's TCP stack does: an orderly close (FIN) when every byte received was read, a reset
     * (RST) when the client sent bytes that no phase asked for. Java's own close half-closes the output first,
     * which would turn that reset into a FIN; the board's {@code close()} does not, so the runtime asks for the
     * abortive close in exactly the case where the board's stack resets. Nothing is read or drained here.
     */
    public void close() {
        try {
            if (in.available() > 0) {
                socket.setSoLinger(true, 0);
            }
        } catch (IOException e) {
            // the connection is already broken: closing it is all that is left
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** The client stopped sending in the middle of the payload. */
    public static final class PayloadCutException extends java.io.EOFException {
        private static final long serialVersionUID = 1L;
        private final long received;
        private final long expected;

        public PayloadCutException(long received, long expected) {
            super("connection closed after " + received + " of " + expected + " payload bytes");
            this.received = received;
            this.expected = expected;
        }

        public long received() {
            return received;
        }

        public long expected() {
            return expected;
        }
    }
}
