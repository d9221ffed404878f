package io.github.mpota.core.payload;

import java.util.Arrays;

/**
 * Huffman code lengths limited to a maximum length (deflate: 15 bits, 7 for the code-length code), and the
 * canonical codes of RFC 1951 section 3.2.2 that they stand for.
 *
 * <p>The lengths are optimal for the limit: the package-merge algorithm (Larmore and Hirschberg), which takes
 * the cheapest {@code 2n - 2} items of the list of leaves merged with the packages of the level below, {@code
 * maxBits} times; a leaf's code length is the number of chosen items it is part of.
 */
final class HuffmanCodeLengths {

    private HuffmanCodeLengths() {
    }

    /**
     * Optimal code lengths, none longer than {@code maxBits}, for symbols that occur {@code counts[i]} times;
     * 0 for a symbol that does not occur. A single symbol gets a 1-bit code.
     */
    static int[] of(int[] counts, int maxBits) {
        int n = counts.length;
        int[] lengths = new int[n];
        int used = 0;
        for (int c : counts) {
            if (c > 0) {
                used++;
            }
        }
        if (used == 0) {
            return lengths;
        }
        int[] leaves = new int[used];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (counts[i] > 0) {
                leaves[k++] = i;
            }
        }
        if (used == 1) {
            lengths[leaves[0]] = 1;
            return lengths;
        }
        if ((1L << maxBits) < used) {
            throw new IllegalArgumentException(used + " symbols do not fit codes of at most " + maxBits + " bits");
        }
        // Leaves by weight (ties by symbol, so that the lengths do not depend on the sort's stability).
        Integer[] order = new Integer[used];
        for (int i = 0; i < used; i++) {
            order[i] = leaves[i];
        }
        Arrays.sort(order, (a, b) -> counts[a] != counts[b] ? Integer.compare(counts[a], counts[b])
                : Integer.compare(a, b));
        // Items: leaves are 0..used-1 (sorted), packages after; a package has two children.
        int capacity = used + maxBits * used;
        // A list holds the leaves and at most half of the list below: never more than 2n items.
        long[] weight = new long[capacity];
        int[] left = new int[capacity];
        int[] right = new int[capacity];
        for (int i = 0; i < used; i++) {
            weight[i] = counts[order[i]];
            left[i] = -1;
        }
        int nodes = used;
        int[] list = new int[2 * used];
        int listSize = used;
        for (int i = 0; i < used; i++) {
            list[i] = i;
        }
        int[] merged = new int[2 * used];
        for (int level = 1; level < maxBits; level++) {
            // Packages of pairs of the previous list, merged with the leaves, cheapest first.
            int packages = listSize / 2;
            int firstPackage = nodes;
            for (int p = 0; p < packages; p++) {
                weight[nodes] = weight[list[2 * p]] + weight[list[2 * p + 1]];
                left[nodes] = list[2 * p];
                right[nodes] = list[2 * p + 1];
                nodes++;
            }
            int li = 0;
            int pi = 0;
            int m = 0;
            while (m < used + packages) {
                if (pi >= packages || (li < used && weight[li] <= weight[firstPackage + pi])) {
                    merged[m++] = li++;
                } else {
                    merged[m++] = firstPackage + pi++;
                }
            }
            int[] t = list;
            list = merged;
            merged = t;
            listSize = m;
        }
        int[] depth = new int[used];
        int[] stack = new int[capacity];
        for (int i = 0; i < Math.min(2 * used - 2, listSize); i++) {
            int top = 0;
            stack[top++] = list[i];
            while (top > 0) {
                int item = stack[--top];
                if (left[item] < 0) {
                    depth[item]++;
                } else {
                    stack[top++] = left[item];
                    stack[top++] = right[item];
                }
            }
        }
        for (int i = 0; i < used; i++) {
            lengths[order[i]] = depth[i];
        }
        return lengths;
    }

    /**
     * The canonical codes (3.2.2) of {@code lengths}, each with its bits reversed, since deflate writes a Huffman
     * code from its most significant bit into a stream filled from the least significant bit.
     */
    static int[] reversedCodes(int[] lengths) {
        int[] blCount = new int[DeflateCodes.MAX_BITS + 1];
        for (int len : lengths) {
            blCount[len]++;
        }
        blCount[0] = 0;
        int[] next = new int[DeflateCodes.MAX_BITS + 2];
        int code = 0;
        for (int bits = 1; bits <= DeflateCodes.MAX_BITS; bits++) {
            code = (code + blCount[bits - 1]) << 1;
            next[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            int len = lengths[s];
            if (len > 0) {
                codes[s] = Integer.reverse(next[len]++) >>> (32 - len);
            }
        }
        return codes;
    }

    /**
     * Counts evened out so that their code lengths come in runs that the code-length code's repeat symbols (16,
     * 17, 18) write cheaply: a stretch of similar counts becomes their average, a stretch of zeros stays zeros.
     * The same idea as zopfli's {@code OptimizeHuffmanForRle} (after Brotli): the data may cost a few bits more
     * and the header less; the caller keeps whichever block is smaller. Trailing zeros are left alone (making
     * them non-zero would lengthen the header).
     */
    static int[] smoothedForRle(int[] counts) {
        int[] c = counts.clone();
        int length = c.length;
        while (length > 0 && c[length - 1] == 0) {
            length--;
        }
        if (length == 0) {
            return c;
        }
        // Runs that a repeat symbol already covers (5+ zeros, 7+ equal non-zero counts) are not touched.
        boolean[] keep = new boolean[length];
        int runStart = 0;
        for (int i = 1; i <= length; i++) {
            if (i == length || c[i] != c[runStart]) {
                int run = i - runStart;
                if ((c[runStart] == 0 && run >= 5) || (c[runStart] != 0 && run >= 7)) {
                    Arrays.fill(keep, runStart, i, true);
                }
                runStart = i;
            }
        }
        int stride = 0;
        long sum = 0;
        long limit = c[0];
        for (int i = 0; i <= length; i++) {
            if (i == length || keep[i] || Math.abs((long) c[i] - limit) >= 4) {
                if (stride >= 4 || (stride >= 3 && sum == 0)) {
                    int average = sum == 0 ? 0 : (int) Math.max(1, (sum + stride / 2) / stride);
                    Arrays.fill(c, i - stride, i, average);
                }
                stride = 0;
                sum = 0;
                if (i < length - 3) {
                    limit = ((long) c[i] + c[i + 1] + c[i + 2] + c[i + 3] + 2) / 4;
                } else if (i < length) {
                    limit = c[i];
                } else {
                    limit = 0;
                }
            }
            stride++;
            if (i != length) {
                sum += c[i];
            }
        }
        return c;
    }
}
