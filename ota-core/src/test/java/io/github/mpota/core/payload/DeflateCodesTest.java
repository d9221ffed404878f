package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The alphabets against the tables of RFC 1951, section 3.2.5 to 3.2.7. */
class DeflateCodesTest {

    @Test
    void lengthsMapToTheCodesOfTheRfcTable() {
        // 3.2.5: code 257 is length 3, 264 is 10, 265 is 11-12, 269 is 19-22, 273 is 35-42, 284 is 227-257, 285 258.
        assertEquals(257, DeflateCodes.lengthSymbol(3));
        assertEquals(264, DeflateCodes.lengthSymbol(10));
        assertEquals(265, DeflateCodes.lengthSymbol(11));
        assertEquals(265, DeflateCodes.lengthSymbol(12));
        assertEquals(266, DeflateCodes.lengthSymbol(13));
        assertEquals(269, DeflateCodes.lengthSymbol(22));
        assertEquals(273, DeflateCodes.lengthSymbol(35));
        assertEquals(273, DeflateCodes.lengthSymbol(42));
        assertEquals(284, DeflateCodes.lengthSymbol(227));
        assertEquals(284, DeflateCodes.lengthSymbol(257));
        assertEquals(285, DeflateCodes.lengthSymbol(258));
    }

    @Test
    void distancesMapToTheCodesOfTheRfcTable() {
        // 3.2.5: code 0 is 1, 3 is 4, 4 is 5-6, 5 is 7-8, 6 is 9-12, 7 is 13-16, 28 is 16385-24576, 29 24577-32768.
        assertEquals(0, DeflateCodes.distanceSymbol(1));
        assertEquals(3, DeflateCodes.distanceSymbol(4));
        assertEquals(4, DeflateCodes.distanceSymbol(5));
        assertEquals(4, DeflateCodes.distanceSymbol(6));
        assertEquals(5, DeflateCodes.distanceSymbol(7));
        assertEquals(5, DeflateCodes.distanceSymbol(8));
        assertEquals(6, DeflateCodes.distanceSymbol(9));
        assertEquals(6, DeflateCodes.distanceSymbol(12));
        assertEquals(7, DeflateCodes.distanceSymbol(13));
        assertEquals(28, DeflateCodes.distanceSymbol(16385));
        assertEquals(28, DeflateCodes.distanceSymbol(24576));
        assertEquals(29, DeflateCodes.distanceSymbol(24577));
        assertEquals(29, DeflateCodes.distanceSymbol(32768));
    }

    @Test
    void everyLengthAndDistanceLiesInItsCodesRange() {
        for (int len = 3; len <= 258; len++) {
            int code = DeflateCodes.lengthSymbol(len) - 257;
            int base = DeflateCodes.LENGTH_BASE[code];
            assertEquals(true, len >= base && len - base < (1 << DeflateCodes.LENGTH_EXTRA[code]) , "length " + len);
        }
        for (int dist = 1; dist <= 32768; dist++) {
            int code = DeflateCodes.distanceSymbol(dist);
            int base = DeflateCodes.DIST_BASE[code];
            assertEquals(true, dist >= base && dist - base < (1 << DeflateCodes.DIST_EXTRA[code]), "distance " + dist);
        }
    }

    @Test
    void codeLengthCodeOrderAndFixedCodeAreTheRfcs() {
        // 3.2.7
        assertArrayEquals(new int[] {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15},
                DeflateCodes.CODE_LENGTH_ORDER);
        // 3.2.6: 0-143 8 bits, 144-255 9, 256-279 7, 280-287 8.
        int[] fixed = DeflateCodes.fixedLitLenLengths();
        assertEquals(288, fixed.length);
        assertEquals(8, fixed[0]);
        assertEquals(8, fixed[143]);
        assertEquals(9, fixed[144]);
        assertEquals(9, fixed[255]);
        assertEquals(7, fixed[256]);
        assertEquals(7, fixed[279]);
        assertEquals(8, fixed[280]);
        assertEquals(8, fixed[287]);
    }
}
