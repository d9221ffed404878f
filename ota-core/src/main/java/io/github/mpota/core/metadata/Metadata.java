package io.github.mpota.core.metadata;

import io.github.mpota.core.protocol.Protocol;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Step 6: what the client announces before the payload. The files are listed in the order in which the
 * payload holds them.
 *
 * @param contentSha256 the extension "content digest": lowercase hex SHA-256 of every file's bytes concatenated
 *     in the order of {@code files}; empty when the client sent none (plain v1)
 */
public record Metadata(long compressedSize, long totalUncompressed, List<FileEntry> files,
        Optional<String> contentSha256) {
    public Metadata {
        files = List.copyOf(files);
        Objects.requireNonNull(contentSha256, "contentSha256 (use Optional.empty() for none)");
        contentSha256.ifPresent(hex -> {
            if (!isContentSha256(hex)) {
                throw new IllegalArgumentException("content SHA-256 must be " + Protocol.CONTENT_SHA256_LENGTH
                        + " lowercase hex characters, was '" + hex + "'");
            }
        });
    }

    /** Plain v1 metadata, without a content digest. */
    public Metadata(long compressedSize, long totalUncompressed, List<FileEntry> files) {
        this(compressedSize, totalUncompressed, files, Optional.empty());
    }

    /** Builds metadata whose {@code total_uncompressed} is the sum of the file sizes. */
    public static Metadata of(long compressedSize, List<FileEntry> files) {
        long total = 0;
        for (FileEntry f : files) {
            total = Math.addExact(total, f.size());
        }
        return new Metadata(compressedSize, total, files);
    }

    /** The same metadata carrying the content digest {@code hex} (64 lowercase hex characters). */
    public Metadata withContentSha256(String hex) {
        return new Metadata(compressedSize, totalUncompressed, files, Optional.of(hex));
    }

    /** Step 8: what the device needs free: the payload plus every file. */
    public long spaceNeeded() {
        return compressedSize + totalUncompressed;
    }

    /** Whether {@code s} has the form of a content digest: exactly 64 lowercase hex characters. */
    public static boolean isContentSha256(String s) {
        if (s.length() != Protocol.CONTENT_SHA256_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
