package io.github.mpota.core.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChallengeTest {

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
