package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jzlib.JZlib;
import io.github.mpota.core.testing.Deflate;
import io.github.mpota.core.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/**
 * Blocks written from symbols inflate, with the JDK's zlib and with jzlib (the device runtime's inflater), to the
 * bytes the symbols stand for; the size the writer plans is the size it writes.
 */
class HuffmanBlockWriterTest {

    @Test
    void aOneLiteralBlockIsTheFixedBlockOfTheRfc() {
        // A dynamic header alone costs more than 18 bits: the fixed block 0x4b 0x04 0x00 worked out from 3.2.6.
        LzSymbols s = new LzSymbols(1);
        s.addLiteral('a');
        BitWriter out = new BitWriter(4);
        HuffmanBlockWriter.write(out, s, 0, 1, true);
        assertEquals(18, out.bits());
        assertArrayEquals(new byte[] {0x4b, 0x04, 0x00}, out.toByteArray());
    }

    @Test
    void textInBlocksOfEverySizeInflatesBackUnderBothInflaters() throws Exception {
        byte[] text = PayloadCompressionTest.pythonText(200_000, 11);
        byte[] zlib = Deflate.raw(text, 9);
        LzSymbols s = DeflateBlockReader.read(zlib, zlib.length * 8L).symbols();
        int[][] cuts = {{0, s.size()}, {0, 1, 2, 50, 3_000, s.size()}, {0, s.size() / 2, s.size() - 1, s.size()}};
        for (int[] cut : cuts) {
            BitWriter out = new BitWriter(zlib.length);
            for (int k = 0; k + 1 < cut.length; k++) {
                long before = out.bits();
                HuffmanBlockWriter.write(out, s, cut[k], cut[k + 1], k + 2 == cut.length);
                assertEquals(HuffmanBlockWriter.cost(s, cut[k], cut[k + 1]), out.bits() - before);
            }
            byte[] stream = out.toByteArray();
            assertArrayEquals(text, inflateJdk(stream, text.length));
            assertArrayEquals(text, inflateJzlib(stream, text.length));
        }
    }

    @Test
    void oddBlocksInflateToo() throws Exception {
        // Literals only (no distance code in use), one repeated byte, one long match, and random bytes.
        LzSymbols same = new LzSymbols(2_000);
        for (int i = 0; i < 2_000; i++) {
            same.addLiteral('x');
        }
        LzSymbols run = new LzSymbols(3);
        run.addLiteral('y');
        run.addMatch(258, 1);
        run.addMatch(3, 1);
        byte[] random = Trees.random(5_000, 12);
        LzSymbols noise = new LzSymbols(random.length);
        for (byte b : random) {
            noise.addLiteral(b);
        }
        byte[][] expected = {"x".repeat(2_000).getBytes(), "y".repeat(262).getBytes(), random};
        LzSymbols[] blocks = {same, run, noise};
        for (int i = 0; i < blocks.length; i++) {
            BitWriter out = new BitWriter(16);
            HuffmanBlockWriter.write(out, blocks[i], 0, blocks[i].size(), true);
            assertArrayEquals(expected[i], inflateJdk(out.toByteArray(), expected[i].length), "block " + i);
            assertArrayEquals(expected[i], inflateJzlib(out.toByteArray(), expected[i].length), "block " + i);
        }
    }

    @Test
    void neverLargerThanZlibsOwnBlocks() {
        byte[] text = PayloadCompressionTest.pythonText(100_000, 13);
        byte[] zlib = Deflate.raw(text, 9);
        DeflateBlockReader.Blocks b = DeflateBlockReader.read(zlib, zlib.length * 8L);
        long bits = 0;
        for (int k = 0; k < b.count(); k++) {
            bits += HuffmanBlockWriter.cost(b.symbols(), b.starts()[k], b.starts()[k + 1]);
        }
        // zlib's blocks, the same symbols: ours may only differ in the codes and headers, which it chooses better.
        assertTrue((bits + 7) / 8 <= zlib.length, (bits + 7) / 8 + " bytes for zlib's " + zlib.length);
    }

    static byte[] inflateJdk(byte[] stream, int size) throws DataFormatException {
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(stream);
            byte[] out = new byte[size + 1];
            int n = 0;
            while (!inf.finished() && n < out.length) {
                int got = inf.inflate(out, n, out.length - n);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += got;
            }
            assertTrue(inf.finished(), "the JDK's inflater reached the final block's end");
            return java.util.Arrays.copyOf(out, n);
        } finally {
            inf.end();
        }
    }

    static byte[] inflateJzlib(byte[] stream, int size) throws com.jcraft.jzlib.GZIPException {
        com.jcraft.jzlib.Inflater inf = new com.jcraft.jzlib.Inflater(15, true);
        byte[] out = new byte[size + 16];
        inf.setInput(stream);
        inf.setOutput(out);
        int rc = inf.inflate(JZlib.Z_FINISH);
        assertEquals(JZlib.Z_STREAM_END, rc, "jzlib: " + inf.msg);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(out, 0, (int) inf.getTotalOut());
        return b.toByteArray();
    }
}
