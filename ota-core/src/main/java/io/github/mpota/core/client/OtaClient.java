package io.github.mpota.core.client;

import io.github.mpota.core.auth.Challenge;
import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.metadata.MetadataCodec;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.core.protocol.Phase;
import io.github.mpota.core.protocol.Printable;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.core.protocol.WireIO;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The client side of the wire contract: one connection, the sequence of PROTOCOL.md, exact reads, and every
 * failure raised as a {@link PushException} that names its phase.
 *
 * <p>Each message goes out in a single write, because the reference device reads each with a single
 * {@code recv}.
 */
public final class OtaClient {

    /** After a failed payload write, how long to wait for the word the device may have sent before closing. */
    private static final int LAST_WORD_TIMEOUT_MILLIS = 2000;
    private static final int PAYLOAD_WRITE_SIZE = 8 * 1024;

    private final ClientOptions options;

    /**
     * A client for one board; it keeps nothing between pushes but the options, so one instance may push again,
     * and may be shared between threads that each push (each call opens its own connection).
     *
     * @param options the board's address, the timeouts and the connection retries
     */
    public OtaClient(ClientOptions options) {
        this.options = options;
    }

    /**
     * Pushes one packed update over one connection, in the order of PROTOCOL.md's version 1, and returns when the
     * board has answered {@code UPDATE_SUCCESS}.
     *
     * <p>On the wire, in order: it connects (up to {@link ClientOptions#connectAttempts()} times, the pause doubling
     * from {@link ClientOptions#retryDelay()}); reads the 8-character hex challenge and writes the 64-character
     * SHA-256 response, then reads {@code OK} or {@code AUTH_FAIL}, and after an {@code AUTH_FAIL} reads the next
     * challenge, up to {@link Protocol#MAX_AUTH_ATTEMPTS} times; writes the 10-byte length header and reads
     * {@code OK}; writes the metadata JSON and reads {@code OK} (the board checks its free space after this
     * {@code OK}; when short, it answers {@code FAIL} in place of the last word); writes the payload's raw deflate
     * bytes from {@link PackedPayload#open()}; reads the last word, {@code UPDATE_SUCCESS}, within
     * {@link ClientOptions#applyTimeout()}. Each reply before it is awaited within
     * {@link ClientOptions#replyTimeout()}. Each message of the handshake goes out in one write.
     *
     * <p>Every failure is a {@link PushException}: its {@link PushException#phase() phase} is the step that was
     * under way ({@link Phase#CONNECT}, {@link Phase#CHALLENGE}, {@link Phase#AUTHENTICATION}, {@link Phase#LENGTH},
     * {@link Phase#METADATA}, {@link Phase#PAYLOAD}, {@link Phase#APPLY}), its
     * {@link PushException#failure() failure} what went wrong there:
     * <ul>
     *   <li>{@link PushFailure#HOST_NOT_FOUND}: the name did not resolve (not retried);</li>
     *   <li>{@link PushFailure#CONNECTION_REFUSED}, {@link PushFailure#CONNECT_TIMEOUT}: no connection after
     *       every attempt;</li>
     *   <li>{@link PushFailure#AUTHENTICATION_REFUSED}: {@code AUTH_FAIL} to every response, or the board closed
     *       after an {@code AUTH_FAIL};</li>
     *   <li>{@link PushFailure#DEVICE_FAILED}: {@code FAIL} to the length header or the metadata, or after the
     *       payload (too little space, or the board could not inflate and write); also when the board answered
     *       {@code FAIL} and closed while the payload was still being written;</li>
     *   <li>{@link PushFailure#UNEXPECTED_REPLY}: bytes no OTA device sends at that point (a challenge that is
     *       not 8 hex characters, an unknown word);</li>
     *   <li>{@link PushFailure#CONNECTION_LOST}: the connection ended or failed before the phase completed;</li>
     *   <li>{@link PushFailure#TIMEOUT}: no reply within the phase's timeout;</li>
     *   <li>{@link PushFailure#LOCAL_ERROR}: no password, a payload file that cannot be read or is shorter than
     *       announced, or an interrupt while waiting to retry the connection.</li>
     * </ul>
     *
     * <p>It runs on the calling thread and blocks until the outcome; the listener is called on that thread. An
     * interrupt is seen only between connection attempts (the socket's timeouts bound the rest).
     *
     * <p>It never retries once connected, never resends a payload, never speaks protocol v2 (see
     * {@code NegotiatingClient}), never deletes or changes the payload's file, asks the password source once and
     * never passes the password or the response to the listener.
     *
     * @param payload the packed files: metadata, and the deflated stream with its size
     * @param passwordSource asked once for the OTA password; a {@code null} answer fails the push
     * @param progress told of each step, the payload's progress, retries and the wait for the apply
     * @return the board's address, the sizes, the authentication attempts used and the time of each part
     * @throws PushException when the push did not end in {@code UPDATE_SUCCESS}
     */
    public PushResult push(PackedPayload payload, PasswordSource passwordSource, ProgressListener progress)
            throws PushException {
        String password = passwordSource.password();
        if (password == null) {
            throw new PushException(PushFailure.LOCAL_ERROR, Phase.AUTHENTICATION, "no OTA password was supplied");
        }
        long start = System.nanoTime();
        byte[] metadata = MetadataCodec.write(payload.metadata());
        try (Socket socket = connect(progress)) {
            InetSocketAddress device = (InetSocketAddress) socket.getRemoteSocketAddress();
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            socket.setSoTimeout((int) options.replyTimeout().toMillis());
            progress.onStep("connected to " + device);

            int attempts = authenticate(in, out, password, progress);

            send(out, LengthHeader.encode(metadata.length), Phase.LENGTH);
            progress.onStep("sent the length header: " + metadata.length + " bytes of metadata follow");
            expectOk(in, Phase.LENGTH, "the metadata length");
            progress.onStep("OK to the length header");
            send(out, metadata, Phase.METADATA);
            progress.onStep("sent the metadata: " + payload.metadata().files().size() + " files, compressed_size "
                    + payload.metadata().compressedSize() + ", total_uncompressed "
                    + payload.metadata().totalUncompressed());
            expectOk(in, Phase.METADATA, "the metadata");
            progress.onStep("OK to the metadata (the board's space check follows)");

            // The sending time is the payload's alone, so that its rate is the progress line's rate.
            long payloadStart = System.nanoTime();
            sendPayload(socket, payload, progress);
            long sent = System.nanoTime();
            progress.onStep("sent the payload: " + payload.compressedSize() + " bytes");

            socket.setSoTimeout((int) options.applyTimeout().toMillis());
            progress.onWaitingForApply(payload.metadata().files().size(), options.applyTimeout());
            Reply last = readReply(in, Phase.APPLY);
            long applied = System.nanoTime();
            progress.onStep("the board answered " + last.word());
            if (last == Reply.FAIL) {
                throw deviceFailedAfterPayload(payload);
            }
            if (last != Reply.UPDATE_SUCCESS) {
                throw new PushException(PushFailure.UNEXPECTED_REPLY, Phase.APPLY,
                        "expected UPDATE_SUCCESS after the payload, the device sent " + last.word());
            }
            return new PushResult(device, payload.metadata().files().size(), payload.uncompressedSize(),
                    payload.compressedSize(), attempts, Duration.ofNanos(applied - start),
                    Duration.ofNanos(payloadStart - start), Duration.ofNanos(sent - payloadStart),
                    Duration.ofNanos(applied - sent));
        } catch (IOException e) {
            // Closing the socket failed after the outcome was known; nothing else reaches here.
            throw new PushException(PushFailure.CONNECTION_LOST, Phase.APPLY,
                    "connection error at the end of the push: " + e.getMessage(), e);
        }
    }

