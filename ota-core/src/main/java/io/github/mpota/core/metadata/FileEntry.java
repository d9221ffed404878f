package io.github.mpota.core.metadata;

import java.util.Objects;

/** One entry of the metadata's {@code files} list: a device path and the number of bytes of that file. */
public record FileEntry(String path, long size) {
    public FileEntry {
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("size of " + path + " must not be negative: " + size);
        }
    }
}
