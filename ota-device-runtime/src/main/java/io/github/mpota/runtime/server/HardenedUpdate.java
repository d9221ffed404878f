package io.github.mpota.runtime.server;

import io.github.mpota.core.device.DeviceConnection;
import io.github.mpota.core.device.FixedLengthReads;
import io.github.mpota.core.metadata.DevicePath;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.metadata.MetadataCodec;
import io.github.mpota.core.metadata.MetadataException;
import io.github.mpota.core.payload.PayloadInflater;
import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.ProtocolException;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.runtime.flash.ConfinementException;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
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

    /** What a failure before the journal means: the board keeps every old file. */
    private static final String NOTHING_CHANGED = "; nothing was changed";

    private final UpdateJournal.MoveObserver moveObserver;

    HardenedUpdate(UpdateJournal.MoveObserver moveObserver) {
        this.moveObserver = moveObserver;
    }

    @Override
    public void update(DeviceConnection conn, BoardContext board, SessionRecorder rec) throws UpdateFailure {
        FlashFilesystem flash = board.flash();
        int length;
        try {
            length = LengthHeader.parse(UpdateSteps.readLengthField(conn, FixedLengthReads.EXACT),
                    Protocol.DEFAULT_MAX_METADATA_SIZE);
        } catch (ProtocolException e) {
            rec.event(TranscriptEvent.Type.LENGTH, "error", e.getMessage());
            throw new UpdateFailure(e.getMessage());
        }
        rec.event(TranscriptEvent.Type.LENGTH, "length", length);
        PhaseDeadlines.metadataLength(board.socket(), length);
        UpdateSteps.send(conn, Reply.OK);

        byte[] json;
        try {
            json = conn.readMetadata(length);
        } catch (IOException e) {
            throw new UpdateFailure("receiving the metadata failed: " + DeviceConnection.describe(e));
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
        PhaseDeadlines.payloadPhase(board.socket(), metadata.compressedSize());
        UpdateSteps.send(conn, Reply.OK);

        UpdateJournal staging = new UpdateJournal(flash);
        try {
            // An earlier apply that failed past its journal is finished before its staging is counted as used.
            staging.recover(rec::log);
        } catch (IOException e) {
            throw new UpdateFailure("cannot finish the earlier update: " + e.getMessage());
        }
        UpdateSteps.checkSpace(rec, BigDecimal.valueOf(metadata.spaceNeeded()), flash.freeBytes());

        boolean applied = false;
        try {
            staging.begin();
            Path payload = staging.payloadFile();
            UpdateSteps.receivePayload(conn, flash, payload, metadata.compressedSize(), rec, NOTHING_CHANGED);
            PhaseDeadlines.noPhase(board.socket());
            // The content digest (when the client sent one) is checked here, before the journal: a mismatch
            // leaves every old file as it was.
            try (InputStream in = Files.newInputStream(payload)) {
                new PayloadInflater().inflate(in, metadata.files(), entry -> staging.openStaged(entry.path()),
                        metadata.contentSha256());
            } catch (ProtocolException e) {
                throw new UpdateFailure(e.getMessage() + NOTHING_CHANGED);
            } catch (IOException e) {
                throw new UpdateFailure("cannot stage the update: " + e.getMessage() + NOTHING_CHANGED);
            }
            SettingsFileCheck.check(metadata.files(), path -> flash.resolveStrict(
                    UpdateJournal.WORK_DIR + "/" + UpdateJournal.STAGE_DIR + "/" + path));
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
            throw new UpdateFailure("cannot stage the update: " + e.getMessage());
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
            conn.send(Reply.UPDATE_SUCCESS);
        } catch (IOException e) {
            // The new files are in place: the update happened, and the board resets into them as after a success.
            rec.log("The client went away before UPDATE_SUCCESS (" + DeviceConnection.describe(e)
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
        ReservedNames.check(metadata.files());
        List<Path> targets = new ArrayList<>();
        for (FileEntry f : metadata.files()) {
            String p = f.path();
            if (ReservedNames.fold(p).equals(InstalledFiles.FILE)) {
                throw new MetadataException("path '" + p + "' is the board's list of installed files; an update"
                        + " cannot write it");
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
}
