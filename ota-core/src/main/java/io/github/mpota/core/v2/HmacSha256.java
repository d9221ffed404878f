package io.github.mpota.core.v2;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) on {@link MessageDigest}, fed incrementally so that a payload of any size is
 * authenticated in one pass. Built here rather than on {@code javax.crypto.Mac} because that refuses an empty key,
 * and v2 keys a MAC with whatever password the user has.
 */
public final class HmacSha256 {

    private static final int BLOCK = 64;

    private final MessageDigest inner = sha256();
    private final byte[] outerPad = new byte[BLOCK];

    public HmacSha256(byte[] key) {
        byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
        byte[] innerPad = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            innerPad[i] = (byte) (b ^ 0x36);
            outerPad[i] = (byte) (b ^ 0x5c);
        }
        inner.update(innerPad);
    }

    public HmacSha256 update(byte[] data) {
        inner.update(data);
        return this;
    }

    public HmacSha256 update(byte[] data, int off, int len) {
        inner.update(data, off, len);
        return this;
    }

    public HmacSha256 update(byte b) {
        inner.update(b);
        return this;
    }

    /** The MAC; this object is used up. */
    public byte[] finish() {
        MessageDigest outer = sha256();
        outer.update(outerPad);
        return outer.digest(inner.digest());
    }

    public static byte[] mac(byte[] key, byte[]... parts) {
        HmacSha256 h = new HmacSha256(key);
        for (byte[] p : parts) {
            h.update(p);
        }
        return h.finish();
    }

    /** PBKDF2-HMAC-SHA256 (RFC 8018) for one 32-byte block, the only length v2 derives. */
    public static byte[] pbkdf2(byte[] password, byte[] salt, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
        }
        byte[] u = mac(password, salt, new byte[] {0, 0, 0, 1});
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac(password, u);
            for (int j = 0; j < t.length; j++) {
                t[j] ^= u[j];
            }
        }
        return t;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
