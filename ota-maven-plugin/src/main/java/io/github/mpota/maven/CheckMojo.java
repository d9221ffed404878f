package io.github.mpota.maven;

import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.payload.PayloadEncoderException;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.runtime.check.UpdateCheck;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.io.File;
import java.io.IOException;
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
 * sizes ({@code ota.tree}: its top level, or every file) and the free space left.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractSourceMojo {

    /** Skip this goal only ({@code ota.skip} skips every goal of the plugin). */
    @Parameter(property = "ota.check.skip", defaultValue = "false")
    boolean checkSkip;

    @Override
    protected boolean skipThisGoal() {
        return checkSkip;
    }

    @Override
    protected String skipProperty() {
        return "ota.check.skip";
    }

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

    /**
     * A folder holding the board's current files (for example a copy taken with mpremote), which the check
     * puts on the simulated board before the update; none means an empty board.
     */
    @Parameter(property = "ota.boardContents")
    File boardContents;

    /**
     * How much of the board's file tree to print after the check: {@code summary} (its root files and one line per
     * top-level folder with its file count and bytes) or {@code full} (every file).
     */
    @Parameter(property = "ota.tree", defaultValue = "summary")
    String tree;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped("the OTA check")) {
            return;
        }
        boolean fullTree = fullTree();
        BoardParameters settings = new BoardParameters(board, freeBytes, profile, blockSize);
        settings.profileValue();
        settings.boardPreset();
        settings.validate();
        PayloadDeflater deflater = payloadDeflater();
        FileSelection selection = selectFiles();
        if (selection.files().isEmpty()) {
            throw new MojoExecutionException("no files to check in " + src + ": every file was left out by"
                    + " pymakr.conf or the includes/excludes, or the folder is empty (-Dota.src, -Dota.includes,"
                    + " -Dota.excludes)");
        }
        if (boardContents != null && !boardContents.isDirectory()) {
            throw new MojoExecutionException("board contents " + boardContents + " is not a folder; give a folder"
                    + " with the board's current files, or leave -Dota.boardContents out for an empty board");
        }
        UpdateCheck check = new UpdateCheck(getLog()::info, line -> getLog().debug("[device] " + line));
        try (PackedPayload payload = deflater.pack(selection.files(), null)) {
            getLog().debug("Payload compression: " + payload.encoding());
            check.run(payload, boardContents == null ? null : boardContents.toPath(),
                    settings::applyTo, settings.describe(), fullTree);
        } catch (PayloadEncoderException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (UpdateCheck.CheckException e) {
            if (e.refused()) {
                throw new MojoFailureException(e.getMessage() + ". Change the files, or check against another"
                        + " board (-Dota.board, -Dota.freeBytes, -Dota.profile, -Dota.boardContents).");
            }
            throw new MojoExecutionException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cannot prepare the simulated board: " + e.getMessage(), e);
        }
    }

    private boolean fullTree() throws MojoExecutionException {
        String t = tree == null ? "summary" : tree.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("summary") || t.equals("full")) {
            return t.equals("full");
        }
        throw new MojoExecutionException("-Dota.tree=" + tree + " is not a tree form: use summary or full");
    }
}
