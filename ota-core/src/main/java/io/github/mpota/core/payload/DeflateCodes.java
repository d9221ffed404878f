package io.github.mpota.core.payload;

/**
 * The alphabets of RFC 1951 (section 3.2.5 to 3.2.7): length and distance codes with their extra bits, the fixed
 * Huffman code, and the order in which a dynamic block's header lists the code-length code lengths.
 */
final class DeflateCodes {

    /** Literal/length symbols a block may use: 0-255 literals, 256 end of block, 257-285 lengths. */
    static final int LITLEN_SYMBOLS = 286;
    /** Symbols the fixed code assigns (286 and 287 take part in it but never occur). */
    static final int FIXED_LITLEN_SYMBOLS = 288;
    static final int DIST_SYMBOLS = 30;
    static final int CODE_LENGTH_SYMBOLS = 19;
    static final int END_OF_BLOCK = 256;
    static final int MAX_BITS = 15;
    static final int MAX_CODE_LENGTH_BITS = 7;
    static final int MIN_MATCH = 3;
    static final int MAX_MATCH = 258;
    static final int MAX_DISTANCE = 32_768;

    static final int BTYPE_STORED = 0;
    static final int BTYPE_FIXED = 1;
    static final int BTYPE_DYNAMIC = 2;

    /** 3.2.7: the order of the code length code lengths in a dynamic block's header. */
    static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    /** 3.2.5: lengths of codes 257 to 285. */
    static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67,
        83, 99, 115, 131, 163, 195, 227, 258};
    static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5,
        5, 5, 0};
    /** 3.2.5: distances of codes 0 to 29. */
    static final int[] DIST_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
        1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    static final int[] DIST_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11,
        11, 12, 12, 13, 13};

    private static final int[] LENGTH_CODE = new int[MAX_MATCH + 1];

    static {
        for (int code = 0; code < LENGTH_BASE.length; code++) {
            int top = code + 1 < LENGTH_BASE.length ? LENGTH_BASE[code] + (1 << LENGTH_EXTRA[code]) : MAX_MATCH + 1;
            for (int len = LENGTH_BASE[code]; len < top && len <= MAX_MATCH; len++) {
                LENGTH_CODE[len] = 257 + code;
            }
        }
        // 3.2.5: 258 has a code of its own (285), although 284 with 5 extra bits could reach it.
        LENGTH_CODE[MAX_MATCH] = 285;
    }

    private DeflateCodes() {
    }

    /** The literal/length symbol (257 to 285) of a match of {@code length} bytes. */
    static int lengthSymbol(int length) {
        return LENGTH_CODE[length];
    }

    /** The distance symbol (0 to 29) of a match {@code distance} bytes back. */
    static int distanceSymbol(int distance) {
        if (distance <= 4) {
            return distance - 1;
        }
        int d = distance - 1;
        int high = 31 - Integer.numberOfLeadingZeros(d);
        return 2 * high + ((d >>> (high - 1)) & 1);
    }

    /** Extra bits after literal/length symbol {@code symbol}. */
    static int litLenExtraBits(int symbol) {
        return symbol > END_OF_BLOCK ? LENGTH_EXTRA[symbol - 257] : 0;
    }

    /** 3.2.6: the code lengths of the fixed literal/length code, symbols 0 to 287. */
    static int[] fixedLitLenLengths() {
        int[] lengths = new int[FIXED_LITLEN_SYMBOLS];
        for (int i = 0; i < FIXED_LITLEN_SYMBOLS; i++) {
            lengths[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        }
        return lengths;
    }

    /** 3.2.6: the fixed distance code, 5 bits for each of codes 0 to 29 (30 and 31 never occur). */
    static int[] fixedDistLengths() {
        int[] lengths = new int[DIST_SYMBOLS];
        java.util.Arrays.fill(lengths, 5);
        return lengths;
    }
}
