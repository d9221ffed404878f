package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An encoder that gets it wrong on purpose: the payload is refused before it could be sent, as a bug to report. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PayloadVerificationTest {

    @TempDir
    Path tmp;

    /** A real encoder whose output, or input, is tampered with on its way. */
    private static PayloadEncoder tampered(PayloadEncoder real, UnaryOperator<byte[]> onOutput,
            UnaryOperator<byte[]> onInput) {
        return new PayloadEncoder() {
            @Override
            public String describe() {
                return "a broken encoder";
            }

            @Override
            public void encode(InputStream in, List<Long> fileSizes, OutputStream out, Duration budget)
                    throws IOException, OverBudgetException {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                real.encode(new java.io.ByteArrayInputStream(onInput.apply(in.readAllBytes())), fileSizes, buf,
                        budget);
                out.write(onOutput.apply(buf.toByteArray()));
            }
        };
    }

    private List<SourceFile> sources() {
        Map<String, byte[]> files = Map.of("main.py", PayloadCompressionTest.pythonText(40_000, 5),
                "data.bin", Trees.random(3_000, 6));
        Path root = tmp.resolve("src");
        Trees.write(root, files);
        List<SourceFile> list = new ArrayList<>();
        files.forEach((path, content) -> list.add(new SourceFile(root.resolve(path), path, content.length)));
        return list;
    }

    private void assertRefused(PayloadEncoder broken, String why) throws IOException {
        Path work = Files.createDirectory(tmp.resolve("work-" + why.hashCode()));
        for (Compression mode : Compression.values()) {
            PayloadDeflater deflater = new PayloadDeflater(CompressionOptions.of(mode, Duration.ofMinutes(1)),
                    m -> broken);
            PayloadEncoderException e = assertThrows(PayloadEncoderException.class,
                    () -> deflater.pack(sources(), work), why);
            assertTrue(e.getMessage().startsWith("the payload made by "), e.getMessage());
            assertTrue(e.getMessage().contains("a broken encoder does not inflate back to the files ("),
                    e.getMessage());
            assertTrue(e.getMessage().contains("This is a bug in the OTA client: please report it"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
            try (var left = Files.list(work)) {
                assertEquals(0, left.count(), "no payload file is left to send");
            }
        }
    }

    @Test
    void aFlippedByteInTheStreamIsRefused() throws Exception {
        assertRefused(tampered(new ZlibEncoder(9), b -> {
            b[b.length / 2] ^= 0x10;
            return b;
        }, UnaryOperator.identity()), "flipped byte");
    }

    @Test
    void aStreamCutShortIsRefused() throws Exception {
        assertRefused(tampered(new ZopfliEncoder(2), b -> java.util.Arrays.copyOf(b, b.length - 3),
                UnaryOperator.identity()), "cut short");
    }

    @Test
    void aValidStreamOfOtherBytesIsCaughtByTheDigest() throws Exception {
        // Same length, one byte changed before deflating: a well-formed stream that inflates to the listed sizes,
        // which only the SHA-256 comparison can tell from the files.
        assertRefused(tampered(new ZlibEncoder(9), UnaryOperator.identity(), b -> {
            b[100] ^= 1;
            return b;
        }), "other bytes");
    }
}
