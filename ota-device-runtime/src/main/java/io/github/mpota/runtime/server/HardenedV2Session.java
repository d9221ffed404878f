package io.github.mpota.runtime.server;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.device.DeviceConnection;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.metadata.MetadataException;
import io.github.mpota.core.payload.PayloadInflater;
import io.github.mpota.core.protocol.ProtocolException;
import io.github.mpota.core.v2.Frame;
import io.github.mpota.core.v2.FrameChannel;
import io.github.mpota.core.v2.Hello;
import io.github.mpota.core.v2.KeySchedule;
import io.github.mpota.core.v2.Manifest;
import io.github.mpota.core.v2.Opening;
import io.github.mpota.core.v2.UpdateRequest;
import io.github.mpota.core.v2.V2;
import io.github.mpota.core.v2.V2Exception;
import io.github.mpota.runtime.config.DeviceConfig;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The hardened board with protocol v2 (docs/PROTOCOL.md "Protocol v2"): the v1 challenge first, as every board
 * sends it; a v1 response goes to {@link HardenedUpdate} (unless v1 is off), the v2 opening to the v2 session:
 * hello with the board's proof, the client's proof, the state of the installed files, then an update whose every
 * frame is MAC-checked before anything is committed.
 */
final class HardenedV2Session implements SessionHandler {

    private final HardenedUpdate v1;
    private final V2Settings settings;
    private final SecureRandom random = new SecureRandom();
    /** Per boot: the salt and, for the password in force, the key derived once. */
    private final byte[] salt = new byte[V2.DEFAULT_SALT_BYTES];
    private String keyPassword;
    private byte[] key;
    /** The opening of the session being served (one at a time). */
    private Pending pending;

    private record Pending(String challenge, byte[] opening) {
    }

    /** The board's count of wrong answers: a wrong client proof is a wrong response (PROTOCOL.md, v2 step 6). */
    private final AuthThrottle throttle;

    HardenedV2Session(HardenedUpdate v1, V2Settings settings, AuthThrottle throttle) {
        this.v1 = v1;
        this.settings = settings;
        this.throttle = throttle;
        random.nextBytes(salt);
    }

    /**
     * Authentication's look at each response ({@link DeviceConnection#authenticate}): the v2 opening hands the
     * connection over to the v2 session and does not count as an attempt; with v1 off, every v1 response is
     * refused as a wrong one.
     */
    DeviceConnection.ResponseVerdict inspect(int attempt, String challenge, byte[] response, String password,
            SessionRecorder rec) {
        pending = null;
        if (Opening.clientNonce(response).isPresent()) {
            rec.event(TranscriptEvent.Type.AUTH, "attempt", attempt, "opening", "v2");
            pending = new Pending(challenge, response);
            return DeviceConnection.ResponseVerdict.HAND_OVER;
        }
        if (!settings.v1Enabled()) {
            if (ChallengeResponse.verify(challenge, password, response)) {
                rec.log("v1 is off: only v2 clients are served");
            }
            return DeviceConnection.ResponseVerdict.REFUSE;
        }
        return DeviceConnection.ResponseVerdict.COMPARE;
    }

    /** True when authentication ended with the v2 opening: the proofs are still to come. */
    boolean handedOver() {
        return pending != null;
    }

