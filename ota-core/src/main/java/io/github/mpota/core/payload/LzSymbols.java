package io.github.mpota.core.payload;

import java.util.Arrays;

/**
 * A piece of a deflate stream as LZ77 symbols: literals and (length, distance) matches, in order, independent of
 * how any block codes them. Counting the Huffman symbols of any range is quick (a histogram every
 * {@value #CHECKPOINT} symbols), since choosing block boundaries counts many ranges.
 */
final class LzSymbols {

    private static final int CHECKPOINT = 1024;
    private static final int ALPHABET = DeflateCodes.LITLEN_SYMBOLS + DeflateCodes.DIST_SYMBOLS;

    /** The literal byte, or the match length (3 to 258) when {@code dist[i] > 0}. */
    private int[] litLen;
    /** 0 for a literal, else the match distance (1 to 32,768). */
    private int[] dist;
    private int size;
    /** Each symbol's literal/length symbol (0 to 285), and its distance symbol (0 to 29, -1 for a literal). */
    private short[] llSymbol;
    private short[] dSymbol;
    /** Histogram of symbols [0, k * CHECKPOINT), litlen then dist symbols, row k. */
    private int[][] checkpoints;

    LzSymbols(int capacity) {
        litLen = new int[Math.max(16, capacity)];
        dist = new int[litLen.length];
    }

    void addLiteral(int b) {
        add(b & 0xff, 0);
    }

    void addMatch(int length, int distance) {
        if (length < DeflateCodes.MIN_MATCH || length > DeflateCodes.MAX_MATCH || distance < 1
                || distance > DeflateCodes.MAX_DISTANCE) {
            throw new IllegalArgumentException("no deflate match of length " + length + " at distance " + distance);
        }
        add(length, distance);
    }

    private void add(int ll, int d) {
        if (size == litLen.length) {
            litLen = Arrays.copyOf(litLen, size * 2);
            dist = Arrays.copyOf(dist, size * 2);
        }
        litLen[size] = ll;
        dist[size] = d;
        size++;
        checkpoints = null;
    }

    int size() {
        return size;
    }

    boolean isMatch(int i) {
        return dist[i] != 0;
    }

    int litLen(int i) {
        return litLen[i];
    }

    int dist(int i) {
        return dist[i];
    }

    /** Symbols [from, to) of this and then [from2, to2) of {@code next}, as one sequence. */
    static LzSymbols concat(LzSymbols a, int from, int to, LzSymbols b, int from2, int to2) {
        LzSymbols s = new LzSymbols(to - from + to2 - from2);
        for (int i = from; i < to; i++) {
            s.add(a.litLen[i], a.dist[i]);
        }
        for (int i = from2; i < to2; i++) {
            s.add(b.litLen[i], b.dist[i]);
        }
        return s;
    }

    /** The bytes symbols [from, to) stand for. */
    long byteLength(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            n += dist[i] == 0 ? 1 : litLen[i];
        }
        return n;
    }

    /**
     * Whether these symbols, decoded after {@code data[0, start)} (the window), give exactly {@code data[start,
     * end)}: every literal that byte, every match a copy of bytes within what precedes it.
     */
    boolean reproduces(byte[] data, int start, int end) {
        int pos = start;
        for (int i = 0; i < size; i++) {
            if (dist[i] == 0) {
                if (pos >= end || (data[pos] & 0xff) != litLen[i]) {
                    return false;
                }
                pos++;
            } else {
                int from = pos - dist[i];
                if (from < 0 || pos + litLen[i] > end) {
                    return false;
                }
                for (int k = 0; k < litLen[i]; k++) {
                    if (data[pos + k] != data[from + k]) {
                        return false;
                    }
                }
                pos += litLen[i];
            }
        }
        return pos == end;
    }

    /**
     * Adds the counts of the literal/length symbols of [from, to) into {@code ll} (286 entries, end of block not
     * included) and of the distance symbols into {@code d} (30 entries).
     */
    void count(int from, int to, int[] ll, int[] d) {
        index();
        int lowRow = (from + CHECKPOINT - 1) / CHECKPOINT;
        int highRow = to / CHECKPOINT;
        if (lowRow >= highRow) {
            countScan(from, to, ll, d);
            return;
        }
        int[] high = checkpoints[highRow];
        int[] low = checkpoints[lowRow];
        for (int s = 0; s < DeflateCodes.LITLEN_SYMBOLS; s++) {
            ll[s] += high[s] - low[s];
        }
        for (int s = 0; s < DeflateCodes.DIST_SYMBOLS; s++) {
            d[s] += high[DeflateCodes.LITLEN_SYMBOLS + s] - low[DeflateCodes.LITLEN_SYMBOLS + s];
        }
        countScan(from, lowRow * CHECKPOINT, ll, d);
        countScan(highRow * CHECKPOINT, to, ll, d);
    }

    private void countScan(int from, int to, int[] ll, int[] d) {
        for (int i = from; i < to; i++) {
            ll[llSymbol[i]]++;
            if (dSymbol[i] >= 0) {
                d[dSymbol[i]]++;
            }
        }
    }

    /** The literal/length symbol of symbol {@code i} (the literal, or the length's code). */
    int litLenSymbol(int i) {
        index();
        return llSymbol[i];
    }

    /** The distance symbol of symbol {@code i}, -1 for a literal. */
    int distSymbol(int i) {
        index();
        return dSymbol[i];
    }

    private void index() {
        if (checkpoints != null) {
            return;
        }
        llSymbol = new short[size];
        dSymbol = new short[size];
        int[][] rows = new int[size / CHECKPOINT + 1][];
        int[] running = new int[ALPHABET];
        for (int i = 0; i < size; i++) {
            if (i % CHECKPOINT == 0) {
                rows[i / CHECKPOINT] = running.clone();
            }
            if (dist[i] == 0) {
                llSymbol[i] = (short) litLen[i];
                dSymbol[i] = -1;
            } else {
                llSymbol[i] = (short) DeflateCodes.lengthSymbol(litLen[i]);
                dSymbol[i] = (short) DeflateCodes.distanceSymbol(dist[i]);
                running[DeflateCodes.LITLEN_SYMBOLS + dSymbol[i]]++;
            }
            running[llSymbol[i]]++;
        }
        if (size % CHECKPOINT == 0) {
            rows[size / CHECKPOINT] = running.clone();
        }
        checkpoints = rows;
    }
}
