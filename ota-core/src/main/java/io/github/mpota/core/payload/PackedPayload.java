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

    /** The metadata of step 6 that describes this payload: the files in payload order, the sizes. */
    public Metadata metadata() {
        return metadata;
    }

    /** The raw deflate stream's length in bytes: what goes on the wire as the payload. */
    public long compressedSize() {
        return metadata.compressedSize();
    }

    /** The files' bytes added up. */
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

    /** The temporary file that holds the stream; deleted by {@link #close()}. */
    public Path file() {
        return file;
    }

    /** A new stream over the payload from its first byte; each caller (each board of a fleet) opens its own. */
    public InputStream open() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    /** Deletes the temporary file; the payload cannot be sent afterwards. */
    public void close() throws IOException {
        Files.deleteIfExists(file);
    }
}
