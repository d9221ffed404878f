package io.github.mpota.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChallengeResponseTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** The authentication vectors of PROTOCOL.md, the second with a non-ASCII password hashed as UTF-8. */
    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource({
        "0a1b2c3d, secret, 3b4080dfed2da6d0718645d2a09b498a832865de29038181da0673e875041021",
        "deadbeef, pässwörd, 0ffd1aa680b3b41e15080585cd8c657dbc97fd2e5aff54c48d69f0e3afb5706f",
    })
    void matchesTheProtocolVectors(String challenge, String password, String response) {
        assertEquals(response, ChallengeResponse.compute(challenge, password));
        assertTrue(ChallengeResponse.verify(challenge, password, ascii(response)));
    }

    @Test
    void theNonAsciiPasswordIsHashedAsUtf8NotLatin1() {
        // The same password hashed as ISO-8859-1 would give another digest; the vector pins UTF-8.
        assertEquals("0ffd1aa680b3b41e15080585cd8c657dbc97fd2e5aff54c48d69f0e3afb5706f",
                ChallengeResponse.compute("deadbeef", "p\u00e4ssw\u00f6rd"));
    }

    @Test
    void upperCaseHexIsRejectedAsOnTheReferenceDevice() {
        String upper = "3b4080dfed2da6d0718645d2a09b498a832865de29038181da0673e875041021".toUpperCase(Locale.ROOT);
        assertFalse(ChallengeResponse.verify("0a1b2c3d", "secret", ascii(upper)));
    }

    @Test
    void anyOtherBytesAreRejected() {
        String good = "3b4080dfed2da6d0718645d2a09b498a832865de29038181da0673e875041021";
        assertFalse(ChallengeResponse.verify("0a1b2c3d", "wrong", ascii(good)), "wrong password");
        assertFalse(ChallengeResponse.verify("0a1b2c3e", "secret", ascii(good)), "other challenge");
        assertFalse(ChallengeResponse.verify("0a1b2c3d", "secret", ascii("0" + good.substring(1))), "first byte");
        assertFalse(ChallengeResponse.verify("0a1b2c3d", "secret", ascii(good.substring(0, 63) + "0")),
                "last byte");
        assertFalse(ChallengeResponse.verify("0a1b2c3d", "secret", ascii(good.substring(0, 63))), "63 bytes");
        assertFalse(ChallengeResponse.verify("0a1b2c3d", "secret", ascii(good + "\n")), "65 bytes");
        assertFalse(ChallengeResponse.verify("0a1b2c3d", "secret", new byte[0]), "empty");
    }
}
