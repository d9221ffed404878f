package io.github.mpota.core.payload;

import static io.github.mpota.core.payload.DeflateCodes.BTYPE_DYNAMIC;
import static io.github.mpota.core.payload.DeflateCodes.BTYPE_FIXED;
import static io.github.mpota.core.payload.DeflateCodes.CODE_LENGTH_ORDER;
import static io.github.mpota.core.payload.DeflateCodes.CODE_LENGTH_SYMBOLS;
import static io.github.mpota.core.payload.DeflateCodes.DIST_BASE;
import static io.github.mpota.core.payload.DeflateCodes.DIST_EXTRA;
import static io.github.mpota.core.payload.DeflateCodes.DIST_SYMBOLS;
import static io.github.mpota.core.payload.DeflateCodes.END_OF_BLOCK;
import static io.github.mpota.core.payload.DeflateCodes.LENGTH_BASE;
import static io.github.mpota.core.payload.DeflateCodes.LENGTH_EXTRA;
import static io.github.mpota.core.payload.DeflateCodes.LITLEN_SYMBOLS;
import static io.github.mpota.core.payload.DeflateCodes.MAX_BITS;
import static io.github.mpota.core.payload.DeflateCodes.MAX_CODE_LENGTH_BITS;

/**
 * Writes a range of LZ77 symbols as one deflate block, in the cheapest of the codings tried: a fixed Huffman
 * block, or a dynamic one whose code lengths are either the optimal ones for the block or those of counts evened
 * out for the header's run-length code ({@link HuffmanCodeLengths#smoothedForRle}), with the header written with
 * whichever of the repeat symbols 16, 17 and 18 (all 8 combinations) makes it shortest. {@link #cost} gives the
 * exact size in bits of what {@link #write} writes, header included.
 */
final class HuffmanBlockWriter {

    private static final int[] FIXED_LITLEN = DeflateCodes.fixedLitLenLengths();
    private static final int[] FIXED_DIST = DeflateCodes.fixedDistLengths();
    private static final int HEADER_BITS = 3;
    /** Extra bits of the code-length code's repeat symbols 16, 17 and 18. */
    private static final int[] REPEAT_EXTRA_BITS = {2, 3, 7};

    private HuffmanBlockWriter() {
    }

    /** The bits {@link #write} spends on symbols [from, to) of {@code s}, block header included. */
    static long cost(LzSymbols s, int from, int to) {
        return plan(s, from, to).bits;
    }

    /** Writes symbols [from, to) of {@code s} as one block, BFINAL set when {@code last}. */
    static void write(BitWriter out, LzSymbols s, int from, int to, boolean last) {
        Plan p = plan(s, from, to);
        long before = out.bits();
        out.writeBits(last ? 1 : 0, 1);
        out.writeBits(p.btype, 2);
        if (p.btype == BTYPE_DYNAMIC) {
            writeTree(out, p.tree);
        }
        int[] llCodes = HuffmanCodeLengths.reversedCodes(p.ll);
        int[] dCodes = HuffmanCodeLengths.reversedCodes(p.d);
        for (int i = from; i < to; i++) {
            int ll = s.litLenSymbol(i);
            out.writeBits(llCodes[ll], p.ll[ll]);
            if (s.isMatch(i)) {
                out.writeBits(s.litLen(i) - LENGTH_BASE[ll - 257], LENGTH_EXTRA[ll - 257]);
                int d = s.distSymbol(i);
                out.writeBits(dCodes[d], p.d[d]);
                out.writeBits(s.dist(i) - DIST_BASE[d], DIST_EXTRA[d]);
            }
        }
        out.writeBits(llCodes[END_OF_BLOCK], p.ll[END_OF_BLOCK]);
        if (out.bits() - before != p.bits) {
            throw new IllegalStateException("a deflate block took " + (out.bits() - before) + " bits, planned "
                    + p.bits);
        }
    }

