package io.github.mpota.core.auth;

import io.github.mpota.core.protocol.Protocol;

/**
 * Step 1: the device's challenge, 4 bytes as 8 lowercase hex characters; a device draws them from
 * {@link ChallengeSequence}.
 */
public final class Challenge {

    private Challenge() {
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
