package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.testing.Deflate;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Deflate streams read back into symbols: blocks worked out by hand from RFC 1951, and zlib's own streams. */
class DeflateBlockReaderTest {

    @Test
    void readsAStoredBlock() {
        // 3.2.4: BFINAL 1, BTYPE 00, pad to the byte, LEN 5, NLEN ~5, then the bytes.
        byte[] stream = {0x01, 0x05, 0x00, (byte) 0xfa, (byte) 0xff, 'h', 'e', 'l', 'l', 'o'};
        DeflateBlockReader.Blocks b = DeflateBlockReader.read(stream, stream.length * 8L);
        assertEquals(1, b.count());
        assertEquals(DeflateCodes.BTYPE_STORED, b.types()[0]);
        assertTrue(b.sawFinal());
        assertTrue(b.symbols().reproduces("hello".getBytes(StandardCharsets.US_ASCII), 0, 5));
    }

    @Test
    void readsAFixedHuffmanBlock() {
        // BFINAL 1, BTYPE 01, 'a' (97) as the 8-bit code 0x30 + 97 written from its top bit, end of block as 7
        // zero bits: 1 1 0 | 1 0 0 1 0 0 0 1 | 0 0 0 0 0 0 0 -> bytes 0x4b 0x04 0x00.
        byte[] stream = {0x4b, 0x04, 0x00};
        DeflateBlockReader.Blocks b = DeflateBlockReader.read(stream, 18);
        assertEquals(DeflateCodes.BTYPE_FIXED, b.types()[0]);
        assertEquals(1, b.symbols().size());
        assertEquals('a', b.symbols().litLen(0));
    }

    @Test
    void refusesAStoredBlockWhoseLengthsDisagree() {
        byte[] stream = {0x01, 0x05, 0x00, (byte) 0xfb, (byte) 0xff, 'h', 'e', 'l', 'l', 'o'};
        assertThrows(IllegalArgumentException.class, () -> DeflateBlockReader.read(stream, stream.length * 8L));
    }

    @Test
    void refusesAStreamCutShort() {
        byte[] text = PayloadCompressionTest.pythonText(20_000, 5);
        byte[] stream = Deflate.raw(text, 9);
        assertThrows(IllegalArgumentException.class, () -> DeflateBlockReader.read(stream, stream.length * 8L - 200));
    }

    @Test
    void zlibsDynamicBlocksReadBackToTheirBytes() {
        byte[] text = PayloadCompressionTest.pythonText(300_000, 6);
        for (int level : new int[] {1, 6, 9}) {
            byte[] stream = Deflate.raw(text, level);
            DeflateBlockReader.Blocks b = DeflateBlockReader.read(stream, stream.length * 8L);
            assertTrue(b.sawFinal());
            assertTrue(b.symbols().reproduces(text, 0, text.length), "level " + level);
            assertEquals(b.symbols().size(), b.starts()[b.count()]);
            assertArrayEquals(new int[0], java.util.Arrays.stream(b.types())
                    .filter(t -> t != DeflateCodes.BTYPE_DYNAMIC && t != DeflateCodes.BTYPE_FIXED).toArray());
        }
    }

    @Test
    void symbolsThatDoNotGiveTheBytesAreNotTakenForThem() {
        byte[] text = PayloadCompressionTest.pythonText(5_000, 7);
        byte[] stream = Deflate.raw(text, 9);
        LzSymbols s = DeflateBlockReader.read(stream, stream.length * 8L).symbols();
        byte[] other = text.clone();
        other[4_000] ^= 1;
        assertEquals(false, s.reproduces(other, 0, other.length));
        assertEquals(false, s.reproduces(text, 0, text.length - 1));
    }
}
