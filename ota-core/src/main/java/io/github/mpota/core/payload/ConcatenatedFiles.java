package io.github.mpota.core.payload;

import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The selected files end to end, as the payload holds them, read one at a time. Hashes the bytes as they go by
 * (the content digest) and lists each file with the size actually read; a file that changes size while it is read
 * is an error rather than a payload that disagrees with its metadata.
 */
final class ConcatenatedFiles extends InputStream {

    private final Iterator<SourceFile> files;
    private final List<FileEntry> entries;
    private final MessageDigest digest;
    private SourceFile current;
    private InputStream in;
    private long readOfCurrent;

    ConcatenatedFiles(List<SourceFile> files) {
        this.files = files.iterator();
        this.entries = new ArrayList<>(files.size());
        this.digest = sha256();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (in == null && !open()) {
                return -1;
            }
            int r = in.read(b, off, len);
            if (r > 0) {
                digest.update(b, off, r);
                readOfCurrent += r;
                return r;
            }
            closeCurrent();
        }
    }

    private boolean open() throws IOException {
        if (!files.hasNext()) {
            return false;
        }
        current = files.next();
        in = Files.newInputStream(current.localPath());
        readOfCurrent = 0;
        return true;
    }

    private void closeCurrent() throws IOException {
        in.close();
        in = null;
        if (readOfCurrent != current.size()) {
            throw new IOException(current.localPath() + " changed while it was packed (" + current.size()
                    + " bytes when selected, " + readOfCurrent + " when read); run the push again");
        }
        entries.add(new FileEntry(current.devicePath(), readOfCurrent));
    }

    /** The files as read, once the stream has been read to its end. */
    List<FileEntry> entries() {
        if (in != null || files.hasNext()) {
            throw new IllegalStateException("the files have not all been read");
        }
        return List.copyOf(entries);
    }

    /** Lowercase hex SHA-256 of every byte read, once the stream has been read to its end. */
    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance(Protocol.CONTENT_DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + Protocol.CONTENT_DIGEST, e);
        }
    }
}
