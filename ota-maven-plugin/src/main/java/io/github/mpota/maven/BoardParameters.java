package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.check.UpdateCheck;
import io.github.mpota.runtime.flash.BoardPreset;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * The board that a device runtime plays, as the check and device goals configure it: a board preset or a
 * number of free bytes, a profile, and the filesystem's block size. Turns the Maven parameters into the runtime's
 * builder settings.
 *
 * @param board a preset name ({@code esp32}, {@code esp8266}, {@code rp2-pico}, {@code rp2-pico-w})
 * @param freeBytes when set, the free bytes the board has before the update, instead of the preset's
 *     filesystem size less what the root already holds (0 is a full board)
 * @param profile {@code upstream} or {@code hardened}
 * @param blockSize the filesystem's block size in bytes (4096 littlefs, 512 FAT on an SD card, 1 byte-exact)
 */
record BoardParameters(String board, Long freeBytes, String profile, int blockSize) {

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

    /** Fails on a negative {@code freeBytes} or a block size under 1; 0 free bytes is a full board. */
    void validate() throws MojoExecutionException {
        if (blockSize < 1) {
            throw new MojoExecutionException("block size must be 1 byte or more, was " + blockSize + " (-Dota.blockSize)");
        }
        if (freeBytes != null && freeBytes < 0) {
            throw new MojoExecutionException("-Dota.freeBytes must be 0 or more, was " + freeBytes);
        }
    }

    /** Sets board, block size, filesystem size and profile on {@code builder}, whose root is {@code root}. */
    DeviceRuntimeBuilder apply(DeviceRuntimeBuilder builder, Path root) throws MojoExecutionException {
        validate();
        builder.board(boardPreset()).profile(profileValue());
        try {
            applyTo(builder, root);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the board folder " + root + ": " + e.getMessage(), e);
        }
        return builder;
    }

    /** As {@link #apply} once the values are valid; for the runtime's check, which reports I/O errors itself. */
    void applyTo(DeviceRuntimeBuilder builder, Path root) throws IOException {
        builder.board(BoardPreset.byName(board)).profile(Profile.byName(profile)).blockSize(blockSize);
        if (freeBytes != null) {
            builder.capacityBytes(UpdateCheck.capacityWithFree(root, freeBytes, blockSize));
        }
    }

    String describe() {
        return (freeBytes != null ? freeBytes + " bytes free" : board) + ", " + profile + " profile"
                + (blockSize != 4096 ? ", " + blockSize + "-byte blocks" : "");
    }
}
