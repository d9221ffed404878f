package io.github.mpota.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LengthHeaderTest {

    private static final int MAX = Protocol.DEFAULT_MAX_METADATA_SIZE;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesTheProtocolExampleAsTenRightAlignedBytes() {
        assertArrayEquals(ascii("       123"), LengthHeader.encode(123));
        assertEquals(Protocol.LENGTH_HEADER_SIZE, LengthHeader.encode(0).length);
        assertArrayEquals(ascii("         0"), LengthHeader.encode(0));
        assertArrayEquals(ascii("2147483647"), LengthHeader.encode(Integer.MAX_VALUE));
    }

    @Test
    void refusesToEncodeANegativeLength() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LengthHeader.encode(-1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'       123'|123",
        "'123       '|123",
        "'   123    '|123",
        "'0000000042'|42",
        "'        +7'|7",
        "'+000000007'|7",
        "'         0'|0",
        "'\t\t    99\r\n'|99",
    })
    void parsesWithTheDeviceRules(String field, int expected) throws ProtocolException {
        assertEquals(expected, LengthHeader.parse(ascii(field.replace("\\t", "\t").replace("\\r", "\r")
                .replace("\\n", "\n")), MAX));
    }

    @Test
    void parsesWhatItEncodes() throws ProtocolException {
        for (int n : new int[] {0, 1, 9, 10, 99, 12345, MAX}) {
            assertEquals(n, LengthHeader.parse(LengthHeader.encode(n), MAX));
        }
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', value = {
        "'       -12'|metadata length is negative: '       -12'",
        "'      12.5'|metadata length is not an integer: '      12.5'",
        "'      0x1f'|metadata length is not an integer: '      0x1f'",
        "'     1 000'|metadata length is not an integer: '     1 000'",
        "'     1_000'|metadata length is not an integer: '     1_000'",
        "'      abcd'|metadata length is not an integer: '      abcd'",
        "'         +'|metadata length is not an integer: '         +'",
        "'        +-'|metadata length is not an integer: '        +-'",
        "'          '|metadata length field is blank: '          '",
        "'9999999999'|metadata length 9999999999 exceeds the limit of 1048576 bytes: '9999999999'",
        "'   1048577'|metadata length 1048577 exceeds the limit of 1048576 bytes: '   1048577'",
    })
    void rejectsBadFieldsNamingWhatWasReceived(String field, String message) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> LengthHeader.parse(ascii(field), MAX));
        assertEquals(message, e.getMessage());
    }

    /** "-0" is zero to Python's int(): not negative, so the device accepts it. */
    @Test
    void minusZeroIsZeroAsForPython() throws ProtocolException {
        assertEquals(0, LengthHeader.parse(ascii("        -0"), MAX));
    }

    @Test
    void rejectsAFieldOfTheWrongSize() {
        ProtocolException shortField = assertThrows(ProtocolException.class,
                () -> LengthHeader.parse(ascii("123"), MAX));
        assertEquals("metadata length field must be 10 bytes, received 3: '123'", shortField.getMessage());
        ProtocolException longField = assertThrows(ProtocolException.class,
                () -> LengthHeader.parse(ascii("           123"), MAX));
        assertTrue(longField.getMessage().startsWith("metadata length field must be 10 bytes, received 14"),
                longField.getMessage());
    }

    @Test
    void showsControlAndNonAsciiBytesEscaped() {
        byte[] field = {'1', '2', 0, 3, (byte) 0xff, ' ', ' ', ' ', ' ', ' '};
        ProtocolException e = assertThrows(ProtocolException.class, () -> LengthHeader.parse(field, MAX));
        assertEquals("metadata length is not an integer: '12\\x00\\x03\\xff     '", e.getMessage());
    }

    @Test
    void honoursASmallerLimit() throws ProtocolException {
        assertEquals(64, LengthHeader.parse(LengthHeader.encode(64), 64));
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> LengthHeader.parse(LengthHeader.encode(65), 64));
        assertEquals("metadata length 65 exceeds the limit of 64 bytes: '        65'", e.getMessage());
    }

    @Test
    void encodesAsciiDigitsWhateverTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            for (String tag : new String[] {"ar-EG", "fa-IR", "th-TH-u-nu-thai", "hi-IN-u-nu-deva"}) {
                java.util.Locale.setDefault(java.util.Locale.forLanguageTag(tag));
                assertArrayEquals(ascii("       123"), LengthHeader.encode(123), tag);
            }
        } finally {
            java.util.Locale.setDefault(before);
        }
    }
}
