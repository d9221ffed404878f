package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.testing.Deflate;
import io.github.mpota.core.testing.Trees;
import org.junit.jupiter.api.Test;

/** Block boundaries revised by the blocks' exact size: never larger, a forced cut in like data merged away. */
class BlockSplitOptimizerTest {

    private static long cost(LzSymbols s, int[] starts) {
        long bits = 0;
        for (int k = 0; k + 1 < starts.length; k++) {
            bits += HuffmanBlockWriter.cost(s, starts[k], starts[k + 1]);
        }
        return bits;
    }

    @Test
    void aCutThroughDataOfTheSameStatisticsIsMergedAway() {
        byte[] text = PayloadCompressionTest.pythonText(120_000, 41);
        byte[] zlib = Deflate.raw(text, 9);
        LzSymbols t = DeflateBlockReader.read(zlib, zlib.length * 8L).symbols();
        // The same 5,000 symbols three times: blocks cut anywhere at a repeat have the same counts, so two blocks
        // cost one header more than one.
        int from = t.size() / 2;
        LzSymbols twice = LzSymbols.concat(t, from, from + 5_000, t, from, from + 5_000);
        LzSymbols s = LzSymbols.concat(twice, 0, twice.size(), t, from, from + 5_000);
        int[] cut = {0, 5_000, 15_000};
        int[] revised = new BlockSplitOptimizer(s).optimize(cut);
        assertArrayEquals(new int[] {0, 15_000}, revised);
        assertTrue(cost(s, revised) < cost(s, cut));
    }

    @Test
    void aBoundaryBetweenTextAndNoiseStaysNearWhereTheDataChanges() {
        byte[] text = PayloadCompressionTest.pythonText(60_000, 42);
        byte[] noise = Trees.random(20_000, 43);
        byte[] zlib = Deflate.raw(text, 9);
        LzSymbols s = DeflateBlockReader.read(zlib, zlib.length * 8L).symbols();
        int textSymbols = s.size();
        for (byte b : noise) {
            s.addLiteral(b);
        }
        // A boundary started far into the noise moves back towards where the noise starts.
        int[] start = {0, textSymbols + 15_000, s.size()};
        int[] revised = new BlockSplitOptimizer(s).optimize(start);
        assertTrue(cost(s, revised) <= cost(s, start));
        assertTrue(revised.length == 3 && Math.abs(revised[1] - textSymbols) < 2_000,
                java.util.Arrays.toString(revised) + ", the noise starts at " + textSymbols);
    }
}
