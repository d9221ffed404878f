package io.github.mpota.core.metadata;

import java.util.List;

/**
 * Step 6: what the client announces before the payload. The files are listed in the order in which the
 * payload holds them.
 */
public record Metadata(long compressedSize, long totalUncompressed, List<FileEntry> files) {
    public Metadata {
        files = List.copyOf(files);
    }

    /** Builds metadata whose {@code total_uncompressed} is the sum of the file sizes. */
    public static Metadata of(long compressedSize, List<FileEntry> files) {
        long total = 0;
        for (FileEntry f : files) {
            total = Math.addExact(total, f.size());
        }
        return new Metadata(compressedSize, total, files);
    }

    /** Step 8: what the device needs free: the payload plus every file. */
    public long spaceNeeded() {
        return compressedSize + totalUncompressed;
    }
}
