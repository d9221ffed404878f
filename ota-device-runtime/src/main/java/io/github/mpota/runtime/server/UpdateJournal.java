package io.github.mpota.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hardened profile's atomic apply. An update is first inflated into {@code .ota/stage/} inside the root; only
 * when every file is complete is a journal written ({@code .ota/journal.json}, listing the files), and then each
 * staged file is renamed over its target. A reset at any point is repaired at boot by {@link #recover}: with a
 * journal the apply is finished (every staged file is complete, so finishing is always possible); without one the
 * staging is discarded and the old files were never touched.
 */
public final class UpdateJournal {

    /** The runtime's own folder inside the root; metadata may not name it. */
    public static final String WORK_DIR = ".ota";
    static final String STAGE_DIR = "stage";
    static final String JOURNAL = "journal.json";
    static final String PAYLOAD = "payload.tmp";

    /** Told after each file is moved into place; a test makes it throw to cut the power half way. */
    @FunctionalInterface
    public interface MoveObserver {
        MoveObserver NONE = path -> { };

        void moved(String devicePath) throws IOException;
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final FlashFilesystem flash;

    public UpdateJournal(FlashFilesystem flash) {
        this.flash = flash;
    }

    Path workDir() throws IOException {
        return flash.resolveStrict(WORK_DIR);
    }

    /**
     * Creates an empty staging area, deleting any earlier one. A committed journal must be finished by
     * {@link #recover} before this: deleting it would make its half-done apply permanent.
     */
    public void begin() throws IOException {
        flash.deleteTree(workDir());
        flash.mkdirs(stageRoot());
    }

    Path payloadFile() throws IOException {
        return flash.resolveStrict(WORK_DIR + "/" + PAYLOAD);
    }

    private Path stageRoot() throws IOException {
        return flash.resolveStrict(WORK_DIR + "/" + STAGE_DIR);
    }

    /** Opens the staged copy of {@code devicePath}, creating its folders inside the staging area. */
    public OutputStream openStaged(String devicePath) throws IOException {
        Path staged = flash.resolveStrict(WORK_DIR + "/" + STAGE_DIR + "/" + devicePath);
        flash.mkdirs(staged.getParent());
        return flash.create(staged);
    }

    /** Removes the staging area (an update that failed before its apply). */
    public void discard() throws IOException {
        flash.deleteTree(workDir());
    }

    /**
     * Moves every staged file into place, in order, after writing the journal; {@code moved} is told each one.
     *
     * @throws CommittedException when a move fails after the journal was committed: the update is then finished
     *     at the next boot (or the next session), never rolled back
     */
    public void apply(List<String> devicePaths, MoveObserver moved) throws IOException {
        commit(devicePaths);
        try {
            finish(devicePaths, moved);
        } catch (IOException e) {
            throw new CommittedException(e);
        }
    }

    /**
     * Prepares everything that can fail for lack of space (the targets' folders) and then writes the journal, so
     * that after the commit point only renames remain, and renames free blocks rather than take them.
     */
    private void commit(List<String> devicePaths) throws IOException {
        List<Path> created = new ArrayList<>();
        try {
            for (String path : devicePaths) {
                Path target = flash.resolveStrict(path);
                createFolders(target.getParent(), created);
                if (flash.isDirectory(target)) {
                    throw new IOException(path + " is a folder on the device; it cannot be replaced by a file");
                }
            }
            ObjectNode journal = MAPPER.createObjectNode();
            ArrayNode files = journal.putArray("files");
            devicePaths.forEach(files::add);
            Path journalFile = flash.resolveStrict(WORK_DIR + "/" + JOURNAL);
            Path journalTemp = flash.resolveStrict(WORK_DIR + "/" + JOURNAL + ".tmp");
            try (OutputStream out = flash.create(journalTemp)) {
                out.write(MAPPER.writeValueAsBytes(journal));
            }
            // The rename is the commit point: from here on a reset finishes the apply.
            flash.move(journalTemp, journalFile);
        } catch (IOException e) {
            // Not committed: the board keeps exactly its old files, so the folders made for the update go too.
            for (int i = created.size() - 1; i >= 0; i--) {
                try {
                    flash.deleteTree(created.get(i));
                } catch (IOException ignored) {
                    // left for the user to see; the failure being reported matters more
                }
            }
            throw e;
        }
    }

    /** Creates {@code folder} and its missing parents inside the root, noting each one it creates. */
    private void createFolders(Path folder, List<Path> created) throws IOException {
        if (folder.equals(flash.root()) || flash.isDirectory(folder)) {
            return;
        }
        createFolders(folder.getParent(), created);
        flash.mkdirs(folder);
        created.add(folder);
    }

    /** A failure after the commit point: the update is applied at the next boot or session, not rolled back. */
    public static final class CommittedException extends IOException {
        private static final long serialVersionUID = 1L;

        CommittedException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private void finish(List<String> devicePaths, MoveObserver moved) throws IOException {
        for (String path : devicePaths) {
            Path staged = flash.resolveStrict(WORK_DIR + "/" + STAGE_DIR + "/" + path);
            if (!Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
                continue; // moved before a reset
            }
            Path target = flash.resolveStrict(path);
            Path parent = target.getParent();
            if (!parent.equals(flash.root())) {
                flash.mkdirs(parent);
            }
            if (flash.isDirectory(target)) {
                throw new IOException(path + " is a folder on the device; it cannot be replaced by a file");
            }
            flash.move(staged, target);
            moved.moved(path);
        }
        flash.deleteTree(workDir());
    }

    /**
     * At boot: finishes an apply that a reset interrupted, or discards a staging that never reached its journal.
     *
     * @return the files the finished apply wrote, empty when there was nothing to finish
     */
    public List<String> recover(Consumer<String> log) throws IOException {
        Path work = workDir();
        if (!Files.exists(work, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        Path journalFile = flash.resolveStrict(WORK_DIR + "/" + JOURNAL);
        if (!Files.isRegularFile(journalFile, LinkOption.NOFOLLOW_LINKS)) {
            log.accept("Discarding an update that was interrupted before it was applied; the old files are intact");
            flash.deleteTree(work);
            return List.of();
        }
        JsonNode journal = MAPPER.readTree(Files.readAllBytes(journalFile));
        List<String> paths = new ArrayList<>();
        for (JsonNode p : journal.path("files")) {
            paths.add(p.asText());
        }
        log.accept("Finishing an update that a reset interrupted (" + paths.size() + " files)");
        finish(paths, MoveObserver.NONE);
        return paths;
    }
}
