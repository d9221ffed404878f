package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.Profile;
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
 * @param blockSize the filesystem's block size in bytes ({@code f_bsize}), passed to the runtime's builder
 */
record DeviceRuntimeSettings(String board, Long freeBytes, String profile, int blockSize) {

    /** A filesystem so large that measuring what a folder takes on it never runs out of blocks. */
    private static final long MEASURING_CAPACITY = Long.MAX_VALUE / 4;

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

    /** Sets board, filesystem size and profile on {@code builder}, whose root is {@code root}. */
    DeviceRuntimeBuilder apply(DeviceRuntimeBuilder builder, Path root) throws MojoExecutionException {
        try {
            builder.blockSize(blockSize);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.blockSize)");
        }
        builder.board(boardPreset()).profile(profileValue());
        if (freeBytes != null) {
            if (freeBytes < 0) {
                throw new MojoExecutionException("-Dota.freeBytes must be 0 or more, was " + freeBytes);
            }
            // A filesystem reports whole free blocks: 20000 bytes free is 4 blocks of 4096; 0 is a full board.
            long free = freeBytes / blockSize * blockSize;
            builder.capacityBytes(usedBytes(root, blockSize) + free);
        }
        return builder;
    }

    /** What the root's files and folders take on the board's filesystem, in whole blocks. */
    static long usedBytes(Path root, int blockSize) throws MojoExecutionException {
        try {
            FlashFilesystem measure = new FlashFilesystem(root, MEASURING_CAPACITY, blockSize);
            return measure.capacityBytes() - measure.freeBytes();
        } catch (IOException e) {
            throw new MojoExecutionException("cannot read the board folder " + root + ": " + e.getMessage(), e);
        }
    }

    String describe() {
        return (freeBytes != null ? freeBytes + " bytes free" : board) + ", " + profile + " profile";
    }
}
