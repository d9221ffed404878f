package io.github.mpota.core.v2;

import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.protocol.Phase;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The client side of a v2 session after the board's {@code H}: check the board's proof before anything else,
 * prove the password, learn what the board holds (its digest, the full list only when the cached one differs),
 * send only what changed with the paths to remove, and read the authenticated result.
 */
final class V2ClientSession {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private final String board;
    private final FrameChannel channel;
    private final BoardCache cache;
    private final DeltaOptions options;

    /** How long the board may take to write the files, for the line that says what the client waits for. */
    private Duration applyTimeout = Duration.ofSeconds(60);

    V2ClientSession(String board, FrameChannel channel, BoardCache cache, DeltaOptions options) {
        this.board = board;
        this.channel = channel;
        this.cache = cache;
        this.options = options;
    }

    /** What the session did; the board reboots when {@code rebooting}. */
    V2ClientSession applyTimeout(Duration timeout) {
        this.applyTimeout = timeout;
        return this;
    }

    record Result(DeltaPlan plan, long compressedBytes, boolean rebooting) {
    }

    Result run(String challenge, byte[] opening, byte[] helloBody, String password, List<SourceFile> files,
            ProgressListener progress) throws PushException, IOException {
        Hello hello;
        try {
            hello = Hello.parse(helloBody);
        } catch (V2Exception e) {
            throw new PushException(PushFailure.UNEXPECTED_REPLY, Phase.AUTHENTICATION, e.getMessage());
        }
        byte[] key = KeySchedule.deriveKey(password, hello.salt(), hello.iterations());
        KeySchedule keys = new KeySchedule(key, KeySchedule.transcript(challenge, opening, hello.head()));
        if (!KeySchedule.same(keys.boardProof(), hello.boardProof())) {
            // Nothing more is sent: a board that cannot prove the password gets no part of the update.
            throw new PushException(PushFailure.AUTHENTICATION_REFUSED, Phase.AUTHENTICATION, "board " + board
                    + " did not prove the OTA password: the password is wrong, or this is not your board"
                    + " (something else answers on its address); nothing of the update was sent");
        }
        // The pin: from now on this client never falls back to v1 for this board without being told.
        cache.setProtocol(board, 2);
        channel.send(V2.CLIENT_PROOF, keys.clientProof());
        channel.authenticate(keys.sessionKey());
        Frame answer = receive(V2.STATE_BYTES, Phase.AUTHENTICATION);
        if (answer.type() == V2.REFUSED) {
            throw new PushException(PushFailure.AUTHENTICATION_REFUSED, Phase.AUTHENTICATION, "board " + board
                    + " proved the password but refused this client's proof (frame 'A'); it may have changed its"
                    + " password during the session: push again");
        }
        expect(answer, V2.STATE, Phase.AUTHENTICATION);
        if (answer.body().length != V2.STATE_BYTES) {
            throw unexpected(Phase.AUTHENTICATION, "the board's state is " + answer.body().length + " bytes, not "
                    + V2.STATE_BYTES);
        }
        ByteBuffer state = ByteBuffer.wrap(answer.body());
        byte[] digest = new byte[V2.DIGEST_BYTES];
        state.get(digest);

        List<byte[]> hashes = hashes(files);
        Manifest manifest = cache.manifest(board).filter(m -> KeySchedule.same(m.digest(), digest))
                .orElse(null);
        if (manifest == null) {
            channel.send(V2.LIST, new byte[0]);
            Frame m = receive(V2.MAX_MANIFEST_BYTES, Phase.METADATA);
            expect(m, V2.MANIFEST, Phase.METADATA);
            try {
                manifest = Manifest.decode(m.body());
            } catch (V2Exception e) {
                throw unexpected(Phase.METADATA, e.getMessage());
            }
            if (!KeySchedule.same(manifest.digest(), digest)) {
                throw unexpected(Phase.METADATA, "the board's list of files does not match the digest it announced");
            }
        }
        DeltaPlan plan = DeltaPlan.of(files, hashes, manifest, options.deleteRemoved());

        PackedPayload payload = plan.send().isEmpty() ? null
                : new PayloadDeflater(options.compression().withWindowBits(hello.wbits())).pack(plan.send(), null);
        try {
            Metadata metadata = payload != null ? payload.metadata()
                    : new Metadata(0, 0, List.of(), Optional.of(EMPTY_SHA256));
            channel.send(V2.UPDATE, new UpdateRequest(metadata, plan.delete(), options.rebootAlways()).encode());
            Frame ok = receive(V2.MAX_FAIL_BYTES, Phase.METADATA);
            failIfFail(ok, Phase.METADATA);
            expect(ok, V2.OK, Phase.METADATA);
            long length = metadata.compressedSize();
            // Nothing to send (nothing changed, or only removals): no progress line about 0 bytes.
            ProgressListener shown = payload != null ? progress : ProgressListener.NONE;
            shown.onProgress(0, length);
            try (InputStream body = payload != null ? payload.open() : InputStream.nullInputStream()) {
                channel.sendStream(V2.PAYLOAD, length, body, n -> shown.onProgress(n, length));
            }
            int changes = metadata.files().size() + plan.delete().size();
            if (changes > 0) {
                progress.onWaitingForApply(changes, applyTimeout);
            }
            Frame result = receive(V2.MAX_FAIL_BYTES, Phase.APPLY);
            failIfFail(result, Phase.APPLY);
            expect(result, V2.RESULT, Phase.APPLY);
            if (result.body().length != 1) {
                throw unexpected(Phase.APPLY, "the board's result is " + result.body().length + " bytes, not 1");
            }
            boolean rebooting = (result.body()[0] & V2.RESULT_REBOOTING) != 0;
            cache.setManifest(board, DeltaPlan.after(manifest, files, hashes, plan.delete()));
            return new Result(plan, length, rebooting);
        } finally {
            if (payload != null) {
                payload.close();
            }
        }
    }

    private Frame receive(int max, Phase phase) throws PushException, IOException {
        try {
            return channel.receive(max);
        } catch (V2Exception e) {
            throw unexpected(phase, e.getMessage());
        }
    }

    private void failIfFail(Frame f, Phase phase) throws PushException {
        if (f.type() == V2.FAIL) {
            throw new PushException(PushFailure.DEVICE_FAILED, phase, "board " + board + " refused the update: "
                    + new String(f.body(), StandardCharsets.UTF_8) + "; nothing was changed on it");
        }
    }

    private void expect(Frame f, byte type, Phase phase) throws PushException {
        if (f.type() != type) {
            throw unexpected(phase, "expected frame " + Frame.describe(type) + ", the board sent " + f.typeName());
        }
    }

    private PushException unexpected(Phase phase, String what) {
        return new PushException(PushFailure.UNEXPECTED_REPLY, phase, "protocol v2 with " + board + ": " + what);
    }

    static List<byte[]> hashes(List<SourceFile> files) throws IOException {
        List<byte[]> out = new ArrayList<>(files.size());
        byte[] buf = new byte[64 * 1024];
        for (SourceFile f : files) {
            MessageDigest md = HmacSha256.sha256();
            try (InputStream in = Files.newInputStream(f.localPath())) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            out.add(md.digest());
        }
        return out;
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
