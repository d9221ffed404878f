package io.github.mpota.maven;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.SessionOutcome;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The conformance check before flashing a real board: the same push as {@code ota:push}, into a device runtime
 * run inside the build that plays the board (its preset or free bytes, its profile, and optionally its current
 * files). Fails the build when the board would refuse or break the update (not enough space, a folder the
 * reference server cannot create, an invalid path...); otherwise prints the board's resulting file tree with
 * sizes and the free space left.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractOtaMojo {

    /** How long the simulated board may take for the whole update; it runs on this machine. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    /** The board preset whose filesystem size the board has: esp32, esp8266, rp2-pico, rp2-pico-w. */
    @Parameter(property = "ota.board", defaultValue = "esp32")
    String board;

    /**
     * The free bytes the board has now (rounded down to whole blocks of {@code blockSize}; 0 is a full board),
     * instead of the preset's filesystem size less its current contents.
     */
    @Parameter(property = "ota.freeBytes")
    Long freeBytes;

    /** The filesystem's block size in bytes: 4096 (littlefs), 512 (FAT on an SD card), 1 (byte-exact). */
    @Parameter(property = "ota.blockSize", defaultValue = "4096")
    int blockSize = FlashFilesystem.DEFAULT_BLOCK_SIZE;

    /** {@code upstream} for boards running the reference server, {@code hardened} for ours. */
    @Parameter(property = "ota.profile", defaultValue = "upstream")
    String profile;

    /**
     * A folder holding the board's current files (for example a copy taken with mpremote), which the check
     * puts on the simulated board before the update; none means an empty board.
     */
    @Parameter(property = "ota.boardContents")
    File boardContents;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the OTA check (ota.skip)");
            return;
        }
        DeviceRuntimeSettings settings = new DeviceRuntimeSettings(board, freeBytes, profile, blockSize);
        settings.profileValue();
        settings.boardPreset();
        FileSelection selection = selectFiles();
        if (selection.files().isEmpty()) {
            throw new MojoExecutionException("no files to check in " + src + ": every file was left out by"
                    + " pymakr.conf or the includes/excludes, or the folder is empty (-Dota.src, -Dota.includes,"
                    + " -Dota.excludes)");
        }
        Path root = null;
        try {
            root = Files.createTempDirectory("ota-check");
            if (boardContents != null) {
                copyContents(boardContents.toPath(), root);
            }
            check(selection, settings, root);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot prepare the simulated board in " + root + ": "
                    + e.getMessage(), e);
        } finally {
            if (root != null) {
                deleteTree(root);
            }
        }
    }

    private void check(FileSelection selection, DeviceRuntimeSettings settings, Path root)
            throws MojoExecutionException, MojoFailureException, IOException {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        DeviceRuntimeBuilder builder = DeviceRuntime.builder().root(root).bindAddress("127.0.0.1").port(0)
                .password(password).log(line -> getLog().debug("[board] " + line));
        settings.apply(builder, root);
        try (DeviceRuntime runtime = builder.build().start();
             PackedPayload payload = new PayloadDeflater().pack(selection.files(), null)) {
            long freeBefore = runtime.flash().freeBytes();
            getLog().info("Checking " + files(selection.files().size()) + " ("
                    + ProgressFormat.bytes(payload.uncompressedSize()) + ", "
                    + ProgressFormat.bytes(payload.compressedSize()) + " compressed, "
                    + payload.metadata().spaceNeeded() + " bytes needed free) against a board with "
                    + freeBefore + " bytes free (" + settings.describe() + ")");
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
                throw new MojoExecutionException("the simulated board did not finish the update within "
                        + SESSION_TIMEOUT.toSeconds() + " s"
                        + (pushFailure != null ? "; the push said: " + pushFailure.getMessage() : ""));
            }
            if (!outcome.success()) {
                String reason = outcome.reason() != null ? outcome.reason()
                        : pushFailure != null ? pushFailure.getMessage() : "it answered " + outcome.reply();
                throw new MojoFailureException("The board would refuse or break this update: " + reason
                        + (outcome.filesWritten().isEmpty() ? "" : " (files already written before the failure: "
                                + String.join(", ", outcome.filesWritten()) + ")")
                        + ". Change the files, or check against another board (-Dota.board, -Dota.freeBytes,"
                        + " -Dota.profile, -Dota.boardContents).");
            }
            if (pushFailure != null) {
                throw new MojoExecutionException("the simulated board applied the update but the push failed: "
                        + pushFailure.getMessage());
            }
            getLog().info("The board accepts the update. Its files afterwards:");
            for (String line : BoardFileTree.lines(root)) {
                getLog().info("  " + line);
            }
            long free = runtime.flash().freeBytes();
            getLog().info("Free space left: " + free + " bytes (" + ProgressFormat.bytes(free) + ") of "
                    + runtime.flash().capacityBytes() + " bytes");
        }
    }

    private static void copyContents(Path from, Path to) throws MojoExecutionException, IOException {
        if (!Files.isDirectory(from)) {
            throw new MojoExecutionException("board contents " + from + " is not a folder; give a folder with"
                    + " the board's current files, or leave -Dota.boardContents out for an empty board");
        }
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
            getLog().warn("Could not delete the simulated board's folder " + root + ": " + e.getMessage());
        }
    }
}
