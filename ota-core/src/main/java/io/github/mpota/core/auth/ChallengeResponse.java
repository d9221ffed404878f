package io.github.mpota.core.auth;

import io.github.mpota.core.protocol.Protocol;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Step 2: {@code hex(SHA-256(challenge + password))}, both as UTF-8, challenge first. */
public final class ChallengeResponse {

    private ChallengeResponse() {
    }

    /** The 64 lowercase hex characters that a client sends for {@code challenge}. */
    public static String compute(String challenge, String password) {
        MessageDigest sha256 = newDigest();
        sha256.update(challenge.getBytes(StandardCharsets.UTF_8));
        sha256.update(password.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /**
     * The device's comparison: the received bytes must equal the expected hex text exactly (upper-case hex
     * fails, as on the reference device). Constant time in the content, so that timing tells an attacker nothing.
     */
    public static boolean verify(String challenge, String password, byte[] received) {
        byte[] expected = compute(challenge, password).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, received);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(Protocol.RESPONSE_DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + Protocol.RESPONSE_DIGEST, e);
        }
    }
}
