package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.testing.Deflate;
import io.github.mpota.core.testing.MemorySink;
import io.github.mpota.core.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PayloadDeflaterTest {

    @TempDir
    Path tmp;

    private List<SourceFile> sources(Path root, Map<String, byte[]> files) {
        Trees.write(root, files);
        List<SourceFile> list = new ArrayList<>();
        files.forEach((path, content) -> list.add(new SourceFile(root.resolve(path), path, content.length)));
        return list;
    }

    private static byte[] concatenated(Map<String, byte[]> files) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        files.values().forEach(all::writeBytes);
        return all.toByteArray();
    }

    @Test
    void roundTripsAMixedProjectThroughBothInflaters() throws Exception {
        Map<String, byte[]> files = Trees.mixedProject();
        Path work = Files.createDirectory(tmp.resolve("work"));
        try (PackedPayload payload = new PayloadDeflater().pack(sources(tmp.resolve("src"), files), work)) {
            List<FileEntry> expected = new ArrayList<>();
            files.forEach((path, content) -> expected.add(new FileEntry(path, content.length)));
            byte[] compressed = Files.readAllBytes(payload.file());
            assertEquals(Metadata.of(compressed.length, expected).withContentSha256(sha256(concatenated(files))),
                    payload.metadata(), "the content digest is the SHA-256 of the files, concatenated in order");
            assertEquals(compressed.length, payload.compressedSize());
            assertEquals(concatenated(files).length, payload.uncompressedSize());
            assertTrue(payload.file().startsWith(work), "packed in the given folder");

            // The JDK's zlib reads it as one raw stream ending at its last byte: the wire format, not jzlib's view.
            assertArrayEquals(concatenated(files), Deflate.inflateRaw(compressed));

            MemorySink sink = new MemorySink();
            try (InputStream in = payload.open()) {
                assertEquals(payload.uncompressedSize(),
                        new PayloadInflater().inflate(in, expected, sink, payload.metadata().contentSha256()));
            }
            files.forEach((path, content) -> assertArrayEquals(content, sink.content(path), path));
            assertEquals(new ArrayList<>(files.keySet()), sink.opened());
        }
    }

    static String sha256(byte[] b) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void theContentDigestOfTheProtocolExampleIsTheSha256OfItsThirtyEightBytes() throws Exception {
        Map<String, byte[]> files = Trees.protocolExample();
        try (PackedPayload payload = new PayloadDeflater().pack(sources(tmp, files), tmp)) {
            // print('hello')\n + def f():\n    return 42\n + nothing, hashed independently of the deflater
            assertEquals(java.util.Optional.of(sha256(Trees.utf8("print('hello')\ndef f():\n    return 42\n"))),
                    payload.metadata().contentSha256());
        }
    }

    @Test
    void theProtocolExampleFilesPackToAStreamThatInflatesLikeTheVector() throws Exception {
        Map<String, byte[]> files = Trees.protocolExample();
        try (PackedPayload payload = new PayloadDeflater().pack(sources(tmp, files), tmp)) {
            byte[] compressed = Files.readAllBytes(payload.file());
            assertArrayEquals(Deflate.inflateRaw(PayloadInflaterTest.VECTOR), Deflate.inflateRaw(compressed));
            assertEquals(PayloadInflaterTest.VECTOR_FILES, payload.metadata().files());
            assertEquals(38, payload.uncompressedSize());
        }
    }

    @Test
    void noFilesPackToAValidEmptyStream() throws Exception {
        try (PackedPayload payload = new PayloadDeflater().pack(List.of(), tmp)) {
            byte[] compressed = Files.readAllBytes(payload.file());
            assertNotEquals(0, compressed.length, "a finished deflate stream has at least its final block");
            assertEquals(0, Deflate.inflateRaw(compressed).length);
            assertEquals(0, new PayloadInflater().inflate(payload.open(), List.of(), new MemorySink()));
            assertEquals(new Metadata(compressed.length, 0, List.of())
                    .withContentSha256("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                    payload.metadata(), "the SHA-256 of no bytes");
        }
    }

    @Test
    void everyLevelGivesARawStream() throws Exception {
        Map<String, byte[]> files = Map.of("a.py", Trees.utf8("abc".repeat(1000)), "b.bin", Trees.random(5000, 9));
        List<SourceFile> src = sources(tmp.resolve("src"), files);
        for (int level : new int[] {0, 1, 6, 9}) {
            try (PackedPayload payload = new PayloadDeflater(level).pack(src, tmp)) {
                byte[] compressed = Files.readAllBytes(payload.file());
                assertNotEquals(0x78, compressed[0] & 0xff, "no zlib header at level " + level);
                byte[] expected = new byte[0];
                ByteArrayOutputStream all = new ByteArrayOutputStream();
                src.forEach(s -> all.writeBytes(files.get(s.devicePath())));
                expected = all.toByteArray();
                assertArrayEquals(expected, Deflate.inflateRaw(compressed), "level " + level);
            }
        }
        assertEquals("deflate level must be 0 to 9, was 10",
                assertThrows(IllegalArgumentException.class, () -> new PayloadDeflater(10)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PayloadDeflater(-1));
    }

    @Test
    void closingThePayloadDeletesItsTemporaryFile() throws Exception {
        PackedPayload payload = new PayloadDeflater().pack(sources(tmp.resolve("src"), Trees.protocolExample()), tmp);
        Path file = payload.file();
        assertTrue(Files.exists(file));
        payload.close();
        assertFalse(Files.exists(file));
    }

    @Test
    void aFileThatChangedSinceSelectionIsAnErrorAndLeavesNoTemporaryFile() throws Exception {
        Path work = Files.createDirectory(tmp.resolve("work"));
        List<SourceFile> src = sources(tmp.resolve("src"), Trees.protocolExample());
        Files.writeString(src.get(0).localPath(), "print('hello, world')\n");
        IOException e = assertThrows(IOException.class, () -> new PayloadDeflater().pack(src, work));
        assertEquals(src.get(0).localPath() + " changed while it was packed (15 bytes when selected, 22 when read);"
                + " run the push again", e.getMessage());
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "no half-written payload left behind");
        }
    }
}