    /**
     * The code lengths {@link #write} would use for symbols [from, to): literal/length (286 or the fixed 288) and
     * distance; a symbol the block does not use has length 0.
     */
    static int[][] codeLengths(LzSymbols s, int from, int to) {
        Plan p = plan(s, from, to);
        return new int[][] {p.ll, p.d};
    }

    private static Plan plan(LzSymbols s, int from, int to) {
        int[] llCounts = new int[LITLEN_SYMBOLS];
        int[] dCounts = new int[DIST_SYMBOLS];
        s.count(from, to, llCounts, dCounts);
        llCounts[END_OF_BLOCK] = 1;
        long extra = 0;
        for (int i = 257; i < LITLEN_SYMBOLS; i++) {
            extra += (long) llCounts[i] * LENGTH_EXTRA[i - 257];
        }
        for (int i = 0; i < DIST_SYMBOLS; i++) {
            extra += (long) dCounts[i] * DIST_EXTRA[i];
        }
        Plan best = new Plan(BTYPE_FIXED, FIXED_LITLEN, FIXED_DIST, null,
                HEADER_BITS + extra + dataBits(llCounts, dCounts, FIXED_LITLEN, FIXED_DIST));
        for (boolean smoothed : new boolean[] {false, true}) {
            int[] ll = HuffmanCodeLengths.of(smoothed ? HuffmanCodeLengths.smoothedForRle(llCounts) : llCounts,
                    MAX_BITS);
            int[] d = HuffmanCodeLengths.of(smoothed ? HuffmanCodeLengths.smoothedForRle(dCounts) : dCounts,
                    MAX_BITS);
            completeLitLen(ll);
            patchDistances(d);
            Tree tree = bestTree(ll, d);
            long bits = HEADER_BITS + tree.bits + extra + dataBits(llCounts, dCounts, ll, d);
            if (bits < best.bits) {
                best = new Plan(BTYPE_DYNAMIC, ll, d, tree, bits);
            }
        }
        return best;
    }

    private static long dataBits(int[] llCounts, int[] dCounts, int[] ll, int[] d) {
        long bits = 0;
        for (int i = 0; i < LITLEN_SYMBOLS; i++) {
            bits += (long) llCounts[i] * ll[i];
        }
        for (int i = 0; i < DIST_SYMBOLS; i++) {
            bits += (long) dCounts[i] * d[i];
        }
        return bits;
    }

    /** A block with nothing but its end would have one code of one bit; a second one makes the code complete. */
    private static void completeLitLen(int[] ll) {
        int used = 0;
        for (int len : ll) {
            used += len > 0 ? 1 : 0;
        }
        if (used == 1) {
            ll[ll[0] == 0 ? 0 : 1] = 1;
        }
    }

    /**
     * At least two distance codes, as zlib's own deflate and zopfli write: inflaters before zlib 1.2.1.1 refused a
     * distance code with fewer (RFC 1951 allows one, or none in a block without matches).
     */
    private static void patchDistances(int[] d) {
        int used = 0;
        for (int len : d) {
            used += len > 0 ? 1 : 0;
        }
        if (used == 0) {
            d[0] = 1;
            d[1] = 1;
        } else if (used == 1) {
            d[d[0] == 0 ? 0 : 1] = 1;
        }
    }

