package io.github.mpota.core.v2;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The v2 key schedule: {@code K} from the password by PBKDF2, then the board proof, the client proof and the
 * session key, each an HMAC of {@code K} over a label and the transcript {@code T} (challenge, opening and the
 * hello without its proof), so that both nonces make every value fresh.
 */
public final class KeySchedule {

    private final byte[] key;
    private final byte[] transcript;

    public KeySchedule(byte[] key, byte[] transcript) {
        this.key = key.clone();
        this.transcript = transcript.clone();
    }

    /** {@code K}: what a board may derive once at boot and keep. */
    public static byte[] deriveKey(String password, byte[] salt, int iterations) {
        return HmacSha256.pbkdf2(password.getBytes(StandardCharsets.UTF_8), salt, iterations);
    }

    public static byte[] transcript(String challenge, byte[] opening, byte[] helloHead) {
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.writeBytes(challenge.getBytes(StandardCharsets.US_ASCII));
        t.writeBytes(opening);
        t.writeBytes(helloHead);
        return t.toByteArray();
    }

    public byte[] boardProof() {
        return HmacSha256.mac(key, V2.ascii(V2.LABEL_BOARD), transcript);
    }

    public byte[] clientProof() {
        return HmacSha256.mac(key, V2.ascii(V2.LABEL_CLIENT), transcript);
    }

    public byte[] sessionKey() {
        return HmacSha256.mac(key, V2.ascii(V2.LABEL_SESSION), transcript);
    }

    /** Constant-time comparison, so that a proof cannot be guessed byte by byte from the timing. */
    public static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
