package io.github.mpota.core.v2;

import io.github.mpota.core.auth.Challenge;
import io.github.mpota.core.client.BoardConnector;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.protocol.Phase;
import io.github.mpota.core.protocol.Printable;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.core.protocol.WireIO;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A push that speaks v2 to boards that can and v1 to the others (docs/PROTOCOL.md "Protocol v2"): it answers the
 * challenge with the opening; a v2 board answers with its hello, a v1 board with {@code AUTH_FAIL} and a new
 * challenge, after which this client pushes plain v1 on the same connection ({@link V1Continuation}): one wrong
 * attempt and no extra connection, once per board, because the cache remembers (later pushes to it go straight
 * to {@link OtaClient}). A board the cache knows as v2 is never downgraded.
 */
public final class NegotiatingClient {

    private final ClientOptions options;
    private final BoardCache cache;
    private final DeltaOptions delta;
    private final SecureRandom random = new SecureRandom();
    private final boolean v1Only;

    /**
     * A client that asks each board for v2 unless the cache knows it as a v1 board.
     *
     * @param options the board's address, the timeouts and the connection retries
     * @param cache what earlier pushes learnt of the board (its protocol, its manifest, what v1 pushes sent); read
     *     and written by every push, and saved at its end
     * @param delta what may be skipped or deleted, the reboot rule and the compression
     */
    public NegotiatingClient(ClientOptions options, BoardCache cache, DeltaOptions delta) {
        this(options, cache, delta, false);
    }

    /**
     * As {@link #NegotiatingClient(ClientOptions, BoardCache, DeltaOptions)}.
     *
     * @param v1Only plain v1 without asking (ota.protocol=v1); changedOnly still applies
     */
    public NegotiatingClient(ClientOptions options, BoardCache cache, DeltaOptions delta, boolean v1Only) {
        this.options = options;
        this.cache = cache;
        this.delta = delta;
        this.v1Only = v1Only;
    }

    /**
     * Pushes the project's files to the board over one connection, by the protocol the board speaks.
     *
     * <p>To a board the cache knows as v1 (or with {@code v1Only}) it is an ordinary {@link OtaClient} push. Otherwise,
     * in order: it connects (with {@link ClientOptions}' retries), reads the challenge and writes the 64-byte
     * {@link Opening} in place of the response: a v2 board answers with its {@code H} frame and
     * the session goes on in MAC'd frames ({@link V2ClientSession}: the board's proof checked first, then the
     * client's proof, the manifest, only the changed files, the board's verdict); a v1 board answers
     * {@code AUTH_FAIL} and a new challenge, and the push goes on as plain v1 on the same connection
     * ({@link V1Continuation}), the cache remembering the board as v1. A board the cache knows as v2 that answers
     * as a v1 board is refused ({@link PushFailure#AUTHENTICATION_REFUSED}) and nothing is sent: a downgrade is never
     * silent. With {@link DeltaOptions#changedOnly()}, v1 sends only the files changed since the last push; when
     * nothing changed and no reboot is asked, nothing is sent.
     *
     * <p>Failures are {@link PushException}s with the same {@link PushFailure} and {@link Phase} meanings as
     * {@link OtaClient#push}'s; a files or cache read or write error is {@link PushFailure#LOCAL_ERROR}. The whole
     * v2 session is bounded by {@link ClientOptions#applyTimeout()} per read.
     *
     * <p>It runs on the calling thread and blocks. A {@link BoardCache} is not synchronised: one push at a time per
     * cache.
     *
     * @param files the project's files in payload order, read from disk by this push
     * @param passwordSource asked once for the OTA password; a {@code null} answer fails the push
     * @param progress told of each step and of the payload's progress
     * @return what was sent, skipped and deleted, the protocol used and whether the board reboots
     * @throws PushException when the board did not confirm the update
     */
    public PushOutcome push(List<SourceFile> files, PasswordSource passwordSource, ProgressListener progress)
            throws PushException {
        return push(files, null, passwordSource, progress);
    }

