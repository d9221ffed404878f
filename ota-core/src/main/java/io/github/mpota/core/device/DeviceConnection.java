package io.github.mpota.core.device;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.protocol.Printable;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.core.protocol.WireIO;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * The device side of the wire over one accepted connection: every byte a device runtime reads from its client or
 * sends to it goes through here. A runtime composes these steps and decides its own policy (what to validate,
 * where to write, when to reboot).
 *
 * <p>The socket is read without read-ahead, never past what a phase declares, and never drained: bytes a client
 * sends beyond that stay unread, and {@link #close()} then ends the connection with a reset, as a board does
 * (PROTOCOL.md, "Reads of the reference device, phase by phase").
 */
public final class DeviceConnection {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final DeviceListener listener;

    /** Sets the device's timeout on the connection; {@code listener} is told every word sent. */
    public DeviceConnection(Socket socket, DeviceListener listener) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.listener = listener;
        socket.setSoTimeout((int) Protocol.DEVICE_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
    }

    /** What a device decides about a response before it is compared with the expected one. */
    public enum ResponseVerdict {
        /** An ordinary response: compared with the password's, {@code OK} or {@code AUTH_FAIL}. */
        COMPARE,
        /** Not a v1 response (a protocol v2 opening): authentication ends here, nothing sent, no attempt used. */
        HAND_OVER,
        /** Refused whatever it holds (v1 turned off): {@code AUTH_FAIL}, counted as a wrong response. */
        REFUSE
    }

    /** Looks at each response first; see {@link ResponseVerdict}. */
    @FunctionalInterface
    public interface ResponseFilter {
        ResponseFilter NONE = (attempt, challenge, response) -> ResponseVerdict.COMPARE;

        ResponseVerdict inspect(int attempt, String challenge, byte[] response);
    }

    /** {@link #authenticate(String, Supplier, FixedLengthReads, ResponseFilter)} for a v1-only device. */
    public AuthOutcome authenticate(String password, Supplier<String> challenges, FixedLengthReads reads)
            throws IOException {
        return authenticate(password, challenges, reads, ResponseFilter.NONE);
    }

    /**
     * Steps 1-3 with the three-attempt rule: a new challenge for each attempt from {@code challenges} (a device's
     * {@link io.github.mpota.core.auth.ChallengeSequence}, so that none repeats), {@code AUTH_FAIL} for each wrong
     * response; after the third the caller closes without another word. {@code filter} sees each response first:
     * a response it hands over ends authentication as {@link AuthOutcome#AUTHENTICATED} with nothing sent (the
     * caller continues in another protocol), one it refuses gets {@code AUTH_FAIL} as a wrong one.
     */
    public AuthOutcome authenticate(String password, Supplier<String> challenges, FixedLengthReads reads,
            ResponseFilter filter) throws IOException {
        for (int attempt = 1; attempt <= Protocol.MAX_AUTH_ATTEMPTS; attempt++) {
            String challenge = challenges.get();
            write(challenge.getBytes(StandardCharsets.US_ASCII));
            listener.challengeSent(attempt, challenge);
            byte[] response;
            try {
                response = read(Protocol.RESPONSE_LENGTH, reads);
            } catch (IOException e) {
                listener.responseUnreadable(attempt, describe(e));
                return AuthOutcome.ABORTED;
            }
            ResponseVerdict verdict = filter.inspect(attempt, challenge, response);
            if (verdict == ResponseVerdict.HAND_OVER) {
                return AuthOutcome.AUTHENTICATED;
            }
            if (verdict == ResponseVerdict.COMPARE && reads == FixedLengthReads.REFERENCE && !isUtf8(response)) {
                // The reference's .decode() raises here, and an error during authentication closes silently.
                listener.responseUnreadable(attempt, "response is not valid UTF-8: " + Printable.quote(response));
                return AuthOutcome.ABORTED;
            }
            // The reference compares with ==; this gives the same result, in constant time.
            boolean ok = verdict == ResponseVerdict.COMPARE && ChallengeResponse.verify(challenge, password, response);
            listener.responseChecked(attempt, ok, response.length);
            if (ok) {
                send(Reply.OK);
                return AuthOutcome.AUTHENTICATED;
            }
            send(Reply.AUTH_FAIL);
        }
        return AuthOutcome.REFUSED;
    }

    /**
     * The connection's streams, for a protocol that frames its own messages after authentication (protocol v2's
     * {@code FrameChannel}); the socket is read without read-ahead, as every step here reads it.
     */
    public InputStream input() {
        return in;
    }

    public OutputStream output() {
        return out;
    }

    /** Step 4: the length field as received, for the device to parse by its own rules. */
    public byte[] readLengthField(FixedLengthReads reads) throws IOException {
        return read(Protocol.LENGTH_HEADER_SIZE, reads);
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
     * Step 9: copies exactly {@code length} payload bytes to {@code sink} in {@code recv(min(1024, remaining))}
     * reads, telling {@code progress} the running count; nothing when {@code length} is 0 or less.
     *
     * @throws PayloadCutException when the client stops early
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

    public void send(Reply reply) throws IOException {
        write(reply.bytes());
        listener.replySent(reply);
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

    /** An I/O error of the connection in the words of a log line. */
    public static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "timed out waiting for the client";
        }
        if (e instanceof EOFException && e.getMessage() == null) {
            return "the client closed the connection";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private byte[] read(int n, FixedLengthReads reads) throws IOException {
        return reads == FixedLengthReads.EXACT ? WireIO.readExactly(in, n) : recv(n);
    }

    /** A single {@code recv(n)}: up to {@code n} bytes, whatever one read returns; none once the client closed. */
    private byte[] recv(int n) throws IOException {
        byte[] buf = new byte[n];
        int r = in.read(buf);
        return r < 0 ? new byte[0] : Arrays.copyOf(buf, r);
    }

    private void write(byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** The client stopped sending in the middle of the payload. */
    public static final class PayloadCutException extends EOFException {
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
