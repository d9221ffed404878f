package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.check.UpdateCheck;
import io.github.mpota.runtime.flash.BoardPreset;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The board that a device runtime plays, as the check and device goals configure it: a board preset or a
 * number of free bytes, and a profile. Turns the Maven parameters into the runtime's builder settings.
 *
 * @param board a preset name ({@code esp32}, {@code esp8266}, {@code rp2-pico}, {@code rp2-pico-w})
 * @param freeBytes when set, the free bytes the board has before the update, instead of the preset's
 *     filesystem size less what the root already holds
 * @param profile {@code upstream} or {@code hardened}
 */
record BoardParameters(String board, Long freeBytes, String profile) {

    BoardPreset boardPreset() throws MojoExecutionException {
        try {
            return BoardPreset.byName(board);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.board, or -Dota.freeBytes)");
        }
    }

    Profile profileValue() throws MojoExecutionException {
        try {
            return Profile.byName(profile);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.profile)");
        }
    }

    /** Fails when {@code freeBytes} is set to less than one block: such a board refuses every update. */
    void validFreeBytes() throws MojoExecutionException {
        if (freeBytes == null) {
            return;
        }
        if (freeBytes < 0) {
            throw new MojoExecutionException("-Dota.freeBytes must be 0 or more, was " + freeBytes);
        }
        if (freeBytes < FlashFilesystem.BLOCK_SIZE) {
            throw new MojoExecutionException("-Dota.freeBytes=" + freeBytes + " is less than one "
                    + FlashFilesystem.BLOCK_SIZE + "-byte block: such a board refuses every update (each file"
                    + " takes at least one block)");
        }
    }

    /** Sets board, filesystem size and profile on {@code builder}, whose root is {@code root}. */
    DeviceRuntime.Builder apply(DeviceRuntime.Builder builder, Path root) throws MojoExecutionException {
        validFreeBytes();
        builder.board(boardPreset()).profile(profileValue());
        try {
            applyTo(builder, root);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the board folder " + root + ": " + e.getMessage(), e);
        }
        return builder;
    }

    /** As {@link #apply} once the values are valid; for the runtime's check, which reports I/O errors itself. */
    void applyTo(DeviceRuntime.Builder builder, Path root) throws IOException {
        builder.board(BoardPreset.byName(board)).profile(Profile.byName(profile));
        if (freeBytes != null) {
            builder.capacityBytes(UpdateCheck.capacityWithFree(root, freeBytes));
        }
    }

    String describe() {
        return (freeBytes != null ? freeBytes + " bytes free" : board) + ", " + profile + " profile";
    }
}
