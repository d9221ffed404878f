package io.github.mpota.core.payload;

import java.util.Arrays;

/**
 * Reads a raw deflate stream (RFC 1951) back into its LZ77 symbols and block boundaries, without the bytes they
 * stand for: what an encoder chose, so that it can be coded again. A stored block's bytes become literals.
 */
final class DeflateBlockReader {

    private static final int[] FIXED_LITLEN = DeflateCodes.fixedLitLenLengths();
    private static final int[] FIXED_DIST = DeflateCodes.fixedDistLengths();

    private final byte[] data;
    private final long bitLimit;
    private long bitPos;

    /** The symbols of a stream and where its blocks start: block {@code k} is {@code [starts[k], starts[k + 1])}. */
    record Blocks(LzSymbols symbols, int[] starts, int[] types, boolean sawFinal) {

        int count() {
            return types.length;
        }
    }

    private DeflateBlockReader(byte[] data, long bits) {
        this.data = data;
        this.bitLimit = bits;
    }

    /**
     * The blocks in the first {@code bits} bits of {@code data} (filled from the least significant bit), up to the
     * final block or the end of the bits, whichever comes first.
     *
     * @throws IllegalArgumentException when the bits are not a deflate stream
     */
    static Blocks read(byte[] data, long bits) {
        return new DeflateBlockReader(data, bits).readAll();
    }

    private Blocks readAll() {
        LzSymbols symbols = new LzSymbols((int) (Math.min(bitLimit, data.length * 8L) / 4));
        int[] starts = new int[8];
        int[] types = new int[8];
        int blocks = 0;
        boolean last = false;
        while (!last && bitPos < bitLimit) {
            if (blocks + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                types = Arrays.copyOf(types, types.length * 2);
            }
            starts[blocks] = symbols.size();
            last = bits(1) == 1;
            int type = bits(2);
            types[blocks++] = type;
            switch (type) {
                case DeflateCodes.BTYPE_STORED -> stored(symbols);
                case DeflateCodes.BTYPE_FIXED -> huffman(symbols, new Decoder(FIXED_LITLEN), new Decoder(FIXED_DIST));
                case DeflateCodes.BTYPE_DYNAMIC -> dynamic(symbols);
                default -> throw new IllegalArgumentException("deflate block type 3 (reserved) at bit " + (bitPos - 2));
            }
        }
        starts[blocks] = symbols.size();
        return new Blocks(symbols, Arrays.copyOf(starts, blocks + 1), Arrays.copyOf(types, blocks), last);
    }

    private void stored(LzSymbols symbols) {
        bitPos = (bitPos + 7) & ~7L;
        int len = bits(16);
        int nlen = bits(16);
        if ((len ^ 0xffff) != nlen) {
            throw new IllegalArgumentException("a stored block's LEN and NLEN disagree at bit " + (bitPos - 32));
        }
        for (int i = 0; i < len; i++) {
            symbols.addLiteral(bits(8));
        }
    }

    private void dynamic(LzSymbols symbols) {
        int hlit = bits(5) + 257;
        int hdist = bits(5) + 1;
        int hclen = bits(4) + 4;
        int[] clLengths = new int[DeflateCodes.CODE_LENGTH_SYMBOLS];
        for (int i = 0; i < hclen; i++) {
            clLengths[DeflateCodes.CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Decoder cl = new Decoder(clLengths);
        int[] lengths = new int[hlit + hdist];
        for (int i = 0; i < lengths.length;) {
            int sym = cl.decode(this);
            if (sym < 16) {
                lengths[i++] = sym;
                continue;
            }
            int repeat;
            int value = 0;
            if (sym == 16) {
                if (i == 0) {
                    throw new IllegalArgumentException("code length 16 (repeat) with nothing before it");
                }
                value = lengths[i - 1];
                repeat = 3 + bits(2);
            } else if (sym == 17) {
                repeat = 3 + bits(3);
            } else {
                repeat = 11 + bits(7);
            }
            if (i + repeat > lengths.length) {
                throw new IllegalArgumentException("code lengths repeated past HLIT + HDIST");
            }
            Arrays.fill(lengths, i, i + repeat, value);
            i += repeat;
        }
        huffman(symbols, new Decoder(Arrays.copyOf(lengths, hlit)),
                new Decoder(Arrays.copyOfRange(lengths, hlit, hlit + hdist)));
    }

    private void huffman(LzSymbols symbols, Decoder litLen, Decoder dist) {
        while (true) {
            int sym = litLen.decode(this);
            if (sym < DeflateCodes.END_OF_BLOCK) {
                symbols.addLiteral(sym);
            } else if (sym == DeflateCodes.END_OF_BLOCK) {
                return;
            } else {
                int code = sym - 257;
                if (code >= DeflateCodes.LENGTH_BASE.length) {
                    throw new IllegalArgumentException("literal/length symbol " + sym + " does not exist");
                }
                int length = DeflateCodes.LENGTH_BASE[code] + bits(DeflateCodes.LENGTH_EXTRA[code]);
                int d = dist.decode(this);
                if (d >= DeflateCodes.DIST_SYMBOLS) {
                    throw new IllegalArgumentException("distance symbol " + d + " does not exist");
                }
                symbols.addMatch(length, DeflateCodes.DIST_BASE[d] + bits(DeflateCodes.DIST_EXTRA[d]));
            }
        }
    }

    private int bits(int n) {
        if (bitPos + n > bitLimit) {
            throw new IllegalArgumentException("the deflate stream ends in the middle of a block");
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            long p = bitPos + i;
            v |= ((data[(int) (p >>> 3)] >>> (p & 7)) & 1) << i;
        }
        bitPos += n;
        return v;
    }

    /** A canonical Huffman code (3.2.2), decoded a bit at a time from its most significant bit. */
    private static final class Decoder {
        private final int[] count = new int[DeflateCodes.MAX_BITS + 1];
        private final int[] symbols;

        Decoder(int[] lengths) {
            for (int len : lengths) {
                count[len]++;
            }
            count[0] = 0;
            int[] offset = new int[DeflateCodes.MAX_BITS + 2];
            for (int len = 1; len <= DeflateCodes.MAX_BITS; len++) {
                offset[len + 1] = offset[len] + count[len];
            }
            symbols = new int[offset[DeflateCodes.MAX_BITS + 1]];
            for (int s = 0; s < lengths.length; s++) {
                if (lengths[s] > 0) {
                    symbols[offset[lengths[s]]++] = s;
                }
            }
        }

        int decode(DeflateBlockReader in) {
            int code = 0;
            int first = 0;
            int index = 0;
            for (int len = 1; len <= DeflateCodes.MAX_BITS; len++) {
                code |= in.bits(1);
                int n = count[len];
                if (code - first < n) {
                    return symbols[index + code - first];
                }
                index += n;
                first = (first + n) << 1;
                code <<= 1;
            }
            throw new IllegalArgumentException("a Huffman code that the block's code does not define");
        }
    }
}