    private Socket connect(ProgressListener progress) throws PushException {
        return BoardConnector.connect(options, progress);
    }

    /** Steps 1-3, as many times as the device allows; returns the number of attempts used. */
    private int authenticate(InputStream in, OutputStream out, String password, ProgressListener progress)
            throws PushException {
        for (int attempt = 1; attempt <= Protocol.MAX_AUTH_ATTEMPTS; attempt++) {
            byte[] challengeBytes;
            try {
                challengeBytes = WireIO.readExactly(in, Protocol.CHALLENGE_LENGTH);
            } catch (WireIO.TruncatedReadException e) {
                if (attempt > 1) {
                    throw refused(attempt - 1);
                }
                throw new PushException(PushFailure.CONNECTION_LOST, Phase.CHALLENGE, "the device closed the "
                        + "connection before sending a challenge (received " + Printable.quote(e.received())
                        + "); is another client pushing to it?", e);
            } catch (SocketTimeoutException e) {
                throw timeout(Phase.CHALLENGE, "8-character challenge", e);
            } catch (IOException e) {
                throw lost(Phase.CHALLENGE, e);
            }
            String challenge = new String(challengeBytes, StandardCharsets.ISO_8859_1);
            if (!Challenge.isWellFormed(challenge)) {
                throw new PushException(PushFailure.UNEXPECTED_REPLY, Phase.CHALLENGE,
                        "expected an 8-character hex challenge, received " + Printable.quote(challengeBytes)
                                + "; is this an OTA server on " + where() + "?");
            }
            progress.onStep("challenge " + attempt + " received");
            send(out, ChallengeResponse.compute(challenge, password).getBytes(StandardCharsets.US_ASCII),
                    Phase.AUTHENTICATION);
            progress.onStep("response " + attempt + " sent (64 hex characters)");
            Reply reply;
            try {
                reply = readReply(in, Phase.AUTHENTICATION);
            } catch (PushException e) {
                if (e.failure() == PushFailure.CONNECTION_LOST && attempt == Protocol.MAX_AUTH_ATTEMPTS) {
                    throw refused(attempt);
                }
                throw e;
            }
            progress.onStep("the board answered " + reply.word() + " to response " + attempt);
            if (reply == Reply.OK) {
                return attempt;
            }
            if (reply != Reply.AUTH_FAIL) {
                throw new PushException(PushFailure.UNEXPECTED_REPLY, Phase.AUTHENTICATION,
                        "expected OK or AUTH_FAIL after the response, the device sent " + reply.word());
            }
        }
        throw refused(Protocol.MAX_AUTH_ATTEMPTS);
    }

