package io.github.mpota.core.payload;

import java.util.Arrays;

/**
 * Parses a block's bytes again into LZ77 symbols, the cheapest path under the block's own Huffman code: the bits
 * that code really spends per literal, length and distance, where zopfli's parse minimised an estimate of them
 * (the entropy of its last parse's symbol counts). The block is then coded with the code of the new parse, and
 * keeps it only if it is smaller.
 *
 * <p>Matches come from hash chains over the segment and the 32 KiB window before it. At each position the longest
 * match in each distance symbol is a candidate, not only the nearest match of each length: where the code makes
 * a farther symbol cheaper, a farther match wins. The matches zopfli chose are candidates too, so that the new
 * parse never costs more than zopfli's under the same code.
 */
final class ExactCostParser {

    private static final int HASH_BITS = 15;
    /** Candidates tried per position, nearest first (zopfli tries up to 8,192; 256 gained 3 bytes in 156 KB). */
    private static final int MAX_CHAIN = 128;
    private static final int INFINITE = Integer.MAX_VALUE / 2;

    private final byte[] input;
    private final int start;
    /** The previous position with the same hash of 3 bytes, -1 if none. */
    private final int[] prev;

    /** Symbols and the blocks they form: block {@code k} is {@code [starts[k], starts[k + 1])}. */
    record Parse(LzSymbols symbols, int[] starts) {
    }

    /** Ready to parse {@code input[start, input.length)}, with all before it as window. */
    ExactCostParser(byte[] input, int start) {
        this.input = input;
        this.start = start;
        this.prev = new int[input.length];
        int[] head = new int[1 << HASH_BITS];
        Arrays.fill(head, -1);
        Arrays.fill(prev, -1);
        for (int p = Math.max(0, start - DeflateCodes.MAX_DISTANCE); p + DeflateCodes.MIN_MATCH <= input.length; p++) {
            int h = hash(p);
            prev[p] = head[h];
            head[h] = p;
        }
    }

    private int hash(int p) {
        int v = (input[p] & 0xff) << 16 | (input[p + 1] & 0xff) << 8 | (input[p + 2] & 0xff);
        return (v * 0x9E3779B1) >>> (32 - HASH_BITS);
    }

    /**
     * Each block of {@code symbols} (which stand for {@code input[start, input.length)}) parsed again under its
     * own code, where that makes it smaller; else it keeps its symbols. (A second pass, under the code of the new
     * parse, gained 2 bytes in 156 KB here.)
     */
    Parse improve(LzSymbols symbols, int[] starts) {
        LzSymbols out = new LzSymbols(symbols.size());
        int[] outStarts = new int[starts.length];
        int pos = start;
        for (int k = 0; k + 1 < starts.length; k++) {
            outStarts[k] = out.size();
            int from = starts[k];
            int to = starts[k + 1];
            int end = pos + (int) symbols.byteLength(from, to);
            int[][] code = HuffmanBlockWriter.codeLengths(symbols, from, to);
            int longest = 0;
            for (int len : code[0]) {
                longest = Math.max(longest, len);
            }
            LzSymbols next = parse(pos, end, code[0], code[1], longest + 1, symbols, from, to);
            if (HuffmanBlockWriter.cost(next, 0, next.size()) < HuffmanBlockWriter.cost(symbols, from, to)) {
                append(out, next, 0, next.size());
            } else {
                append(out, symbols, from, to);
            }
            pos = end;
        }
        outStarts[starts.length - 1] = out.size();
        return new Parse(out, outStarts);
    }

