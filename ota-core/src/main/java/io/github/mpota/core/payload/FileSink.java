package io.github.mpota.core.payload;

import io.github.mpota.core.metadata.FileEntry;
import java.io.IOException;
import java.io.OutputStream;

/** Where the inflater writes each file: the device filesystem, a staging folder, or memory in a test. */
@FunctionalInterface
public interface FileSink {
    /** Opens the file for writing, truncated; the inflater writes exactly {@code entry.size()} bytes and closes it. */
    OutputStream open(FileEntry entry) throws IOException;
}
