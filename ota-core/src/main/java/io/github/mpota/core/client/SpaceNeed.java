package io.github.mpota.core.client;

import io.github.mpota.core.metadata.DevicePath;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The free space an update really needs on an empty board, counted as a board's filesystem counts it: whole
 * blocks (each started block of a file; an empty file takes none, its entry lives in its folder's), one per
 * folder, and the received payload, which stays on the filesystem
 * while the files are written. Step 8's byte rule ({@code compressed_size + total_uncompressed}) is only the
 * first test; a board with that much free can still run out of blocks half way.
 *
 * <ul>
 *   <li>The reference server ({@code staged} false) keeps the payload file while it writes each file in
 *       place, making each file's folder: payload + files + folders.</li>
 *   <li>Our server ({@code staged} true) receives the payload into {@code .ota/}, inflates every file into
 *       {@code .ota/stage/} (folders mirrored there), deletes the payload, then makes the target folders and a
 *       journal before it moves the files: the larger of the two moments.</li>
 * </ul>
 * On a board that already holds some of the files the need is smaller (rewritten files give their blocks
 * back); this is the figure for a board that holds none of them.
 */
public final class SpaceNeed {

    /** The block size of the board filesystems the project knows (ESP32, ESP8266, RP2: 4096). */
    public static final int DEFAULT_BLOCK_SIZE = 4096;

    private SpaceNeed() {
    }

    /** Bytes free that the board needs: the byte rule or the blocks, whichever is larger. */
    public static long bytes(Metadata metadata, int blockSize, boolean staged) {
        return Math.max(metadata.spaceNeeded(), blocks(metadata, blockSize, staged) * blockSize);
    }

    /** The blocks the update takes at its fullest moment. */
    public static long blocks(Metadata metadata, int blockSize, boolean staged) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive, was " + blockSize);
        }
        long files = 0;
        Set<String> folders = new LinkedHashSet<>();
        for (FileEntry f : metadata.files()) {
            files += blocksFor(f.size(), blockSize);
            for (String p = DevicePath.parent(f.path()); !p.isEmpty(); p = DevicePath.parent(p)) {
                folders.add(p);
            }
        }
        long payload = blocksFor(metadata.compressedSize(), blockSize);
        if (!staged) {
            return payload + files + folders.size();
        }
        long workFolders = 2; // .ota and .ota/stage
        long journal = 1;
        long receiving = workFolders + payload + files + folders.size();
        long committing = workFolders + files + folders.size() + folders.size() + journal;
        return Math.max(receiving, committing);
    }

    private static long blocksFor(long size, int blockSize) {
        return (size + blockSize - 1) / blockSize;
    }
}
