package io.github.mpota.runtime.server;

import io.github.mpota.core.device.AuthOutcome;
import io.github.mpota.core.device.DeviceConnection;
import io.github.mpota.core.device.DeviceListener;
import io.github.mpota.core.metadata.DevicePath;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.metadata.MetadataCodec;
import io.github.mpota.core.metadata.MetadataException;
import io.github.mpota.core.payload.PayloadInflater;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.ProtocolException;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.runtime.flash.ConfinementException;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The hardened device: the same wire for every client that follows the contract, with exact reads, metadata
 * validated before anything is written, folders created recursively, and the update staged and applied only once
 * the whole payload has inflated to the listed sizes (see {@link UpdateJournal}).
 */
final class HardenedUpdate implements SessionHandler {

    private final UpdateJournal.MoveObserver moveObserver;

    HardenedUpdate(UpdateJournal.MoveObserver moveObserver) {
        this.moveObserver = moveObserver;
    }

    @Override
    public AuthOutcome authenticate(DeviceConnection conn, BoardContext board, SessionRecorder rec)
            throws IOException {
        return conn.authenticate(board.otaPassword(), board.challenges()::next, new DeviceListener() {
            @Override
            public void challengeSent(int attempt, String challenge) {
                rec.event(TranscriptEvent.Type.CHALLENGE, "attempt", attempt, "challenge", challenge);
            }

            @Override
            public void responseChecked(int attempt, boolean accepted) {
                rec.event(TranscriptEvent.Type.AUTH, "attempt", attempt, "accepted", accepted);
                rec.sent(accepted ? Reply.OK : Reply.AUTH_FAIL);
            }
        });
    }

