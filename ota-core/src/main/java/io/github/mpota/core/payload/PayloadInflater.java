package io.github.mpota.core.payload;

import com.jcraft.jzlib.GZIPException;
import com.jcraft.jzlib.Inflater;
import com.jcraft.jzlib.JZlib;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.protocol.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Step 10 on a hardened device: inflates the raw deflate payload and cuts it into the listed files, each exactly
 * {@code size} bytes, in the order of the list; the stream must end exactly where the last file ends, with no
 * compressed bytes after it.
 *
 * <p>Output is bounded by the listed sizes: a stream that inflates to more (a deflate bomb, or sizes that lie)
 * is stopped one buffer past the last file, never written out in full.
 *
 * <p>Given the metadata's content digest (extension "content digest"), it hashes the bytes as they are cut into
 * files and refuses the payload after the last file when they differ: a byte changed in transit that still inflates
 * to the listed sizes is caught before the caller applies anything.
 */
public final class PayloadInflater {

    private static final int BUFFER_SIZE = 16 * 1024;


    /** Inflates {@code compressed} into {@code sink}, checking no content digest; returns the bytes written. */
    public long inflate(InputStream compressed, List<FileEntry> files, FileSink sink) throws IOException,
            PayloadException {
        return inflate(compressed, files, sink, Optional.empty());
    }

    /**
     * Inflates {@code compressed} into {@code sink}; returns the number of bytes written. When
     * {@code expectedSha256} is present, the inflated bytes (all files, in order) must have that lowercase hex
     * SHA-256, else a {@link PayloadException} is thrown after the last file, before this returns.
     */
    public long inflate(InputStream compressed, List<FileEntry> files, FileSink sink, Optional<String> expectedSha256)
            throws IOException, PayloadException {
        Inflater inflater;
        try {
            inflater = new Inflater(Protocol.DEFLATE_WINDOW_BITS, true);
        } catch (GZIPException e) {
            throw new IOException("cannot create an inflater: " + e.getMessage(), e);
        }
        Cutter cutter = new Cutter(files, sink, expectedSha256);
        try {
            byte[] in = new byte[BUFFER_SIZE];
            byte[] out = new byte[BUFFER_SIZE];
            boolean inputEnded = false;
            long compressedRead = 0;
            while (true) {
                if (inflater.avail_in == 0 && !inputEnded) {
                    int r = compressed.read(in);
                    if (r < 0) {
                        inputEnded = true;
                        if (compressedRead == 0 && cutter.total == 0) {
                            // Nothing to send and nothing sent: the reference device accepts an empty update.
                            cutter.finish();
                            return 0;
                        }
                        // jzlib ports zlib 1.1, whose raw inflate may need one byte past the end of the stream to
                        // report Z_STREAM_END (java.util.zip.Inflater documents the same for nowrap). That byte is
                        // not payload: a stream that ends for real hands it back unread, checked below.
                        in[0] = 0;
                        inflater.setInput(in, 0, 1, false);
                    } else {
                        compressedRead += r;
                        inflater.setInput(in, 0, r, false);
                    }
                }
                inflater.setOutput(out, 0, out.length);
                int rc = inflater.inflate(JZlib.Z_NO_FLUSH);
                int produced = out.length - inflater.avail_out;
                cutter.write(out, produced);
                if (rc == JZlib.Z_STREAM_END) {
                    break;
                }
                if (rc == JZlib.Z_DATA_ERROR || rc == JZlib.Z_STREAM_ERROR || rc == JZlib.Z_NEED_DICT
                        || rc == JZlib.Z_MEM_ERROR) {
                    throw new PayloadException("payload is corrupt: the deflate stream fails after "
                            + compressedRead + " compressed bytes"
                            + (inflater.msg != null ? " (" + inflater.msg + ")" : "") + cutter.where());
                }
                if (produced == 0 && inputEnded && (inflater.avail_in == 0 || rc == JZlib.Z_BUF_ERROR)) {
                    throw tooShort(cutter);
                }
            }
            if (inputEnded && inflater.avail_in == 0) {
                // The stream took the byte fed past its end as its own last byte: the real one is missing.
                throw tooShort(cutter);
            }
            if ((inflater.avail_in > (inputEnded ? 1 : 0)
                    || (!inputEnded && compressed.read() >= 0))) {
                throw new PayloadException("payload has bytes after the end of the deflate stream");
            }
            cutter.finish();
            return cutter.written;
        } finally {
            cutter.abandon();
            inflater.end();
        }
    }

    private static PayloadException tooShort(Cutter cutter) {
        return new PayloadException("payload is short: the deflate stream ends early, after " + cutter.written
                + " of " + cutter.total + " bytes" + cutter.where());
    }

    /** Cuts the inflated bytes into files. */
    private static final class Cutter {
        final List<FileEntry> files;
        final FileSink sink;
        final long total;
        final Optional<String> expectedSha256;
        final MessageDigest content;
        int index = -1;
        long remaining;
        OutputStream current;
        long written;

        Cutter(List<FileEntry> files, FileSink sink, Optional<String> expectedSha256) {
            this.files = files;
            this.expectedSha256 = expectedSha256;
            try {
                this.content = expectedSha256.isPresent() ? MessageDigest.getInstance(Protocol.CONTENT_DIGEST) : null;
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has " + Protocol.CONTENT_DIGEST, e);
            }
            this.sink = sink;
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
                        if (off < len) {
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
                if (content != null) {
                    content.update(buf, off, n);
                }
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
            if (content != null) {
                String actual = HexFormat.of().formatHex(content.digest());
                if (!actual.equals(expectedSha256.get())) {
                    throw new PayloadException("payload content does not match " + Protocol.KEY_CONTENT_SHA256 + ": the "
                            + written + " bytes inflated have SHA-256 " + actual + ", the metadata lists "
                            + expectedSha256.get());
                }
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
