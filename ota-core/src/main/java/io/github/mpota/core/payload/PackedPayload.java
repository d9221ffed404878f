package io.github.mpota.core.payload;

import io.github.mpota.core.metadata.Metadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A payload ready to send: the raw deflate stream in a temporary file, already inflated back and found to hold
 * the files, and the metadata that describes it. Closing it deletes the file.
 */
public final class PackedPayload implements AutoCloseable {

    private final Path file;
    private final Metadata metadata;
    private final Compression compression;
    private final String encoding;

    PackedPayload(Path file, Metadata metadata, Compression compression, String encoding) {
        this.file = file;
        this.metadata = metadata;
        this.compression = compression;
        this.encoding = encoding;
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

    /** The encoder that made the stream: {@link Compression#BEST} or {@link Compression#FAST}, never auto. */
    public Compression compression() {
        return compression;
    }

    /** How the stream was made, for a log line: the mode, the encoder and, for auto, why it chose it. */
    public String encoding() {
        return encoding;
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
