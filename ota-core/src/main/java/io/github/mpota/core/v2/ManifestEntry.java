package io.github.mpota.core.v2;

import java.util.HexFormat;

/** One file of a board's manifest: a path that updates installed, its current size and content SHA-256. */
public record ManifestEntry(String path, long size, byte[] sha256) {

    public ManifestEntry {
        if (sha256.length != V2.DIGEST_BYTES) {
            throw new IllegalArgumentException("a SHA-256 is 32 bytes");
        }
        sha256 = sha256.clone();
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    /** Same size and content. */
    public boolean sameContent(long otherSize, byte[] otherSha256) {
        return size == otherSize && java.util.Arrays.equals(sha256, otherSha256);
    }
}