    private void sendPayload(Socket socket, PackedPayload payload, ProgressListener progress)
            throws PushException {
        long total = payload.compressedSize();
        long sent = 0;
        progress.onProgress(0, total);
        try (InputStream file = payload.open()) {
            OutputStream out = socket.getOutputStream();
            byte[] buf = new byte[PAYLOAD_WRITE_SIZE];
            while (sent < total) {
                int n = file.read(buf, 0, (int) Math.min(buf.length, total - sent));
                if (n < 0) {
                    throw new PushException(PushFailure.LOCAL_ERROR, Phase.PAYLOAD, "the packed payload "
                            + payload.file() + " ended at byte " + sent + " of " + total);
                }
                try {
                    out.write(buf, 0, n);
                } catch (IOException e) {
                    throw payloadWriteFailed(socket, payload, sent, e);
                }
                sent += n;
                progress.onProgress(sent, total);
            }
            out.flush();
        } catch (IOException e) {
            throw new PushException(PushFailure.LOCAL_ERROR, Phase.PAYLOAD, "cannot read the packed payload "
                    + payload.file() + ": " + e.getMessage(), e);
        }
    }

    /** The device may have answered FAIL (no space) and closed while we were still sending: report its word. */
    private PushException payloadWriteFailed(Socket socket, PackedPayload payload, long sent, IOException cause) {
        try {
            socket.setSoTimeout(LAST_WORD_TIMEOUT_MILLIS);
            byte[] word = socket.getInputStream().readNBytes(Protocol.MAX_REPLY_LENGTH);
            if (Arrays.equals(word, Reply.FAIL.bytes())) {
                return deviceFailedAfterPayload(payload);
            }
        } catch (IOException ignored) {
            // nothing more to learn from the device
        }
        return new PushException(PushFailure.CONNECTION_LOST, Phase.PAYLOAD, "the connection was closed at byte "
                + sent + " of " + payload.compressedSize() + " of the payload: " + cause.getMessage(), cause);
    }

