package io.github.mpota.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aPasswordShorterThanTwelveCharactersIsWarnedAbout() {
        String w = Passwords.weakness("elevenchars").orElseThrow();
        assertTrue(w.startsWith("the OTA password is shorter than 12 characters (11)"), w);
        assertFalse(w.contains("elevenchars"), "the warning never shows the password");
        assertEquals(Optional.empty(), Passwords.weakness("twelve-chars"));
    }

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        SecureRandom r = new SecureRandom();
        String a = Passwords.generate(r);
        assertEquals(24, a.length());
        assertTrue(a.matches("[A-Za-z0-9]+"), a);
        assertNotEquals(a, Passwords.generate(r));
    }
}
