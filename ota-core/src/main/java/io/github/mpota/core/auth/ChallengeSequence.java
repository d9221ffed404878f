package io.github.mpota.core.auth;

import io.github.mpota.core.protocol.Protocol;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Challenges for one device that never repeat while it runs, yet cannot be predicted without its secret key.
 *
 * <p>The wire contract fixes the challenge at 4 bytes. Drawn independently at random, 32-bit challenges repeat by
 * the birthday bound (about one repeat in 77,000 sessions), and a repeated challenge lets a recorded response be
 * replayed. Here the n-th challenge is a keyed pseudo-random permutation of 32-bit values (a balanced Feistel
 * network whose round function is SHA-256 over a 256-bit key from {@link SecureRandom}) applied to a counter that
 * starts at a random value: a permutation cannot map two counter values to one challenge, so none repeats in
 * 2^32 challenges, and without the key the next one is as unguessable as a random draw.
 */
public final class ChallengeSequence {

    private static final int ROUNDS = 12;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] key = new byte[32];
    private int counter;

    public ChallengeSequence(SecureRandom random) {
        random.nextBytes(key);
        counter = random.nextInt();
    }

    /** The next challenge: 8 lowercase hex characters, different from every earlier one of this sequence. */
    public synchronized String next() {
        int value = permute(counter++);
        byte[] bytes = ByteBuffer.allocate(Protocol.CHALLENGE_BYTES).putInt(value).array();
        return HEX.formatHex(bytes);
    }

    private int permute(int x) {
        int left = x >>> 16;
        int right = x & 0xffff;
        MessageDigest sha256 = newDigest();
        for (int round = 0; round < ROUNDS; round++) {
            sha256.update(key);
            sha256.update((byte) round);
            sha256.update((byte) (right >>> 8));
            sha256.update((byte) right);
            byte[] f = sha256.digest();
            int mixed = left ^ (((f[0] & 0xff) << 8) | (f[1] & 0xff));
            left = right;
            right = mixed;
        }
        return (left << 16) | right;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(Protocol.RESPONSE_DIGEST);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + Protocol.RESPONSE_DIGEST, e);
        }
    }
}
