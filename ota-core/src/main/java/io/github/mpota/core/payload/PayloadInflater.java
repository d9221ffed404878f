package io.github.mpota.core.payload;

import io.github.mpota.core.metadata.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Step 10 on the device: inflates the raw deflate payload and cuts it into the listed files, each exactly
 * {@code size} bytes, in the order of the list.
 *
 * <p>Output is bounded by the listed sizes: a stream that inflates to more (a deflate bomb, or sizes that lie)
 * is stopped one buffer past the last file, never written out in full.
 */
public final class PayloadInflater {

    private static final int BUFFER_SIZE = 16 * 1024;

    private final boolean requireExactEnd;

    /**
     * @param requireExactEnd when true (our devices) the stream must end exactly where the last file ends, with
     *     no compressed bytes after it; when false (the reference device) whatever follows the last file is never
     *     read
     */
    public PayloadInflater(boolean requireExactEnd) {
        this.requireExactEnd = requireExactEnd;
    }

    public PayloadInflater() {
        this(true);
    }

    /** Inflates {@code compressed} into {@code sink}; returns the number of bytes written. */
    public long inflate(InputStream compressed, List<FileEntry> files, FileSink sink) throws IOException,
            PayloadException {
        // The JDK's zlib, not jzlib: jzlib ports zlib 1.1, whose raw inflate needs a byte past the end of the stream
        // to report its end; a dummy byte fed for that was taken as data when the real last byte was missing, so a
        // stream one byte short could pass with a wrong last byte. Current zlib ends a raw stream on its own bits.
        Inflater inflater = new Inflater(true);
        Cutter cutter = new Cutter(files, sink, requireExactEnd);
        try {
            byte[] in = new byte[BUFFER_SIZE];
            byte[] out = new byte[BUFFER_SIZE];
            long compressedRead = 0;
            while (!inflater.finished()) {
                if (inflater.needsInput()) {
                    int r = compressed.read(in);
                    if (r < 0) {
                        if (compressedRead == 0 && cutter.total == 0) {
                            // Nothing to send and nothing sent: the reference device accepts an empty update.
                            cutter.finish();
                            return 0;
                        }
                        throw new PayloadException("payload is short: the deflate stream ends early, after "
                                + cutter.written + " of " + cutter.total + " bytes" + cutter.where());
                    }
                    compressedRead += r;
                    inflater.setInput(in, 0, r);
                    continue;
                }
                if (inflater.needsDictionary()) {
                    throw new PayloadException("payload is corrupt: the deflate stream asks for a preset dictionary"
                            + cutter.where());
                }
                int produced;
                try {
                    produced = inflater.inflate(out);
                } catch (DataFormatException e) {
                    throw new PayloadException("payload is corrupt: the deflate stream fails after "
                            + compressedRead + " compressed bytes"
                            + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "") + cutter.where());
                }
                cutter.write(out, produced);
                if (!requireExactEnd && cutter.written == cutter.total) {
                    cutter.finish();
                    return cutter.written;
                }
            }
            if (requireExactEnd && (inflater.getRemaining() > 0 || compressed.read() >= 0)) {
                throw new PayloadException("payload has bytes after the end of the deflate stream");
            }
            cutter.finish();
            return cutter.written;
        } finally {
            cutter.abandon();
            inflater.end();
        }
    }

    /** Cuts the inflated bytes into files. */
    private static final class Cutter {
        final List<FileEntry> files;
        final FileSink sink;
        final boolean refuseExtra;
        final long total;
        int index = -1;
        long remaining;
        OutputStream current;
        long written;

        Cutter(List<FileEntry> files, FileSink sink, boolean refuseExtra) {
            this.files = files;
            this.sink = sink;
            this.refuseExtra = refuseExtra;
            long t = 0;
            for (FileEntry f : files) {
                t += f.size();
            }
            this.total = t;
        }

        void write(byte[] buf, int len) throws IOException, PayloadException {
            int off = 0;
            while (true) {
                if (current == null || remaining == 0) {
                    if (!next()) {
                        // Lenient: the reference device stops reading once the last file is full, so the rest of
                        // this buffer is dropped, not an error; the caller stops inflating right after.
                        if (off < len && refuseExtra) {
                            throw new PayloadException("payload is long: it inflates to more than the "
                                    + total + " bytes that the files add up to");
                        }
                        return;
                    }
                }
                if (off == len) {
                    return;
                }
                int n = (int) Math.min(remaining, len - off);
                current.write(buf, off, n);
                off += n;
                remaining -= n;
                written += n;
            }
        }

        /** Closes the file just completed and opens the next one; false when none is left. */
        private boolean next() throws IOException {
            if (current != null) {
                OutputStream done = current;
                current = null;
                done.close();
            }
            if (index + 1 >= files.size()) {
                index = files.size();
                return false;
            }
            index++;
            FileEntry f = files.get(index);
            current = sink.open(f);
            remaining = f.size();
            return true;
        }

        void finish() throws IOException, PayloadException {
            if (written < total) {
                throw new PayloadException("payload is short: it inflates to " + written + " of " + total
                        + " bytes" + where());
            }
            // Opens (and so creates) the empty files that come after the last byte of data.
            while (next()) {
                // every remaining file is empty: next() has created it
            }
        }

        String where() {
            if (index >= 0 && index < files.size()) {
                FileEntry f = files.get(index);
                return ", in " + f.path() + " at byte " + (f.size() - remaining) + " of " + f.size();
            }
            return "";
        }

        void abandon() {
            if (current != null) {
                try {
                    current.close();
                } catch (IOException ignored) {
                    // the failure being reported matters more
                }
                current = null;
            }
        }
    }
}