    /**
     * As {@link #push(List, PasswordSource, ProgressListener)}, with the payload of every file already packed by
     * the caller ({@code full}, left open), sent as it is when a v1 push sends every file: packing twice would
     * spend the compression budget twice.
     */
    public PushOutcome push(List<SourceFile> files, PackedPayload full, PasswordSource passwordSource,
            ProgressListener progress) throws PushException {
        String password = passwordSource.password();
        if (password == null) {
            throw new PushException(PushFailure.LOCAL_ERROR, Phase.AUTHENTICATION, "no OTA password was supplied");
        }
        String board = options.host() + ":" + options.port();
        PushOutcome outcome;
        try {
            outcome = v1Only || cache.protocol(board).orElse(0) == 1
                    ? v1(board, files, full, password, progress,
                            payload -> new OtaClient(options).push(payload, () -> password, progress))
                    : negotiate(board, files, full, password, progress);
        } catch (PushException e) {
            // The push's own failure is what the user must read; a cache that cannot be written only adds to it.
            try {
                cache.save();
            } catch (IOException saving) {
                e.addSuppressed(saving);
            }
            throw e;
        } catch (IOException e) {
            throw new PushException(PushFailure.LOCAL_ERROR, Phase.CONNECT, "cannot read the files to push: "
                    + e.getMessage(), e);
        }
        try {
            cache.save();
        } catch (IOException e) {
            throw new PushException(PushFailure.LOCAL_ERROR, Phase.APPLY, "the push went through, but the board cache"
                    + cache.file().map(f -> " " + f).orElse("") + " cannot be written: " + e.getMessage(), e);
        }
        return outcome;
    }

    /** Sends a packed v1 payload. */
    private interface V1Sender {
        PushResult send(PackedPayload payload) throws PushException, IOException;
    }

    /** The v2 session, or plain v1 on the same connection when the board answered the opening as v1 boards do. */
    private PushOutcome negotiate(String board, List<SourceFile> files, PackedPayload full, String password,
            ProgressListener progress) throws PushException, IOException {
        long start = System.nanoTime();
        CountingStreams count = new CountingStreams();
        try (Socket socket = BoardConnector.connect(options, progress)) {
            socket.setSoTimeout((int) options.replyTimeout().toMillis());
            InputStream in = count.in(socket.getInputStream());
            OutputStream out = count.out(socket.getOutputStream());
            progress.onStep("connected to " + board);
            String challenge = readChallenge(in);
            progress.onStep("challenge 1 received");
            byte[] opening = Opening.encode(Opening.newNonce(random));
            write(out, opening);
            progress.onStep("sent the protocol v2 opening in place of response 1");
            byte[] head = read(in, 2, Phase.AUTHENTICATION);
            if (head[0] == 'A' && head[1] == 'U') {
                progress.onStep("the board answered AUTH_FAIL to the opening: a v1 board; v1 on this connection");
                byte[] rest = read(in, Reply.AUTH_FAIL.word().length() - 2, Phase.AUTHENTICATION);
                if (!"TH_FAIL".equals(new String(rest, StandardCharsets.ISO_8859_1))) {
                    throw unexpected("AU" + new String(rest, StandardCharsets.ISO_8859_1));
                }
                if (cache.protocol(board).orElse(0) == 2) {
                    throw new PushException(PushFailure.AUTHENTICATION_REFUSED, Phase.AUTHENTICATION, "board "
                            + board + " spoke protocol v2 before and now answers as a v1 board: someone may be"
                            + " downgrading the connection; nothing was sent. If the board was re-flashed with a v1"
                            + " server, remove its entry from " + cache.file().map(Object::toString)
                            .orElse("the board cache"));
                }
                cache.setProtocol(board, 1);
                socket.setSoTimeout((int) options.applyTimeout().toMillis());
                V1Continuation v1 = new V1Continuation(board, in, out, options.applyTimeout());
                return v1(board, files, full, password, progress, payload -> {
                    v1.push(payload, password, progress);
                    return new PushResult((InetSocketAddress) socket.getRemoteSocketAddress(),
                            payload.metadata().files().size(), payload.uncompressedSize(), payload.compressedSize(),
                            2, Duration.ofNanos(System.nanoTime() - start));
                });
            }
            if (head[0] != V2.HELLO || head[1] != 0) {
                throw unexpected(new String(head, StandardCharsets.ISO_8859_1));
            }
            byte[] lengthRest = read(in, 3, Phase.AUTHENTICATION);
            int length = ByteBuffer.wrap(new byte[] {0, lengthRest[0], lengthRest[1], lengthRest[2]}).getInt();
            if (length > 7 + V2.MAX_SALT_BYTES + V2.NONCE_BYTES + V2.PROOF_BYTES) {
                throw unexpected("a hello of " + length + " bytes");
            }
            byte[] hello = read(in, length, Phase.AUTHENTICATION);
            progress.onStep("the board answered with its protocol v2 hello (" + length + " bytes)");
            FrameChannel channel = new FrameChannel(in, out, V2.FROM_CLIENT);
            V2ClientSession session = new V2ClientSession(board, channel, cache, delta)
                    .applyTimeout(options.applyTimeout());
            V2ClientSession.Result r;
            socket.setSoTimeout((int) options.applyTimeout().toMillis());
            r = session.run(challenge, opening, hello, password, files, progress);
            return new PushOutcome(board, 2, r.plan().send().stream().map(SourceFile::devicePath).toList(),
                    r.plan().unchanged(), r.plan().delete(), count.sent, count.received, r.compressedBytes(),
                    r.rebooting(), Duration.ofNanos(System.nanoTime() - start), null);
        } catch (java.net.SocketTimeoutException e) {
            throw new PushException(PushFailure.TIMEOUT, Phase.APPLY, "no answer from board " + board
                    + " within the timeout during the v2 session", e);
        } catch (java.net.SocketException | java.io.EOFException e) {
            throw new PushException(PushFailure.CONNECTION_LOST, Phase.APPLY, "the connection to board " + board
                    + " broke during the v2 session: " + e.getMessage(), e);
        }
    }

