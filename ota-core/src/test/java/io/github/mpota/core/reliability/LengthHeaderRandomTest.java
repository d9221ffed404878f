package io.github.mpota.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.ProtocolException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random 10-byte length fields (fixed seeds: a failure names its seed and case, and replays) against an
 * independent statement of the device's rule: ASCII white space stripped, an optional sign, decimal digits, a value
 * from 0 to the limit. Anything else is a {@link ProtocolException} that quotes the field; nothing else is thrown.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LengthHeaderRandomTest {

    static final long SEED = 0x4c454e47L;
    private static final int MAX = Protocol.DEFAULT_MAX_METADATA_SIZE;
    /** Bytes a hostile or broken client might put in the field, digits and blanks most often. */
    private static final byte[] ALPHABET = {'0', '1', '2', '5', '9', '0', '7', ' ', ' ', ' ', '\t', '\n', '\r', 0x0b,
        0x0c, 0x1c, '+', '-', '_', '.', 'e', 'x', 'a', 0, 0x7f, (byte) 0x85, (byte) 0xa0, (byte) 0xff, (byte) 0xc3};

    @Test
    void randomFieldsFollowTheRule() {
        check(SEED, 100_000);
    }

    @Test
    @Tag("campaign")
    void aMillionRandomFieldsFollowTheRule() {
        check(SEED + 1, 1_000_000);
    }

    @Test
    void everyLengthRoundTripsThroughEncodeAndParse() throws ProtocolException {
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 100_000; i++) {
            int n = i < 10 ? i : r.nextInt(MAX + 1);
            assertEquals(n, LengthHeader.parse(LengthHeader.encode(n), MAX), "seed " + (SEED + 2) + " case " + i);
        }
        assertEquals(MAX, LengthHeader.parse(LengthHeader.encode(MAX), MAX));
        assertEquals(10, LengthHeader.encode(Integer.MAX_VALUE).length);
    }

    private static void check(long seed, int cases) {
        Random r = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < cases; i++) {
            byte[] field = new byte[Protocol.LENGTH_HEADER_SIZE];
            int shape = r.nextInt(4);
            for (int j = 0; j < field.length; j++) {
                field[j] = ALPHABET[r.nextInt(ALPHABET.length)];
            }
            if (shape == 0) {
                // a plausible header with one byte changed
                byte[] good = LengthHeader.encode(r.nextInt(MAX * 2));
                System.arraycopy(good, 0, field, 0, field.length);
                field[r.nextInt(field.length)] = ALPHABET[r.nextInt(ALPHABET.length)];
            } else if (shape == 1) {
                // a well-formed header, possibly signed or too large
                String s = String.format("%" + (r.nextBoolean() ? "+" : "") + "10d",
                        (long) r.nextInt() % (MAX * 4L));
                field = s.substring(s.length() - 10).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            Long expected = oracle(field);
            String where = "seed " + seed + " case " + i + " field " + java.util.HexFormat.of().formatHex(field);
            try {
                int got = LengthHeader.parse(field, MAX);
                if (expected == null) {
                    fail(where + ": accepted as " + got + " but the rule refuses it");
                }
                assertEquals(expected.longValue(), got, where);
                accepted++;
            } catch (ProtocolException e) {
                if (expected != null) {
                    fail(where + ": refused (" + e.getMessage() + ") but the rule gives " + expected);
                }
                assertTrue(e.getMessage().contains("metadata length"), where + ": " + e.getMessage());
            } catch (RuntimeException e) {
                fail(where + ": threw " + e);
            }
        }
        assertTrue(accepted > cases / 20, "the generator must also produce valid fields: " + accepted);
    }

    /** The rule, written independently of LengthHeader: the value, or null when the device refuses the field. */
    static Long oracle(byte[] field) {
        int start = 0;
        int end = field.length;
        while (start < end && isBlank(field[start])) {
            start++;
        }
        while (end > start && isBlank(field[end - 1])) {
            end--;
        }
        if (start == end) {
            return null;
        }
        boolean negative = false;
        if (field[start] == '+' || field[start] == '-') {
            negative = field[start] == '-';
            start++;
        }
        if (start == end) {
            return null;
        }
        long v = 0;
        for (int i = start; i < end; i++) {
            if (field[i] < '0' || field[i] > '9') {
                return null;
            }
            v = v * 10 + (field[i] - '0');
        }
        if (negative && v != 0) {
            return null;
        }
        return v > MAX ? null : v;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f);
    }
}