    private PushException deviceFailedAfterPayload(PackedPayload payload) {
        return new PushException(PushFailure.DEVICE_FAILED, Phase.PAYLOAD, "the device answered FAIL after "
                + "accepting the metadata: it refuses an update when it has less than "
                + payload.metadata().spaceNeeded() + " bytes free (payload " + payload.compressedSize()
                + " + files " + payload.uncompressedSize() + "), or when it cannot inflate and write the files");
    }

    private void expectOk(InputStream in, Phase phase, String what) throws PushException {
        Reply reply = readReply(in, phase);
        if (reply == Reply.FAIL) {
            throw new PushException(PushFailure.DEVICE_FAILED, phase, "the device answered FAIL to " + what
                    + (phase == Phase.LENGTH ? " (it could not parse the length header)"
                            : " (it could not parse or accept the metadata)"));
        }
        if (reply != Reply.OK) {
            throw new PushException(PushFailure.UNEXPECTED_REPLY, phase, "expected OK after " + what
                    + ", the device sent " + reply.word());
        }
    }

    /** Reads one of the device's words exactly, telling them apart by their first two bytes. */
    private Reply readReply(InputStream in, Phase phase) throws PushException {
        byte[] head = readOrThrow(in, 2, phase);
        String start = new String(head, StandardCharsets.ISO_8859_1);
        for (Reply r : Reply.values()) {
            if (r.word().startsWith(start)) {
                byte[] rest = readOrThrow(in, r.word().length() - 2, phase);
                String word = start + new String(rest, StandardCharsets.ISO_8859_1);
                if (!word.equals(r.word())) {
                    throw new PushException(PushFailure.UNEXPECTED_REPLY, phase, "unexpected reply while "
                            + phase.description() + ": " + Printable.quote(word.getBytes(StandardCharsets.ISO_8859_1)));
                }
                return r;
            }
        }
        throw new PushException(PushFailure.UNEXPECTED_REPLY, phase, "unexpected reply while "
                + phase.description() + ": " + Printable.quote(head));
    }

    private byte[] readOrThrow(InputStream in, int n, Phase phase) throws PushException {
        try {
            return WireIO.readExactly(in, n);
        } catch (WireIO.TruncatedReadException e) {
            throw new PushException(PushFailure.CONNECTION_LOST, phase, "the device closed the connection while "
                    + phase.description() + (e.received().length > 0 ? " (received "
                            + Printable.quote(e.received()) + ")" : ""), e);
        } catch (SocketTimeoutException e) {
            throw timeout(phase, phase == Phase.APPLY ? "UPDATE_SUCCESS" : "a reply", e);
        } catch (IOException e) {
            throw lost(phase, e);
        }
    }

    private void send(OutputStream out, byte[] message, Phase phase) throws PushException {
        try {
            out.write(message);
            out.flush();
        } catch (IOException e) {
            throw lost(phase, e);
        }
    }

    private PushException refused(int attempts) {
        return new PushException(PushFailure.AUTHENTICATION_REFUSED, Phase.AUTHENTICATION,
                "the device refused the password (AUTH_FAIL " + attempts + (attempts == 1 ? " time)" : " times)"));
    }

    private PushException timeout(Phase phase, String expected, SocketTimeoutException e) {
        long ms = phase == Phase.APPLY ? options.applyTimeout().toMillis() : options.replyTimeout().toMillis();
        return new PushException(PushFailure.TIMEOUT, phase, "no " + expected + " from the device within " + ms
                + " ms while " + phase.description(), e);
    }

    private PushException lost(Phase phase, IOException e) {
        return new PushException(PushFailure.CONNECTION_LOST, phase, "the connection failed while "
                + phase.description() + ": " + e.getMessage(), e);
    }

    private String where() {
        return options.host() + ":" + options.port();
    }
}
