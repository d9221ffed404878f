package io.github.mpota.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.protocol.Protocol;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    private static final Pattern EIGHT_LOWER_HEX = Pattern.compile("[0-9a-f]{8}");

    /** A generator that hands out fixed bytes, to see how the challenge is formed from them. */
    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        int calls;

        FixedRandom(byte... bytes) {
            this.bytes = bytes;
        }

        @Override
        public void nextBytes(byte[] out) {
            calls++;
            assertEquals(Protocol.CHALLENGE_BYTES, out.length, "the challenge takes 4 random bytes");
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    @Test
    void isTheFourRandomBytesHexlifiedInLowerCase() {
        FixedRandom random = new FixedRandom((byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef);
        assertEquals("deadbeef", Challenge.generate(random));
        assertEquals(1, random.calls);
        assertEquals("0a1b2c3d", Challenge.generate(new FixedRandom((byte) 0x0a, (byte) 0x1b, (byte) 0x2c,
                (byte) 0x3d)));
    }

    @Test
    void generatedChallengesAreEightLowerCaseHexAndVary() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String c = Challenge.generate(random);
            assertTrue(EIGHT_LOWER_HEX.matcher(c).matches(), c);
            assertTrue(Challenge.isWellFormed(c), c);
            seen.add(c);
        }
        // 200 draws from 2^32 values: a repeat is a one-in-a-hundred-thousand event, a constant is a bug.
        assertTrue(seen.size() >= 199, "challenges repeat: " + seen.size() + " distinct of 200");
    }

    @Test
    void recognisesOnlyTheChallengeForm() {
        assertTrue(Challenge.isWellFormed("0a1b2c3d"));
        assertTrue(Challenge.isWellFormed("00000000"));
        assertFalse(Challenge.isWellFormed("0A1B2C3D"), "upper case");
        assertFalse(Challenge.isWellFormed("0a1b2c3"), "7 characters");
        assertFalse(Challenge.isWellFormed("0a1b2c3d4"), "9 characters");
        assertFalse(Challenge.isWellFormed("HTTP/1.1"), "an HTTP server");
        assertFalse(Challenge.isWellFormed("0a1b2c3g"), "not hex");
        assertFalse(Challenge.isWellFormed(""), "empty");
    }
}
