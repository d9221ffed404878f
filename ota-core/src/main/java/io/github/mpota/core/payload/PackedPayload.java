package io.github.mpota.core.payload;

import io.github.mpota.core.metadata.Metadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A payload ready to send: the raw deflate stream in a temporary file, and the metadata that describes it.
 * Closing it deletes the file.
 */
public final class PackedPayload implements AutoCloseable {

    private final Path file;
    private final Metadata metadata;

    PackedPayload(Path file, Metadata metadata) {
        this.file = file;
        this.metadata = metadata;
    }

    public Metadata metadata() {
        return metadata;
    }

    public long compressedSize() {
        return metadata.compressedSize();
    }

    public long uncompressedSize() {
        return metadata.totalUncompressed();
    }

    public Path file() {
        return file;
    }

    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
