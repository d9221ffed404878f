package io.github.mpota.core.payload;

import java.util.ArrayList;
import java.util.List;

/**
 * Moves and merges block boundaries in a run of LZ77 symbols where that makes the coded blocks smaller, by
 * their exact size as {@link HuffmanBlockWriter} writes them. zopfli 1.0 chose its boundaries on a greedy parse
 * with an estimate of the size before its optimal parse, and a segment's first and last boundaries are where the
 * segment was cut; here they are revised on the symbols of the optimal parse itself. Every step keeps the
 * total size or lowers it, so the result is never larger than the boundaries it started from.
 */
final class BlockSplitOptimizer {

    /** Points tried per round when searching a range for the best place of a boundary (as zopfli does). */
    private static final int SAMPLES = 9;

    private final LzSymbols symbols;

    BlockSplitOptimizer(LzSymbols symbols) {
        this.symbols = symbols;
    }

    /**
     * Better boundaries for the blocks that start at {@code starts} (its last entry the end of the symbols):
     * adjacent blocks merged where one block costs less, and each boundary moved to where the two blocks around it
     * cost least. (Splitting zopfli's blocks further was tried and gained nothing on the benchmark's projects.)
     */
    int[] optimize(int[] starts) {
        List<Integer> bounds = new ArrayList<>();
        for (int s : starts) {
            bounds.add(s);
        }
        mergeWherePaying(bounds);
        refine(bounds);
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    private void mergeWherePaying(List<Integer> bounds) {
        while (bounds.size() > 2) {
            long bestGain = 0;
            int bestAt = -1;
            for (int k = 1; k + 1 < bounds.size(); k++) {
                int a = bounds.get(k - 1);
                int b = bounds.get(k);
                int c = bounds.get(k + 1);
                long gain = cost(a, b) + cost(b, c) - cost(a, c);
                if (gain > bestGain) {
                    bestGain = gain;
                    bestAt = k;
                }
            }
            if (bestAt < 0) {
                return;
            }
            bounds.remove(bestAt);
        }
    }

    private void refine(List<Integer> bounds) {
        for (int k = 1; k + 1 < bounds.size(); k++) {
            int a = bounds.get(k - 1);
            int b = bounds.get(k);
            int c = bounds.get(k + 1);
            if (c - a < 2) {
                continue;
            }
            int p = bestBoundary(a + 1, c - 1, a, c);
            if (cost(a, p) + cost(p, c) < cost(a, b) + cost(b, c)) {
                bounds.set(k, p);
            }
        }
    }

    /**
     * The boundary in [lo, hi] that minimises the cost of [from, p) plus [p, to): zopfli's search, narrowing
     * around the best of {@value #SAMPLES} evenly spaced points until the range is small, then trying each point.
     */
    private int bestBoundary(int lo, int hi, int from, int to) {
        int best = lo;
        long bestCost = Long.MAX_VALUE;
        while (hi - lo > SAMPLES) {
            int[] p = new int[SAMPLES];
            int at = -1;
            long roundBest = Long.MAX_VALUE;
            for (int i = 0; i < SAMPLES; i++) {
                p[i] = lo + (int) ((long) (i + 1) * (hi - lo) / (SAMPLES + 1));
                long c = cost(from, p[i]) + cost(p[i], to);
                if (c < roundBest) {
                    roundBest = c;
                    at = i;
                }
            }
            if (roundBest >= bestCost) {
                return best;
            }
            best = p[at];
            bestCost = roundBest;
            int newLo = at == 0 ? lo : p[at - 1];
            int newHi = at == SAMPLES - 1 ? hi : p[at + 1];
            lo = newLo;
            hi = newHi;
        }
        for (int q = lo; q <= hi; q++) {
            long c = cost(from, q) + cost(q, to);
            if (c < bestCost) {
                bestCost = c;
                best = q;
            }
        }
        return best;
    }

    private long cost(int from, int to) {
        return HuffmanBlockWriter.cost(symbols, from, to);
    }
}