    private static void append(LzSymbols out, LzSymbols s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.isMatch(i)) {
                out.addMatch(s.litLen(i), s.dist(i));
            } else {
                out.addLiteral(s.litLen(i));
            }
        }
    }

    /**
     * The symbols of {@code input[from, to)} (offsets into the input, {@code from >= start}) that cost least
     * under code lengths {@code ll} (literal/length) and {@code d} (distance); a symbol the code lacks costs
     * {@code unusedBits}. The matches of {@code prior} (symbols [priorFrom, priorTo), the same bytes) are
     * candidates too.
     */
    LzSymbols parse(int from, int to, int[] ll, int[] d, int unusedBits, LzSymbols prior, int priorFrom,
            int priorTo) {
        int[] litCost = new int[DeflateCodes.END_OF_BLOCK];
        for (int b = 0; b < litCost.length; b++) {
            litCost[b] = ll[b] > 0 ? ll[b] : unusedBits;
        }
        int[] lenCost = new int[DeflateCodes.MAX_MATCH + 1];
        for (int len = DeflateCodes.MIN_MATCH; len <= DeflateCodes.MAX_MATCH; len++) {
            int sym = DeflateCodes.lengthSymbol(len);
            lenCost[len] = (ll[sym] > 0 ? ll[sym] : unusedBits) + DeflateCodes.LENGTH_EXTRA[sym - 257];
        }
        int[] distCost = new int[DeflateCodes.DIST_SYMBOLS];
        for (int s = 0; s < distCost.length; s++) {
            distCost[s] = (s < d.length && d[s] > 0 ? d[s] : unusedBits) + DeflateCodes.DIST_EXTRA[s];
        }
        int n = to - from;
        int[] cost = new int[n + 1];
        Arrays.fill(cost, INFINITE);
        cost[0] = 0;
        int[] stepLen = new int[n + 1];
        int[] stepDist = new int[n + 1];
        // zopfli's choice at each position, if a match.
        int[] priorMatch = new int[n];
        for (int k = priorFrom, at = 0; k < priorTo; k++) {
            if (prior.isMatch(k)) {
                priorMatch[at] = prior.dist(k) << 9 | prior.litLen(k);
                at += prior.litLen(k);
            } else {
                at++;
            }
        }
        // The cheapest distance symbol from each symbol on: a search stops at a match of the full length in a
        // symbol no farther one beats.
        int[] cheapestFrom = new int[DeflateCodes.DIST_SYMBOLS + 1];
        cheapestFrom[DeflateCodes.DIST_SYMBOLS] = INFINITE;
        for (int s = DeflateCodes.DIST_SYMBOLS - 1; s >= 0; s--) {
            cheapestFrom[s] = Math.min(distCost[s], cheapestFrom[s + 1]);
        }
        int[] symLen = new int[DeflateCodes.DIST_SYMBOLS];
        int[] symDist = new int[DeflateCodes.DIST_SYMBOLS];
        // The distance symbols with a match at the position at hand, in the order found.
        int[] symbols = new int[DeflateCodes.DIST_SYMBOLS];
        for (int i = 0; i < n; i++) {
            int base = cost[i];
            int c = base + litCost[input[from + i] & 0xff];
            if (c < cost[i + 1]) {
                cost[i + 1] = c;
                stepLen[i + 1] = 1;
                stepDist[i + 1] = 0;
            }
            int maxLen = Math.min(DeflateCodes.MAX_MATCH, n - i);
            if (maxLen < DeflateCodes.MIN_MATCH) {
                continue;
            }
            int found = 0;
            if (priorMatch[i] != 0) {
                int dist = priorMatch[i] >>> 9;
                int sym = DeflateCodes.distanceSymbol(dist);
                symLen[sym] = priorMatch[i] & 0x1ff;
                symDist[sym] = dist;
                symbols[found++] = sym;
            }
            found = findMatches(from + i, maxLen, symLen, symDist, symbols, found, distCost, cheapestFrom);
            // Nearest symbol first: lengths that a nearer match reaches at no more cost are its own.
            for (int a = 1; a < found; a++) {
                for (int b = a; b > 0 && symbols[b - 1] > symbols[b]; b--) {
                    int t = symbols[b];
                    symbols[b] = symbols[b - 1];
                    symbols[b - 1] = t;
                }
            }
            for (int a = 0; a < found; a++) {
                int sym = symbols[a];
                int dc = distCost[sym];
                int shortest = DeflateCodes.MIN_MATCH;
                for (int b = 0; b < a; b++) {
                    if (symLen[symbols[b]] >= shortest && distCost[symbols[b]] <= dc) {
                        shortest = symLen[symbols[b]] + 1;
                    }
                }
                int longest = symLen[sym];
                int dist = symDist[sym];
                int at = base + dc;
                for (int len = shortest; len <= longest; len++) {
                    int mc = at + lenCost[len];
                    if (mc < cost[i + len]) {
                        cost[i + len] = mc;
                        stepLen[i + len] = len;
                        stepDist[i + len] = dist;
                    }
                }
            }
            for (int a = 0; a < found; a++) {
                symLen[symbols[a]] = 0;
            }
        }
        int steps = 0;
        for (int i = n; i > 0; i -= stepLen[i]) {
            steps++;
        }
        int[] lens = new int[steps];
        int[] dists = new int[steps];
        for (int i = n, k = steps - 1; i > 0; i -= stepLen[i], k--) {
            lens[k] = stepLen[i];
            dists[k] = stepDist[i];
        }
        LzSymbols out = new LzSymbols(steps);
        int pos = from;
        for (int k = 0; k < steps; k++) {
            if (dists[k] == 0) {
                out.addLiteral(input[pos]);
            } else {
                out.addMatch(lens[k], dists[k]);
            }
            pos += lens[k];
        }
        return out;
    }

    /**
     * Raises {@code symLen[s]} to the longest match at {@code p} (at most {@code maxLen} bytes) among the nearest
     * {@value #MAX_CHAIN} candidates of distance symbol {@code s}, with its distance in {@code symDist[s]}; a symbol
     * seen for the first time (its length 0) is added to {@code symbols[found...]}. Returns the new count.
     */
    private int findMatches(int p, int maxLen, int[] symLen, int[] symDist, int[] symbols, int found, int[] distCost,
            int[] cheapestFrom) {
        if (p + DeflateCodes.MIN_MATCH > input.length) {
            return found;
        }
        int chain = 0;
        for (int q = prev[p]; q >= 0 && p - q <= DeflateCodes.MAX_DISTANCE && chain < MAX_CHAIN;
                q = prev[q], chain++) {
            int sym = DeflateCodes.distanceSymbol(p - q);
            int best = Math.max(symLen[sym], DeflateCodes.MIN_MATCH - 1);
            if (best >= maxLen || input[q + best] != input[p + best]) {
                continue;
            }
            int len = 0;
            while (len < maxLen && input[q + len] == input[p + len]) {
                len++;
            }
            if (len > best) {
                if (symLen[sym] == 0) {
                    symbols[found++] = sym;
                }
                symLen[sym] = len;
                symDist[sym] = p - q;
                if (len == maxLen && distCost[sym] <= cheapestFrom[sym + 1]) {
                    return found;
                }
            }
        }
        return found;
    }
}
