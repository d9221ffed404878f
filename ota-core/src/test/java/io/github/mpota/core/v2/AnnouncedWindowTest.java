package io.github.mpota.core.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jcraft.jzlib.Inflater;
import com.jcraft.jzlib.JZlib;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.SourceFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client compresses with the window the board announces (docs/PROTOCOL.md "Frames": wbits): a board whose
 * inflater has a 512-byte window (wbits 9) can inflate what the client packed for it, and could not inflate the
 * same content packed with v1's 32 KiB window, whose matches reach further back. The inflater that judges is
 * CPython's zlib (as MicroPython's, it refuses a distance beyond its window; jzlib's does not check).
 */
class AnnouncedWindowTest {

    @TempDir
    Path dir;

    @Test
    void contentPackedForWbits9InflatesInA512ByteWindowAndV1sDoesNot() throws Exception {
        byte[] block = new byte[2000];
        new Random(16).nextBytes(block);
        byte[] content = new byte[block.length * 2];
        System.arraycopy(block, 0, content, 0, block.length);
        System.arraycopy(block, 0, content, block.length, block.length);
        Path f = dir.resolve("repeat.bin");
        Files.write(f, content);
        List<SourceFile> files = List.of(new SourceFile(f, "repeat.bin", content.length));

        byte[] small = pack(new PayloadDeflater(9, 9), files);
        byte[] v1 = pack(new PayloadDeflater(9), files);
        assertArrayEquals(content, inflate(small, 15, content.length));
        assertEquals("ok " + content.length, zlibInflate(small, 9));
        String refused = zlibInflate(v1, 9);
        assertTrue(refused.contains("invalid distance too far back"), refused);
        assertEquals("ok " + content.length, zlibInflate(v1, 15));
    }

    /** CPython's zlib inflating {@code raw} with a window of {@code wbits}: "ok N" or the error. */
    private String zlibInflate(byte[] raw, int wbits) throws Exception {
        Path f = Files.write(dir.resolve("stream-" + wbits + "-" + raw.length), raw);
        // Output in 64-byte pieces, as a board reads its inflater: history then comes from the window alone.
        Process p = new ProcessBuilder("python3", "-c", "import sys, zlib\n"
                + "d = zlib.decompressobj(-" + wbits + ")\ndata = open(sys.argv[1], 'rb').read()\nn = 0\n"
                + "try:\n    while data:\n        n += len(d.decompress(data, 64))\n"
                + "        data = d.unconsumed_tail\n    n += len(d.flush())\n    print('ok', n)\n"
                + "except zlib.error as e:\n    print(e)", f.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "python3 did not finish");
        return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
    }

    private byte[] pack(PayloadDeflater deflater, List<SourceFile> files) throws IOException {
        try (PackedPayload p = deflater.pack(files, dir); InputStream in = p.open()) {
            return in.readAllBytes();
        }
    }

    private static byte[] inflate(byte[] raw, int wbits, int expected) throws IOException {
        Inflater inf = new Inflater(wbits, true);
        byte[] out = new byte[expected + 16];
        inf.setInput(raw);
        inf.setOutput(out);
        int rc = inf.inflate(JZlib.Z_FINISH);
        if (rc != JZlib.Z_STREAM_END) {
            throw new IOException("inflate with wbits " + wbits + " ended with " + rc + ": " + inf.msg);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(out, 0, (int) inf.getTotalOut());
        return b.toByteArray();
    }
}