    /**
     * Plain v1 through {@link OtaClient}; with {@code changedOnly}, only files changed since the last push. The
     * caller's payload of every file ({@code full}, may be null) is sent as it is when every file goes.
     */
    private PushOutcome v1(String board, List<SourceFile> files, PackedPayload full, String password,
            ProgressListener progress, V1Sender sender) throws PushException, IOException {
        List<byte[]> hashes = V2ClientSession.hashes(files);
        Map<String, String> record = cache.pushed(board);
        List<SourceFile> send = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            SourceFile f = files.get(i);
            if (delta.changedOnly() && V2ClientSession.hex(hashes.get(i)).equals(record.get(f.devicePath()))) {
                unchanged.add(f.devicePath());
            } else {
                send.add(f);
            }
        }
        if (send.isEmpty() && !delta.rebootAlways()) {
            return new PushOutcome(board, 1, List.of(), unchanged, List.of(), 0, 0, 0, false, Duration.ZERO, null);
        }
        PushResult result;
        if (full != null && send.size() == files.size()) {
            result = sender.send(full);
        } else {
            try (PackedPayload payload = new PayloadDeflater(delta.compression()).pack(send, null)) {
                result = sender.send(payload);
            }
        }
        Map<String, String> now = new LinkedHashMap<>(delta.changedOnly() ? record : Map.of());
        for (int i = 0; i < files.size(); i++) {
            now.put(files.get(i).devicePath(), V2ClientSession.hex(hashes.get(i)));
        }
        cache.setPushed(board, now);
        return new PushOutcome(board, 1, send.stream().map(SourceFile::devicePath).toList(), unchanged, List.of(),
                0, 0, result.compressedBytes(), true, result.elapsed(), result);
    }

    private String readChallenge(InputStream in) throws PushException {
        byte[] c = read(in, io.github.mpota.core.protocol.Protocol.CHALLENGE_LENGTH, Phase.CHALLENGE);
        String challenge = new String(c, StandardCharsets.ISO_8859_1);
        if (!Challenge.isWellFormed(challenge)) {
            throw new PushException(PushFailure.UNEXPECTED_REPLY, Phase.CHALLENGE, "expected an 8-character hex"
                    + " challenge, received " + Printable.quote(c) + "; is this an OTA server on " + options.host()
                    + ":" + options.port() + "?");
        }
        return challenge;
    }

    private PushException unexpected(String what) {
        return new PushException(PushFailure.UNEXPECTED_REPLY, Phase.AUTHENTICATION, "after the protocol v2"
                + " opening, " + options.host() + ":" + options.port() + " sent " + Printable.quote(
                        what.getBytes(StandardCharsets.ISO_8859_1)) + ", neither AUTH_FAIL nor a v2 hello");
    }

    private static byte[] read(InputStream in, int n, Phase phase) throws PushException {
        try {
            return WireIO.readExactly(in, n);
        } catch (java.net.SocketTimeoutException e) {
            throw new PushException(PushFailure.TIMEOUT, phase, "no answer from the board while "
                    + phase.description(), e);
        } catch (IOException e) {
            throw new PushException(PushFailure.CONNECTION_LOST, phase, "the board closed the connection while "
                    + phase.description() + ": " + e.getMessage(), e);
        }
    }

    private static void write(OutputStream out, byte[] b) throws PushException {
        try {
            out.write(b);
            out.flush();
        } catch (IOException e) {
            throw new PushException(PushFailure.CONNECTION_LOST, Phase.AUTHENTICATION, "the connection failed"
                    + " while sending the opening: " + e.getMessage(), e);
        }
    }
}
