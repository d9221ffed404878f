package io.github.mpota.core.v2;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
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
import java.time.Duration;
import java.nio.charset.StandardCharsets;

/**
 * Plain v1 on the connection where a v1 board has just answered the opening with {@code AUTH_FAIL} and a new
 * challenge: the two attempts left, then v1 steps 4-11 as {@link io.github.mpota.core.client.OtaClient} runs them
 * (one write per message, an exact read per word). So learning that a board speaks v1 costs it one wrong attempt
 * and no extra connection.
 */
final class V1Continuation {

    private final String board;
    private final InputStream in;
    private final OutputStream out;
    private final Duration applyTimeout;

    V1Continuation(String board, InputStream in, OutputStream out, Duration applyTimeout) {
        this.board = board;
        this.in = in;
        this.out = out;
        this.applyTimeout = applyTimeout;
    }

    void push(PackedPayload payload, String password, ProgressListener progress) throws PushException {
        authenticate(password, progress);
        byte[] metadata = MetadataCodec.write(payload.metadata());
        write(LengthHeader.encode(metadata.length), Phase.LENGTH);
        progress.onStep("sent the length header: " + metadata.length + " bytes of metadata follow");
        expect(Reply.OK, Phase.LENGTH);
        progress.onStep("OK to the length header");
        write(metadata, Phase.METADATA);
        progress.onStep("sent the metadata: " + payload.metadata().files().size() + " files, compressed_size "
                + payload.compressedSize());
        expect(Reply.OK, Phase.METADATA);
        progress.onStep("OK to the metadata (the board's space check follows)");
        long total = payload.compressedSize();
        progress.onProgress(0, total);
        try (InputStream body = payload.open()) {
            byte[] buf = new byte[Protocol.CLIENT_SEND_CHUNK_SIZE * 8];
            long sent = 0;
            int n;
            while ((n = body.read(buf)) > 0) {
                out.write(buf, 0, n);
                sent += n;
                progress.onProgress(sent, total);
            }
            out.flush();
        } catch (IOException e) {
            throw new PushException(PushFailure.CONNECTION_LOST, Phase.PAYLOAD, "the connection to " + board
                    + " failed while " + Phase.PAYLOAD.description() + ": " + e.getMessage(), e);
        }
        progress.onStep("sent the payload: " + payload.compressedSize() + " bytes");
        progress.onWaitingForApply(payload.metadata().files().size(), applyTimeout);
        Reply last = reply(Phase.APPLY);
        progress.onStep("the board answered " + last.word());
        if (last == Reply.FAIL) {
            throw new PushException(PushFailure.DEVICE_FAILED, Phase.PAYLOAD, "the device answered FAIL after "
                    + "accepting the metadata: it refuses an update when it has less than "
                    + payload.metadata().spaceNeeded() + " bytes free (payload " + payload.compressedSize()
                    + " + files " + payload.uncompressedSize() + "), or when it cannot inflate and write the files");
        }
        if (last != Reply.UPDATE_SUCCESS) {
            throw new PushException(PushFailure.UNEXPECTED_REPLY, Phase.APPLY, "expected UPDATE_SUCCESS after the"
                    + " payload, the device sent " + last.word());
        }
    }

    /** The opening used attempt 1; the board has sent a new challenge for attempt 2. */
    private void authenticate(String password, ProgressListener progress) throws PushException {
        for (int attempt = 2; attempt <= Protocol.MAX_AUTH_ATTEMPTS; attempt++) {
            String challenge = new String(read(Protocol.CHALLENGE_LENGTH, Phase.CHALLENGE),
                    StandardCharsets.ISO_8859_1);
            progress.onStep("challenge " + attempt + " received");
            write(ChallengeResponse.compute(challenge, password).getBytes(StandardCharsets.US_ASCII),
                    Phase.AUTHENTICATION);
            progress.onStep("response " + attempt + " sent (64 hex characters)");
            Reply r = reply(Phase.AUTHENTICATION);
            progress.onStep("the board answered " + r.word() + " to response " + attempt);
            if (r == Reply.OK) {
                return;
            }
            if (r != Reply.AUTH_FAIL) {
                throw new PushException(PushFailure.UNEXPECTED_REPLY, Phase.AUTHENTICATION, "expected OK or"
                        + " AUTH_FAIL from " + board + ", it sent " + r.word());
            }
        }
        // Three AUTH_FAILs in all, the opening's included: the same words as OtaClient's.
        throw new PushException(PushFailure.AUTHENTICATION_REFUSED, Phase.AUTHENTICATION, "the device refused the"
                + " password (AUTH_FAIL " + Protocol.MAX_AUTH_ATTEMPTS + " times)");
    }

    private void expect(Reply wanted, Phase phase) throws PushException {
        Reply r = reply(phase);
        if (r == Reply.FAIL) {
            throw new PushException(PushFailure.DEVICE_FAILED, phase, "the device answered FAIL while "
                    + phase.description() + (phase == Phase.APPLY ? ": it refuses an update when it lacks the space"
                    + " for the payload plus the files, or cannot inflate and write them" : ""));
        }
        if (r != wanted) {
            throw new PushException(PushFailure.UNEXPECTED_REPLY, phase, "expected " + wanted.word() + " while "
                    + phase.description() + ", the device sent " + r.word());
        }
    }

    private Reply reply(Phase phase) throws PushException {
        byte[] head = read(2, phase);
        String start = new String(head, StandardCharsets.ISO_8859_1);
        for (Reply r : Reply.values()) {
            if (r.word().startsWith(start)) {
                String rest = new String(read(r.word().length() - 2, phase), StandardCharsets.ISO_8859_1);
                if ((start + rest).equals(r.word())) {
                    return r;
                }
                break;
            }
        }
        throw new PushException(PushFailure.UNEXPECTED_REPLY, phase, "unexpected reply from " + board + " while "
                + phase.description() + ": " + Printable.quote(head));
    }

    private byte[] read(int n, Phase phase) throws PushException {
        try {
            return WireIO.readExactly(in, n);
        } catch (java.net.SocketTimeoutException e) {
            throw new PushException(PushFailure.TIMEOUT, phase, "no answer from " + board + " while "
                    + phase.description(), e);
        } catch (IOException e) {
            throw new PushException(PushFailure.CONNECTION_LOST, phase, "the connection to " + board
                    + " ended while " + phase.description() + ": " + e.getMessage(), e);
        }
    }

    private void write(byte[] b, Phase phase) throws PushException {
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            throw new PushException(PushFailure.CONNECTION_LOST, phase, "the connection to " + board
                    + " failed while " + phase.description() + ": " + e.getMessage(), e);
        }
    }
}
