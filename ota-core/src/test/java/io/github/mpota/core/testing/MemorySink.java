package io.github.mpota.core.testing;

import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.payload.FileSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link FileSink} in memory that records the order of opens and that every file is closed once. */
public final class MemorySink implements FileSink {

    private final Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
    private final List<String> opened = new ArrayList<>();
    private final List<String> closed = new ArrayList<>();

    @Override
    public OutputStream open(FileEntry entry) {
        opened.add(entry.path());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        files.put(entry.path(), bytes);
        return new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                closed.add(entry.path());
            }
        };
    }

    public byte[] content(String path) {
        ByteArrayOutputStream b = files.get(path);
        if (b == null) {
            throw new AssertionError(path + " was never opened; opened: " + opened);
        }
        return b.toByteArray();
    }

    /** Total bytes written to every file. */
    public long bytesWritten() {
        return files.values().stream().mapToLong(ByteArrayOutputStream::size).sum();
    }

    public List<String> opened() {
        return List.copyOf(opened);
    }

    public List<String> closed() {
        return List.copyOf(closed);
    }
}