    private static Tree bestTree(int[] ll, int[] d) {
        Tree best = null;
        for (int flags = 0; flags < 8; flags++) {
            Tree t = Tree.of(ll, d, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
            if (best == null || t.bits < best.bits) {
                best = t;
            }
        }
        return best;
    }

    private static void writeTree(BitWriter out, Tree t) {
        out.writeBits(t.hlit - 257, 5);
        out.writeBits(t.hdist - 1, 5);
        out.writeBits(t.hclen - 4, 4);
        for (int i = 0; i < t.hclen; i++) {
            out.writeBits(t.clLengths[CODE_LENGTH_ORDER[i]], 3);
        }
        int[] codes = HuffmanCodeLengths.reversedCodes(t.clLengths);
        for (int i = 0; i < t.count; i++) {
            int sym = t.symbols[i];
            out.writeBits(codes[sym], t.clLengths[sym]);
            if (sym >= 16) {
                out.writeBits(t.extras[i], REPEAT_EXTRA_BITS[sym - 16]);
            }
        }
    }

    /** A block's coding: its type, code lengths, the header of a dynamic block, and its size in bits. */
    private record Plan(int btype, int[] ll, int[] d, Tree tree, long bits) {
    }

    /**
     * The header of a dynamic block (3.2.7): the code lengths run-length coded with the symbols allowed, and the
     * code-length code for them.
     */
    private static final class Tree {
        int hlit;
        int hdist;
        int hclen;
        int[] symbols;
        int[] extras;
        int count;
        int[] clLengths;
        long bits;

        static Tree of(int[] ll, int[] d, boolean use16, boolean use17, boolean use18) {
            Tree t = new Tree();
            t.hlit = LITLEN_SYMBOLS;
            while (t.hlit > 257 && ll[t.hlit - 1] == 0) {
                t.hlit--;
            }
            t.hdist = DIST_SYMBOLS;
            while (t.hdist > 1 && d[t.hdist - 1] == 0) {
                t.hdist--;
            }
            int total = t.hlit + t.hdist;
            int[] seq = new int[total];
            System.arraycopy(ll, 0, seq, 0, t.hlit);
            System.arraycopy(d, 0, seq, t.hlit, t.hdist);
            t.symbols = new int[total];
            t.extras = new int[total];
            for (int i = 0; i < total;) {
                int v = seq[i];
                int run = 1;
                while (i + run < total && seq[i + run] == v) {
                    run++;
                }
                i += run;
                if (v == 0) {
                    while (use18 && run >= 11) {
                        int n = Math.min(run, 138);
                        t.add(18, n - 11);
                        run -= n;
                    }
                    while (use17 && run >= 3) {
                        int n = Math.min(run, 10);
                        t.add(17, n - 3);
                        run -= n;
                    }
                } else if (use16 && run >= 4) {
                    t.add(v, 0);
                    run--;
                    while (run >= 3) {
                        int n = Math.min(run, 6);
                        t.add(16, n - 3);
                        run -= n;
                    }
                }
                while (run > 0) {
                    t.add(v, 0);
                    run--;
                }
            }
            int[] clCounts = new int[CODE_LENGTH_SYMBOLS];
            for (int i = 0; i < t.count; i++) {
                clCounts[t.symbols[i]]++;
            }
            t.clLengths = HuffmanCodeLengths.of(clCounts, MAX_CODE_LENGTH_BITS);
            int used = 0;
            for (int len : t.clLengths) {
                used += len > 0 ? 1 : 0;
            }
            if (used == 1) {
                // One code of one bit is incomplete, which inflaters refuse for the code-length code.
                t.clLengths[t.clLengths[CODE_LENGTH_ORDER[0]] == 0 ? CODE_LENGTH_ORDER[0] : CODE_LENGTH_ORDER[1]] = 1;
            }
            t.hclen = CODE_LENGTH_SYMBOLS;
            while (t.hclen > 4 && t.clLengths[CODE_LENGTH_ORDER[t.hclen - 1]] == 0) {
                t.hclen--;
            }
            long bits = 5 + 5 + 4 + 3L * t.hclen;
            for (int i = 0; i < t.count; i++) {
                int sym = t.symbols[i];
                bits += t.clLengths[sym] + (sym >= 16 ? REPEAT_EXTRA_BITS[sym - 16] : 0);
            }
            t.bits = bits;
            return t;
        }

        private void add(int symbol, int extra) {
            symbols[count] = symbol;
            extras[count] = extra;
            count++;
        }
    }
}
