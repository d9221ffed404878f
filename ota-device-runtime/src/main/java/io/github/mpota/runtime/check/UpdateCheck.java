package io.github.mpota.runtime.check;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.SpaceNeed;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.SessionOutcome;
import io.github.mpota.runtime.flash.BoardFileTree;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Would a board take this update? The same push as a real one, into a device runtime that plays the board (in
 * a temporary folder, optionally holding the board's current files), and the board's file tree and free space
 * afterwards. Front ends (the plugin's {@code ota:check}, a command line) give the board and report the lines.
 */
public final class UpdateCheck {

    /** How long the simulated board may take for the whole update; it runs on this machine. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    /** A filesystem so large that measuring what a folder takes on it never runs out of blocks. */
    private static final long MEASURING_CAPACITY = Long.MAX_VALUE / 4;

    /** Sets the board (preset or size, profile) on a builder whose root is {@code root}. */
    @FunctionalInterface
    public interface BoardSetup {
        void configure(DeviceRuntimeBuilder builder, Path root) throws IOException;
    }

    /** The check could not be run, or the board would refuse or break the update; the message says which. */
    public static final class CheckException extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean refused;

        CheckException(String message, boolean refused) {
            super(message);
            this.refused = refused;
        }

        /** True when the board refused or broke the update (the project must change), false when the check failed. */
        public boolean refused() {
            return refused;
        }
    }

    private final Consumer<String> info;
    private final Consumer<String> boardLog;

    /**
     * @param info receives the lines a user reads: what is checked, the board's tree afterwards, the space left
     * @param boardLog receives the simulated board's own log
     */
    public UpdateCheck(Consumer<String> info, Consumer<String> boardLog) {
        this.info = info;
        this.boardLog = boardLog;
    }

    /**
     * @param boardContents a folder with the board's current files, or null for an empty board
     * @param boardDescription how the front end names the board, for the first line ("esp32, upstream profile")
     * @param fullTree every file of the board afterwards, or only its root files and top-level folders
     */
    public void run(PackedPayload payload, Path boardContents, BoardSetup board, String boardDescription,
            boolean fullTree) throws CheckException, IOException {
        if (boardContents != null && !Files.isDirectory(boardContents)) {
            throw new CheckException("board contents " + boardContents + " is not a folder", false);
        }
        Path root = Files.createTempDirectory("ota-check");
        try {
            if (boardContents != null) {
                copyContents(boardContents, root);
            }
            check(payload, root, board, boardDescription, fullTree);
        } finally {
            deleteTree(root);
        }
    }

    private void check(PackedPayload payload, Path root, BoardSetup board, String boardDescription,
            boolean fullTree) throws CheckException, IOException {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        DeviceRuntimeBuilder builder = DeviceRuntime.builder().root(root).bindAddress("127.0.0.1").port(0)
                .password(password).log(boardLog);
        board.configure(builder, root);
        try (DeviceRuntime runtime = builder.build().start()) {
            long freeBefore = runtime.flash().freeBytes();
            int files = payload.metadata().files().size();
            info.accept("Checking " + files + (files == 1 ? " file" : " files") + " ("
                    + ProgressFormat.bytes(payload.uncompressedSize()) + ", "
                    + ProgressFormat.bytes(payload.compressedSize()) + " compressed, "
                    + SpaceNeed.bytes(payload.metadata(), runtime.flash().blockSize(),
                            runtime.profile() == Profile.HARDENED) + " bytes needed free) against a board with "
                    + freeBefore + " bytes free (" + boardDescription + ")");
            PushException pushFailure = null;
            try {
                new OtaClient(ClientOptions.defaults("127.0.0.1", runtime.port()))
                        .push(payload, PasswordSource.of(password), ProgressListener.NONE);
            } catch (PushException e) {
                pushFailure = e;
            }
            SessionOutcome outcome;
            try {
                outcome = runtime.awaitSession(1, SESSION_TIMEOUT);
            } catch (TimeoutException e) {
                throw new CheckException("the simulated board did not finish the update within "
                        + SESSION_TIMEOUT.toSeconds() + " s"
                        + (pushFailure != null ? "; the push said: " + pushFailure.getMessage() : ""), false);
            }
            if (!outcome.success()) {
                String reason = outcome.reason() != null ? outcome.reason()
                        : pushFailure != null ? pushFailure.getMessage() : "it answered " + outcome.reply();
                throw new CheckException("The board would refuse or break this update: " + reason
                        + (outcome.filesWritten().isEmpty() ? "" : " (files already written before the failure: "
                                + String.join(", ", outcome.filesWritten()) + ")"), true);
            }
            if (pushFailure != null) {
                throw new CheckException("the simulated board applied the update but the push failed: "
                        + pushFailure.getMessage(), false);
            }
            info.accept("The board accepts the update. Its files afterwards"
                    + (fullTree ? ":" : ", top level (every file with the full tree):"));
            for (String line : fullTree ? BoardFileTree.lines(root) : BoardFileTree.summaryLines(root)) {
                info.accept("  " + line);
            }
            long free = runtime.flash().freeBytes();
            info.accept("Free space left: " + free + " bytes (" + ProgressFormat.bytes(free) + ") of "
                    + runtime.flash().capacityBytes() + " bytes");
        }
    }

    /**
     * The filesystem size of a board that has {@code freeBytes} free (rounded down to whole blocks, as a
     * filesystem reports them) besides what {@code root} already holds.
     */
    public static long capacityWithFree(Path root, long freeBytes, int blockSize) throws IOException {
        FlashFilesystem measure = new FlashFilesystem(root, MEASURING_CAPACITY, blockSize);
        long used = measure.capacityBytes() - measure.freeBytes();
        // A filesystem reports whole free blocks: 20000 bytes free is 4 blocks of 4096; 0 is a full board.
        return used + freeBytes / blockSize * blockSize;
    }

    private static void copyContents(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void deleteTree(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            boardLog.accept("could not delete the simulated board's folder " + root + ": " + e.getMessage());
        }
    }
}
