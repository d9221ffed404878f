package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Parsing again under a block's own code: the same bytes, never more bits, matches reaching into the window. */
class ExactCostParserTest {

    @Test
    void aParseOfZlibsBlocksGivesTheBytesInNoMoreBits() throws Exception {
        byte[] text = PayloadCompressionTest.pythonText(150_000, 21);
        int start = 40_000;
        byte[] zlib = deflateAfterWindow(text, start);
        DeflateBlockReader.Blocks b = DeflateBlockReader.read(zlib, zlib.length * 8L);
        assertTrue(b.symbols().reproduces(text, start, text.length), "zlib's own symbols, window included");
        ExactCostParser.Parse p = new ExactCostParser(text, start).improve(b.symbols(), b.starts());
        assertTrue(p.symbols().reproduces(text, start, text.length));
        long before = 0;
        long after = 0;
        for (int k = 0; k < b.count(); k++) {
            before += HuffmanBlockWriter.cost(b.symbols(), b.starts()[k], b.starts()[k + 1]);
            after += HuffmanBlockWriter.cost(p.symbols(), p.starts()[k], p.starts()[k + 1]);
        }
        assertTrue(after < before, after + " bits, zlib's symbols " + before);
        // Written out after the window: the JDK's inflater, given the window as its dictionary, gives the bytes.
        BitWriter out = new BitWriter(zlib.length);
        for (int k = 0; k + 1 < p.starts().length; k++) {
            HuffmanBlockWriter.write(out, p.symbols(), p.starts()[k], p.starts()[k + 1], k + 2 == p.starts().length);
        }
        java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
        try {
            inf.setDictionary(text, 0, start);
            inf.setInput(out.toByteArray());
            byte[] got = new byte[text.length - start];
            int n = 0;
            while (n < got.length && !inf.finished()) {
                int k = inf.inflate(got, n, got.length - n);
                if (k == 0 && inf.needsInput()) {
                    break;
                }
                n += k;
            }
            assertArrayEquals(Arrays.copyOfRange(text, start, text.length), got);
        } finally {
            inf.end();
        }
    }

    private static byte[] deflateAfterWindow(byte[] data, int start) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
        try {
            d.setDictionary(data, 0, start);
            d.setInput(data, start, data.length - start);
            d.finish();
            byte[] buf = new byte[data.length];
            int n = 0;
            while (!d.finished()) {
                n += d.deflate(buf, n, buf.length - n);
            }
            return Arrays.copyOf(buf, n);
        } finally {
            d.end();
        }
    }
}
