package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mpota.core.payload.Compression;
import io.github.mpota.core.payload.CompressionOptions;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SourceFile;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payload of every compression mode, inflated by MicroPython's own {@code deflate} module (its WebAssembly
 * build) as the reference device reads it: {@code deflate.DeflateIO(stream, deflate.RAW, 15)}. The project is
 * larger than two of best's 128 KiB segments, so the joins between segments are on the way.
 */
@Timeout(180)
class EveryCompressionInflatesOnTheBoardTest {

    @TempDir
    static Path project;

    static byte[] all;

    @BeforeAll
    static void writeProject() throws Exception {
        Random r = new Random(17);
        StringBuilder text = new StringBuilder();
        String[] words = {"sensor", "reading", "value", "config", "network", "display", "button", "timer"};
        // main.py is longer than best's 256 KiB segments: its payload has a join between two Huffman segments.
        while (text.length() < 400_000) {
            String w = words[r.nextInt(words.length)];
            text.append("def ").append(w).append('_').append(r.nextInt(400)).append("(self):\n    return self._")
                    .append(w).append(" * ").append(r.nextInt(1000)).append("\n\n");
        }
        Files.writeString(project.resolve("main.py"), text.substring(0, 300_000));
        Files.createDirectories(project.resolve("lib"));
        Files.writeString(project.resolve("lib/app.py"), text.substring(300_000));
        byte[] noise = new byte[30_000];
        r.nextBytes(noise);
        Files.write(project.resolve("lib/noise.bin"), noise);
        Files.writeString(project.resolve("empty.py"), "");
        ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
        for (SourceFile f : files()) {
            concatenated.writeBytes(Files.readAllBytes(f.localPath()));
        }
        all = concatenated.toByteArray();
    }

    static List<SourceFile> files() throws Exception {
        return new FileSelector().select(project).files();
    }

    /** Inflates the payload on the board with the given window and prints the byte count and SHA-256. */
    private static MicroPythonScript.Run inflateOnTheBoard(Path work, PackedPayload payload, int windowBits)
            throws Exception {
        Path board = Files.createDirectories(work.resolve("board"));
        Files.copy(payload.file(), board.resolve("payload.bin"));
        return MicroPythonScript.run(work, Map.of(), """
                import deflate, hashlib, binascii
                h = hashlib.sha256()
                n = 0
                with open("payload.bin", "rb") as f:
                    d = deflate.DeflateIO(f, deflate.RAW, %d)
                    while True:
                        b = d.read(4096)
                        if not b:
                            break
                        h.update(b)
                        n += len(b)
                print(n, binascii.hexlify(h.digest()).decode())
                """.formatted(windowBits));
    }

    private static String expected() throws Exception {
        return all.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all));
    }

    private void assertInflates(Path work, CompressionOptions options, Compression made) throws Exception {
        try (PackedPayload payload = new PayloadDeflater(options).pack(files(), work)) {
            assertEquals(made, payload.compression(), payload.encoding());
            MicroPythonScript.Run run = inflateOnTheBoard(work, payload, options.windowBits());
            assertEquals(0, run.exitCode(), run.output());
            assertEquals(List.of(expected()), run.lines(), payload.encoding() + "\n" + run.output());
        }
    }

    @Test
    void fast(@TempDir Path work) throws Exception {
        assertInflates(work, CompressionOptions.of(Compression.FAST, Duration.ofSeconds(2)), Compression.FAST);
    }

    @Test
    void best(@TempDir Path work) throws Exception {
        assertInflates(work, CompressionOptions.of(Compression.BEST, Duration.ofSeconds(2)).withThreads(2),
                Compression.BEST);
    }

    @Test
    void autoWithinItsBudgetIsBest(@TempDir Path work) throws Exception {
        assertInflates(work, CompressionOptions.of(Compression.AUTO, Duration.ofMinutes(5)), Compression.BEST);
    }

    @Test
    void autoBeyondItsBudgetIsFast(@TempDir Path work) throws Exception {
        assertInflates(work, CompressionOptions.of(Compression.AUTO, Duration.ofMillis(1)), Compression.FAST);
    }

    @Test
    void aSmallWindowInflatesWithThatWindowOnly(@TempDir Path work) throws Exception {
        // A 512-byte window: MicroPython's inflater keeps only that much history and refuses a match from further
        // back (OSError EINVAL; zlib level 9's 32 KiB stream of this project fails so under wbits 9).
        assertInflates(work, CompressionOptions.of(Compression.BEST, Duration.ofSeconds(2)).withWindowBits(9),
                Compression.BEST);
    }
}
