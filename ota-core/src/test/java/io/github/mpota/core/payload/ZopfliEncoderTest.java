package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lu.luz.jzopfli.Deflate;
import lu.luz.jzopfli.ZopfliH;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** best's own pass over zopfli's blocks: smaller than zopfli alone, and a stream both inflaters take. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZopfliEncoderTest {

    private static byte[] encode(byte[] data, List<Long> sizes, int threads) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ZopfliEncoder(threads).encode(new ByteArrayInputStream(data), sizes, out, null);
        return out.toByteArray();
    }

    @Test
    void smallerThanZopflisOwnStreamOfTheSameSegment() throws Exception {
        byte[] text = PayloadCompressionTest.pythonText(200_000, 31);
        byte[] ours = encode(text, List.of((long) text.length), 1);

        ZopfliH.ZopfliOptions options = new ZopfliH.ZopfliOptions();
        options.numiterations = ZopfliEncoder.ITERATIONS;
        byte[] bitPointer = {0};
        byte[][] zopfli = {new byte[0]};
        int[] size = {0};
        Deflate.ZopfliDeflatePart(options, 2, true, text, 0, text.length, bitPointer, zopfli, size);

        assertTrue(ours.length < size[0], ours.length + " bytes, zopfli alone " + size[0]);
        assertArrayEquals(text, HuffmanBlockWriterTest.inflateJdk(ours, text.length));
        assertArrayEquals(text, HuffmanBlockWriterTest.inflateJzlib(ours, text.length));
    }

    @Test
    void blocksHeldAcrossManyJoinsInflate() throws Exception {
        // Uniform text over three and a half segments: each segment's blocks may merge with the next one's, and a
        // merged block may be held again at the following join.
        byte[] unit = PayloadCompressionTest.pythonText(30_000, 32);
        byte[] text = new byte[ZopfliEncoder.SEGMENT_SIZE * 7 / 2];
        for (int i = 0; i < text.length; i += unit.length) {
            System.arraycopy(unit, 0, text, i, Math.min(unit.length, text.length - i));
        }
        byte[] one = encode(text, List.of((long) text.length), 1);
        byte[] two = encode(text, List.of((long) text.length / 2, (long) text.length - text.length / 2), 2);
        assertArrayEquals(text, HuffmanBlockWriterTest.inflateJdk(one, text.length));
        assertArrayEquals(text, HuffmanBlockWriterTest.inflateJzlib(one, text.length));
        assertArrayEquals(one, two, "the files' sizes and the threads do not change the segments of text");
        assertTrue(Arrays.equals(text, HuffmanBlockWriterTest.inflateJdk(two, text.length)));
    }
}