    @Override
    public void update(DeviceConnection conn, BoardContext board, SessionRecorder rec) throws UpdateFailure {
        Pending p = pending;
        pending = null;
        if (p == null) {
            v1.update(conn, board, rec);
            return;
        }
        FrameChannel channel = new FrameChannel(conn.input(), conn.output(), V2.FROM_BOARD);
        byte[] k = key(board.otaPassword());
        byte[] nonce = new byte[V2.NONCE_BYTES];
        random.nextBytes(nonce);
        int flags = settings.v1Enabled() ? 0 : V2.FLAG_V1_OFF;
        Hello unsigned = new Hello(flags, settings.wbits(), settings.iterations(), salt, nonce, new byte[V2.PROOF_BYTES]);
        KeySchedule keys = new KeySchedule(k, KeySchedule.transcript(p.challenge(), p.opening(), unsigned.head()));
        Hello hello = new Hello(flags, settings.wbits(), settings.iterations(), salt, nonce, keys.boardProof());
        java.net.InetAddress from = board.socket().getInetAddress();
        try {
            // Each step its own deadline, as our MicroPython server: 10 s for the proof after the hello.
            PhaseDeadlines.responsePhase(board.socket());
            channel.send(V2.HELLO, hello.body());
            Frame proof = channel.receive(V2.PROOF_BYTES);
            if (proof.type() != V2.CLIENT_PROOF || proof.body().length != V2.PROOF_BYTES
                    || !KeySchedule.same(proof.body(), keys.clientProof())) {
                rec.event(TranscriptEvent.Type.V2, "step", "client_proof", "accepted", false);
                try {
                    throttle.pauseBeforeAuthFail(from, 1, rec::log);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // the board is stopping: its close ends this connection
                }
                channel.send(V2.REFUSED, new byte[0]);
                throw new UpdateFailure("protocol v2: the client's proof does not match the OTA password"
                        + " (a wrong password, or a replayed session); refused with 'A'", true);
            }
        } catch (V2Exception e) {
            throw new UpdateFailure("protocol v2 before the proofs: " + e.getMessage(), true);
        } catch (IOException e) {
            throw new UpdateFailure("protocol v2: connection error during the proofs: " + e.getMessage(), true);
        }
        rec.event(TranscriptEvent.Type.V2, "step", "client_proof", "accepted", true);
        rec.log("Protocol v2: both sides proved the password");
        throttle.succeeded(from);
        PhaseDeadlines.headerPhase(board.socket());
        try {
            // Counted only now, as for v1: an unauthenticated client must not make the board walk its folder.
            board.flash().rescan();
        } catch (IOException e) {
            throw new UpdateFailure("cannot read the board's files: " + e.getMessage(), true);
        }
        channel.authenticate(keys.sessionKey());
        try {
            session(channel, board, rec);
        } catch (UpdateFailure f) {
            try {
                channel.send(V2.FAIL, truncate(f.getMessage()).getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the client is gone; the reason is in the board's log
            }
            throw new UpdateFailure(f.getMessage(), true);
        }
    }

    private void session(FrameChannel channel, BoardContext board, SessionRecorder rec) throws UpdateFailure {
        FlashFilesystem flash = board.flash();
        try {
            Manifest manifest = InstalledFiles.manifest(flash);
            long free = Math.min(flash.freeBytes(), 0xffffffffL);
            channel.send(V2.STATE, ByteBuffer.allocate(V2.STATE_BYTES).put(manifest.digest())
                    .putShort((short) manifest.entries().size()).putInt((int) free).array());
            rec.event(TranscriptEvent.Type.V2, "step", "state", "files", manifest.entries().size(), "free", free);
            Frame f = channel.receive(V2.MAX_UPDATE_BYTES);
            if (f.type() == V2.LIST) {
                channel.send(V2.MANIFEST, manifest.encode());
                rec.event(TranscriptEvent.Type.V2, "step", "manifest", "files", manifest.entries().size());
                f = channel.receive(V2.MAX_UPDATE_BYTES);
            }
            if (f.type() != V2.UPDATE) {
                throw new UpdateFailure("protocol v2: expected frame 'U', received " + f.typeName());
            }
            UpdateRequest req;
            try {
                req = UpdateRequest.parse(f.body());
                HardenedUpdate.checkTargets(flash, req.metadata());
            } catch (MetadataException e) {
                throw new UpdateFailure(e.getMessage());
            }
            Set<String> installed = InstalledFiles.read(flash);
            for (String d : req.delete()) {
                if (!installed.contains(d)) {
                    throw new UpdateFailure("delete: '" + d + "' was not installed by an update; the board only"
                            + " removes files that updates installed");
                }
                // As our MicroPython server: the board reads its WiFi and OTA settings from this file at every boot.
                if (ReservedNames.fold(d).equals(DeviceConfig.DEVICE_FILE)) {
                    throw new UpdateFailure(d + " holds the board's WiFi and OTA settings, which it reads at every"
                            + " boot; it is not deleted (push one, or push with -Dota.delete=false)");
                }
            }
            Metadata metadata = req.metadata();
            rec.event(TranscriptEvent.Type.METADATA, "bytes", f.body().length, "valid", true, "files",
                    metadata.files().size(), "delete", req.delete(), "reboot", req.reboot());
            apply(channel, board, req, rec);
        } catch (V2Exception e) {
            throw new UpdateFailure("protocol v2: " + e.getMessage() + "; nothing was changed");
        } catch (IOException e) {
            throw new UpdateFailure("protocol v2: " + e.getMessage(), true);
        }
    }

    private void apply(FrameChannel channel, BoardContext board, UpdateRequest req, SessionRecorder rec)
            throws UpdateFailure, IOException, V2Exception {
        FlashFilesystem flash = board.flash();
        Metadata metadata = req.metadata();
        UpdateJournal staging = new UpdateJournal(flash);
        staging.recover(rec::log);
        long needed = metadata.spaceNeeded();
        long free = flash.freeBytes();
        rec.event(TranscriptEvent.Type.SPACE_CHECK, "needed", needed, "free", free, "enough", needed <= free);
        if (needed > free) {
            throw new UpdateFailure("not enough free space: the update needs " + needed
                    + " bytes (compressed + uncompressed) and the board has " + free + " free");
        }
        PhaseDeadlines.payloadPhase(board.socket(), metadata.compressedSize());
        channel.send(V2.OK, new byte[0]);
        boolean applied = false;
        try {
            staging.begin();
            Path payload = staging.payloadFile();
            try (OutputStream out = flash.create(payload)) {
                // The MAC is checked after the last byte, before anything is inflated or applied.
                channel.receiveStream(V2.PAYLOAD, metadata.compressedSize(), out);
                PhaseDeadlines.noPhase(board.socket());
            }
            rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", metadata.compressedSize(), "mac", "ok");
            if (!metadata.files().isEmpty()) {
                try (InputStream in = Files.newInputStream(payload)) {
                    new PayloadInflater().inflate(in, metadata.files(),
                            entry -> staging.openStaged(entry.path()), metadata.contentSha256());
                } catch (ProtocolException e) {
                    throw new UpdateFailure(e.getMessage() + "; nothing was changed");
                }
            }
            flash.delete(payload);
            List<String> paths = new ArrayList<>();
            for (FileEntry e : metadata.files()) {
                paths.add(e.path());
            }
            if (!paths.isEmpty()) {
                staging.apply(paths, path -> rec.fileWritten(path, sizeOf(metadata, path)));
            } else {
                staging.discard();
            }
            applied = true;
            List<String> removed = new ArrayList<>();
            for (String d : req.delete()) {
                Path target = flash.resolveStrict(d);
                if (Files.isRegularFile(target)) {
                    flash.delete(target);
                    removed.add(d);
                    rec.log("Removed " + d);
                }
            }
            boolean changed = !paths.isEmpty() || !req.delete().isEmpty();
            if (changed) {
                InstalledFiles.update(flash, paths, req.delete());
            }
            boolean reboot = changed || req.reboot();
            rec.event(TranscriptEvent.Type.V2, "step", "result", "written", paths.size(), "removed", removed, "reboot", reboot);
            if (!changed) {
                rec.log("Nothing changed: no file written" + (reboot ? "; rebooting as asked" : ", no reboot"));
            }
            if (!reboot) {
                rec.skipReboot();
            }
            channel.send(V2.RESULT, new byte[] {(byte) ((changed ? V2.RESULT_CHANGED : 0)
                    | (reboot ? V2.RESULT_REBOOTING : 0))});
        } catch (UpdateJournal.CommittedException e) {
            applied = true;
            throw new UpdateFailure("applying the update failed: " + e.getMessage()
                    + "; the board finishes it at the next boot");
        } finally {
            if (!applied) {
                try {
                    staging.discard();
                } catch (IOException ignored) {
                    // discarded at the next boot
                }
            }
        }
    }

    private byte[] key(String password) {
        if (key == null || !password.equals(keyPassword)) {
            key = KeySchedule.deriveKey(password, salt, settings.iterations());
            keyPassword = password;
        }
        return key;
    }

    private static long sizeOf(Metadata metadata, String path) {
        for (FileEntry f : metadata.files()) {
            if (f.path().equals(path)) {
                return f.size();
            }
        }
        return 0;
    }

    private static String truncate(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= V2.MAX_FAIL_BYTES ? s : new String(Arrays.copyOf(b, V2.MAX_FAIL_BYTES - 4),
                StandardCharsets.UTF_8);
    }
}