    @Override
    public void update(DeviceConnection conn, BoardContext board, SessionRecorder rec) throws UpdateFailure {
        FlashFilesystem flash = board.flash();
        int length;
        try {
            length = conn.readLength(Protocol.DEFAULT_MAX_METADATA_SIZE);
        } catch (ProtocolException e) {
            rec.event(TranscriptEvent.Type.LENGTH, "error", e.getMessage());
            throw new UpdateFailure(e.getMessage());
        } catch (IOException e) {
            throw new UpdateFailure("receiving the metadata length failed: " + UpstreamUpdate.describe(e));
        }
        rec.event(TranscriptEvent.Type.LENGTH, "length", length);
        send(conn, rec, Reply.OK);

        byte[] json;
        try {
            json = conn.readMetadata(length);
        } catch (IOException e) {
            throw new UpdateFailure("receiving the metadata failed: " + UpstreamUpdate.describe(e));
        }
        Metadata metadata;
        List<Path> targets;
        try {
            metadata = MetadataCodec.parse(json);
            targets = checkTargets(flash, metadata);
        } catch (MetadataException e) {
            rec.event(TranscriptEvent.Type.METADATA, "bytes", json.length, "valid", false, "error", e.getMessage());
            throw new UpdateFailure(e.getMessage());
        }
        List<Object> described = new ArrayList<>(List.of("bytes", json.length, "valid", true,
                Protocol.KEY_COMPRESSED_SIZE, metadata.compressedSize(),
                Protocol.KEY_TOTAL_UNCOMPRESSED, metadata.totalUncompressed(), "files", metadata.files().size()));
        metadata.contentSha256().ifPresent(hex -> described.addAll(List.of(Protocol.KEY_CONTENT_SHA256, hex)));
        rec.event(TranscriptEvent.Type.METADATA, described.toArray());
        send(conn, rec, Reply.OK);

        UpdateJournal staging = new UpdateJournal(flash);
        try {
            // An earlier apply that failed past its journal is finished before its staging is counted as used.
            staging.recover(rec::log);
        } catch (IOException e) {
            throw new UpdateFailure("cannot finish the earlier update: " + e.getMessage());
        }
        long free = flash.freeBytes();
        long needed = metadata.spaceNeeded();
        boolean enough = needed <= free;
        rec.event(TranscriptEvent.Type.SPACE_CHECK, "needed", needed, "free", free, "enough", enough);
        rec.log("Update needs " + needed + " bytes, " + free + " free");
        if (!enough) {
            throw new UpdateFailure("not enough free space: the update needs " + needed
                    + " bytes (compressed + uncompressed) and the board has " + free + " free");
        }

        boolean applied = false;
        try {
            staging.begin();
            Path payload = staging.payloadFile();
            try (OutputStream out = flash.create(payload)) {
                conn.receivePayload(out, metadata.compressedSize(), n -> { });
            } catch (DeviceConnection.PayloadCutException e) {
                rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", e.received(), "expected", e.expected(),
                        "error", "connection closed");
                throw new UpdateFailure("payload incomplete: the client closed the connection after "
                        + e.received() + " of " + e.expected() + " bytes; nothing was changed");
            } catch (IOException e) {
                rec.event(TranscriptEvent.Type.PAYLOAD, "expected", metadata.compressedSize(),
                        "error", UpstreamUpdate.describe(e));
                throw new UpdateFailure("payload incomplete: " + UpstreamUpdate.describe(e)
                        + "; nothing was changed");
            }
            rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", metadata.compressedSize(),
                    "expected", metadata.compressedSize());
            // The content digest (when the client sent one) is checked here, before the journal: a mismatch
            // leaves every old file as it was.
            try (InputStream in = Files.newInputStream(payload)) {
                new PayloadInflater(true).inflate(in, metadata.files(), entry -> staging.openStaged(entry.path()),
                        metadata.contentSha256());
            } catch (ProtocolException e) {
                throw new UpdateFailure(e.getMessage() + "; nothing was changed");
            } catch (IOException e) {
                throw new UpdateFailure("cannot stage the update: " + e.getMessage() + "; nothing was changed");
            }
            flash.delete(payload);
            List<String> paths = new ArrayList<>();
            for (FileEntry f : metadata.files()) {
                paths.add(f.path());
            }
            staging.apply(paths, path -> {
                rec.fileWritten(path, sizeOf(metadata, path));
                moveObserver.moved(path);
            });
            applied = true;
        } catch (UpdateJournal.CommittedException e) {
            // Past the journal: the staging must stay, so that the next boot or session finishes the apply.
            applied = true;
            throw new UpdateFailure("applying the update failed: " + e.getMessage()
                    + "; the board finishes it at the next boot");
        } catch (IOException e) {
            throw new UpdateFailure((applied ? "applying the update failed: " : "cannot stage the update: ")
                    + e.getMessage());
        } finally {
            if (!applied) {
                try {
                    staging.discard();
                } catch (IOException ignored) {
                    // a leftover staging area is discarded at the next boot
                }
            }
        }
        if (targets.isEmpty()) {
            rec.log("Empty update: no files");
        }
        try {
            rec.send(conn, Reply.UPDATE_SUCCESS);
        } catch (IOException e) {
            // The new files are in place: the update happened, and the board resets into them as after a success.
            rec.log("The client went away before UPDATE_SUCCESS (" + UpstreamUpdate.describe(e)
                    + "); the update is applied");
        }
    }

    private static long sizeOf(Metadata metadata, String path) {
        for (FileEntry f : metadata.files()) {
            if (f.path().equals(path)) {
                return f.size();
            }
        }
        return 0;
    }

    /** Every path resolves inside the root, outside the runtime's own folder, and fits what is already there. */
    static List<Path> checkTargets(FlashFilesystem flash, Metadata metadata) throws MetadataException {
        List<Path> targets = new ArrayList<>();
        for (FileEntry f : metadata.files()) {
            String p = f.path();
            if (p.equals(InstalledFiles.FILE)) {
                throw new MetadataException("path '" + p + "' is the board's list of installed files; an update"
                        + " cannot write it");
            }
            if (p.equals(UpdateJournal.WORK_DIR) || p.startsWith(UpdateJournal.WORK_DIR + "/")) {
                throw new MetadataException("path '" + p + "' is inside " + UpdateJournal.WORK_DIR
                        + "/, the folder where the device stages updates");
            }
            Path target;
            try {
                target = flash.resolveStrict(p);
            } catch (ConfinementException e) {
                throw new MetadataException(e.getMessage());
            }
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new MetadataException("path '" + p + "' is a folder on the device; it cannot become a file");
            }
            String folder = DevicePath.parent(p);
            while (!folder.isEmpty()) {
                Path dir;
                try {
                    dir = flash.resolveStrict(folder);
                } catch (ConfinementException e) {
                    throw new MetadataException(e.getMessage());
                }
                if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    throw new MetadataException("path '" + p + "' needs the folder '" + folder
                            + "', which is a file on the device");
                }
                folder = DevicePath.parent(folder);
            }
            targets.add(target);
        }
        return targets;
    }

    private static void send(DeviceConnection conn, SessionRecorder rec, Reply reply) throws UpdateFailure {
        try {
            rec.send(conn, reply);
        } catch (IOException e) {
            throw new UpdateFailure("sending " + reply.word() + " failed: " + UpstreamUpdate.describe(e));
        }
    }
}
