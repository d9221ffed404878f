package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Length-limited code lengths: valid, within the limit, as cheap as any code can be; canonical codes of 3.2.2. */
class HuffmanCodeLengthsTest {

    @Test
    void canonicalCodesAreThoseOfTheRfcExample() {
        // 3.2.2: lengths (3, 3, 3, 3, 3, 2, 4, 4) for A to H give 010 011 100 101 110 00 1110 1111.
        int[] codes = HuffmanCodeLengths.reversedCodes(new int[] {3, 3, 3, 3, 3, 2, 4, 4});
        int[] expected = {0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111};
        int[] lengths = {3, 3, 3, 3, 3, 2, 4, 4};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Integer.reverse(expected[i]) >>> (32 - lengths[i]), codes[i], "symbol " + i);
        }
    }

    @Test
    void withoutABindingLimitTheLengthsCostWhatHuffmansAlgorithmCosts() {
        Random r = new Random(17);
        for (int round = 0; round < 200; round++) {
            int[] counts = new int[2 + r.nextInt(40)];
            for (int i = 0; i < counts.length; i++) {
                counts[i] = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(1000);
            }
            counts[0] = Math.max(counts[0], 1);
            counts[1] = Math.max(counts[1], 1);
            int[] lengths = HuffmanCodeLengths.of(counts, 15);
            assertComplete(lengths, 15);
            assertEquals(huffmanCost(counts), cost(counts, lengths), "round " + round);
        }
    }

    @Test
    void withABindingLimitTheLengthsAreTheCheapestThatFit() {
        // Fibonacci weights make Huffman's code as deep as it gets; the best code within 3 bits is found by trying
        // every assignment of lengths 1 to 3 to the 6 symbols.
        int[] counts = {1, 1, 2, 3, 5, 8};
        int[] lengths = HuffmanCodeLengths.of(counts, 3);
        assertComplete(lengths, 3);
        long best = Long.MAX_VALUE;
        int[] l = new int[counts.length];
        for (int combo = 0; combo < 729; combo++) {
            int c = combo;
            double kraft = 0;
            for (int i = 0; i < l.length; i++) {
                l[i] = 1 + c % 3;
                c /= 3;
                kraft += Math.pow(2, -l[i]);
            }
            if (kraft <= 1.0) {
                best = Math.min(best, cost(counts, l));
            }
        }
        assertEquals(best, cost(counts, lengths));
    }

    @Test
    void deflatesLimitsHoldOnSkewedCounts() {
        int[] counts = new int[286];
        long f = 1;
        for (int i = 0; i < 40; i++) {
            counts[i] = (int) Math.min(Integer.MAX_VALUE / 64, f);
            f = f * 3 / 2 + 1;
        }
        assertComplete(HuffmanCodeLengths.of(counts, 15), 15);
        int[] cl = new int[19];
        for (int i = 0; i < 19; i++) {
            cl[i] = 1 << i;
        }
        assertComplete(HuffmanCodeLengths.of(cl, 7), 7);
    }

    @Test
    void oneSymbolGetsOneBitAndNoneGetsNothing() {
        assertArrayEquals(new int[] {0, 1, 0}, HuffmanCodeLengths.of(new int[] {0, 5, 0}, 15));
        assertArrayEquals(new int[] {0, 0}, HuffmanCodeLengths.of(new int[] {0, 0}, 15));
    }

    @Test
    void smoothingKeepsZerosAndTrailingZeros() {
        int[] counts = {10, 11, 9, 10, 12, 0, 0, 0, 0, 0, 0, 7, 0, 0};
        int[] smoothed = HuffmanCodeLengths.smoothedForRle(counts);
        for (int i = 0; i < counts.length; i++) {
            assertEquals(counts[i] == 0, smoothed[i] == 0, "symbol " + i);
        }
        // The first five counts differ by less than 4 from their average: one value for the repeat code.
        assertEquals(smoothed[0], smoothed[4]);
    }

    private static void assertComplete(int[] lengths, int maxBits) {
        double kraft = 0;
        for (int len : lengths) {
            assertTrue(len <= maxBits, "length " + len + " over " + maxBits);
            if (len > 0) {
                kraft += Math.pow(2, -len);
            }
        }
        assertEquals(1.0, kraft, 1e-12, "a complete prefix code");
    }

    private static long cost(int[] counts, int[] lengths) {
        long c = 0;
        for (int i = 0; i < counts.length; i++) {
            c += (long) counts[i] * lengths[i];
        }
        return c;
    }

    /** The cost of an unlimited Huffman code: the sum of the weights of its internal nodes. */
    private static long huffmanCost(int[] counts) {
        PriorityQueue<Long> q = new PriorityQueue<>();
        for (int c : counts) {
            if (c > 0) {
                q.add((long) c);
            }
        }
        long cost = 0;
        while (q.size() > 1) {
            long merged = q.poll() + q.poll();
            cost += merged;
            q.add(merged);
        }
        return cost;
    }
}
