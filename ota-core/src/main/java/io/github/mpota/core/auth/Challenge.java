package io.github.mpota.core.auth;

import io.github.mpota.core.protocol.Protocol;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Step 1: the device's challenge, 4 bytes from a cryptographically strong generator, as 8 lowercase hex characters. */
public final class Challenge {

    private static final HexFormat HEX = HexFormat.of();

    private Challenge() {
    }

    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[Protocol.CHALLENGE_BYTES];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** True when {@code text} has the form of a challenge: 8 lowercase hex characters. */
    public static boolean isWellFormed(String text) {
        if (text.length() != Protocol.CHALLENGE_LENGTH) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
