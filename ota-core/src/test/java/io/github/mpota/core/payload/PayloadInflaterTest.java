package io.github.mpota.core.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.testing.Deflate;
import io.github.mpota.core.testing.MemorySink;
import io.github.mpota.core.testing.Trees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class PayloadInflaterTest {

    /** PROTOCOL.md's payload vector. */
    static final byte[] VECTOR = HexFormat.of()
            .parseHex("2b28cacc2bd150cf48cdc9c957d7e44a494d5348d3d0b4e2520082a2d492d2a23c0513232e00");
    static final List<FileEntry> VECTOR_FILES = List.of(new FileEntry("main.py", 15),
            new FileEntry("lib/util.py", 23), new FileEntry("empty.txt", 0));

    /** Counts what the inflater takes from the connection. */
    private static final class CountingInput extends FilterInputStream {
        long consumed;

        CountingInput(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                consumed++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                consumed += n;
            }
            return n;
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String failure(byte[] compressed, List<FileEntry> files) {
        return assertThrows(PayloadException.class, () -> new PayloadInflater()
                .inflate(new ByteArrayInputStream(compressed), files, new MemorySink())).getMessage();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** SHA-256 of the vector's 38 bytes, as the client computes it over the files it packs. */
    private static String vectorSha256() throws Exception {
        return sha256(Trees.utf8("print('hello')\ndef f():\n    return 42\n"));
    }

    @Test
    void theVectorWithItsContentDigestInflates() throws Exception {
        MemorySink sink = new MemorySink();
        assertEquals(38, new PayloadInflater().inflate(new ByteArrayInputStream(VECTOR), VECTOR_FILES, sink,
                java.util.Optional.of(vectorSha256())));
        Trees.protocolExample().forEach((path, content) -> assertArrayEquals(content, sink.content(path), path));
    }

    @Test
    void aContentDigestThatDiffersIsRefusedAfterTheLastFileNamingBothDigests() throws Exception {
        String wrong = "0".repeat(64);
        MemorySink sink = new MemorySink();
        PayloadException e = assertThrows(PayloadException.class, () -> new PayloadInflater()
                .inflate(new ByteArrayInputStream(VECTOR), VECTOR_FILES, sink, java.util.Optional.of(wrong)));
        assertEquals("payload content does not match content_sha256: the 38 bytes inflated have SHA-256 "
                + vectorSha256() + ", the metadata lists " + wrong, e.getMessage());
        assertEquals(List.of("main.py", "lib/util.py", "empty.txt"), sink.opened(),
                "checked after the last file, empty ones included");
    }

    @Test
    void aByteChangedInAStoredBlockInflatesToTheSizesButNotToTheDigest() throws Exception {
        byte[] content = Trees.utf8("print('hello')\ndef f():\n    return 42\n");
        byte[] stored = Deflate.raw(content, 0);
        byte[] changed = stored.clone();
        changed[5 + 10] ^= 0x20; // the 11th data byte of the first stored block (after its 5 header bytes)
        List<FileEntry> files = List.of(new FileEntry("main.py", 15), new FileEntry("lib/util.py", 23));
        assertEquals(38, new PayloadInflater().inflate(new ByteArrayInputStream(changed), files,
                new MemorySink()), "without a digest the change goes through");
        PayloadException e = assertThrows(PayloadException.class, () -> new PayloadInflater().inflate(
                new ByteArrayInputStream(changed), files, new MemorySink(), java.util.Optional.of(sha256(content))));
        assertTrue(e.getMessage().startsWith("payload content does not match content_sha256"), e.getMessage());
    }

    @Test
    void anEmptyUpdateMatchesTheDigestOfNoBytes() throws Exception {
        assertEquals(0, new PayloadInflater().inflate(new ByteArrayInputStream(new byte[0]), List.of(),
                new MemorySink(), java.util.Optional.of(sha256(new byte[0]))));
        assertThrows(PayloadException.class, () -> new PayloadInflater().inflate(
                new ByteArrayInputStream(new byte[0]), List.of(), new MemorySink(),
                java.util.Optional.of("f".repeat(64))));
    }

    @Test
    void theProtocolVectorInflatesToTheThreeFiles() throws Exception {
        MemorySink sink = new MemorySink();
        assertEquals(38, new PayloadInflater().inflate(new ByteArrayInputStream(VECTOR), VECTOR_FILES, sink));
        Trees.protocolExample().forEach((path, content) -> assertArrayEquals(content, sink.content(path), path));
        assertEquals(List.of("main.py", "lib/util.py", "empty.txt"), sink.opened(), "files in list order");
        assertEquals(sink.opened(), sink.closed(), "every file closed once");
    }

    /**
     * zlib (the JDK's, CPython's) ends some raw streams where jzlib's inflate wants one more byte to report the
     * end; such a stream must still be accepted, at every level.
     */
    @Test
    void streamsFromZlibItselfAreAcceptedAtEveryLevel() throws Exception {
        List<FileEntry> files = List.of(new FileEntry("a.py", 7), new FileEntry("b.py", 7));
        for (int level = 0; level <= 9; level++) {
            MemorySink sink = new MemorySink();
            new PayloadInflater().inflate(new ByteArrayInputStream(Deflate.raw(Trees.utf8("new onenew two"),
                    level)), files, sink);
            assertEquals("new one", new String(sink.content("a.py")), "level " + level);
            assertEquals("new two", new String(sink.content("b.py")), "level " + level);
        }
    }

    @Test
    void emptyFilesAnywhereInTheListAreCreated() throws Exception {
        List<FileEntry> files = List.of(new FileEntry("a", 0), new FileEntry("b", 3), new FileEntry("c", 0),
                new FileEntry("d", 0), new FileEntry("e", 2), new FileEntry("f", 0));
        MemorySink sink = new MemorySink();
        new PayloadInflater().inflate(new ByteArrayInputStream(Deflate.raw(Trees.utf8("bbbee"), 9)), files, sink);
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), sink.opened());
        assertEquals(sink.opened(), sink.closed());
        assertEquals("bbb", new String(sink.content("b")));
        assertEquals("ee", new String(sink.content("e")));
        assertEquals(0, sink.content("f").length);
    }

    @Test
    void anEmptyUpdateWithNoBytesIsAccepted() throws Exception {
        MemorySink sink = new MemorySink();
        assertEquals(0, new PayloadInflater().inflate(new ByteArrayInputStream(new byte[0]), List.of(), sink));
        assertEquals(List.of(), sink.opened());
    }

    @Test
    void shortStreamCutMidwayNamesTheFileAndByte() {
        byte[] whole = Deflate.raw(Trees.random(50_000, 3), 9);
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        String message = failure(cut, List.of(new FileEntry("a.bin", 10_000), new FileEntry("b.bin", 40_000)));
        assertTrue(message.startsWith("payload is short: the deflate stream ends early, after "), message);
        assertTrue(message.matches(".* of 50000 bytes, in b\\.bin at byte \\d+ of 40000"), message);
    }

    @Test
    void completeStreamHoldingLessThanListed() {
        String message = failure(VECTOR, List.of(new FileEntry("main.py", 15), new FileEntry("lib/util.py", 33)));
        assertEquals("payload is short: it inflates to 38 of 48 bytes, in lib/util.py at byte 23 of 33", message);
    }

    @Test
    void completeStreamHoldingMoreThanListedIsLong() {
        assertEquals("payload is long: it inflates to more than the 30 bytes that the files add up to",
                failure(VECTOR, List.of(new FileEntry("main.py", 15), new FileEntry("lib/util.py", 15))));
    }

    @Test
    void bytesAfterTheStreamAreRefused() {
        assertEquals("payload has bytes after the end of the deflate stream",
                failure(concat(VECTOR, new byte[] {0}), VECTOR_FILES));
        assertEquals("payload has bytes after the end of the deflate stream",
                failure(concat(VECTOR, Deflate.raw(Trees.utf8("more"), 9)), VECTOR_FILES));
    }

    @Test
    void corruptStreamIsNamedAsSuch() {
        // 0x07: a final block of the reserved type 3, which no deflate stream may hold.
        String message = failure(new byte[] {0x07, 0x00, 0x00}, VECTOR_FILES);
        assertTrue(message.startsWith("payload is corrupt: the deflate stream fails after 3 compressed bytes"),
                message);
        byte[] garbled = Deflate.raw(Trees.utf8("print('hello')\n".repeat(200)), 9);
        byte[] broken = garbled.clone();
        for (int i = 2; i < broken.length; i += 3) {
            broken[i] ^= (byte) 0x5a;
        }
        String second = failure(broken, List.of(new FileEntry("main.py", 3000)));
        assertTrue(second.startsWith("payload is corrupt") || second.startsWith("payload is short")
                || second.startsWith("payload is long"), second);
    }

    @Test
    void aDeflateBombIsStoppedAtTheListedSizes() throws Exception {
        long bombSize = 256L * 1024 * 1024;
        byte[] bomb = Deflate.rawZeros(bombSize);
        assertTrue(bomb.length < bombSize / 500, "a bomb: " + bomb.length + " bytes inflate to " + bombSize);
        List<FileEntry> listed = List.of(new FileEntry("main.py", 1000), new FileEntry("lib/x.py", 24));

        CountingInput in = new CountingInput(bomb);
        MemorySink sink = new MemorySink();
        PayloadException e = assertThrows(PayloadException.class,
                () -> new PayloadInflater().inflate(in, listed, sink));
        assertEquals("payload is long: it inflates to more than the 1024 bytes that the files add up to",
                e.getMessage());
        assertEquals(1024, sink.bytesWritten(), "nothing written past the listed sizes");
        assertTrue(in.consumed < bomb.length / 10, "stopped early, after " + in.consumed + " of "
                + bomb.length + " compressed bytes");
    }

    @Test
    void aSinkFailureReachesTheCallerAndTheOpenFileIsClosed() {
        MemorySink inner = new MemorySink();
        FileSink failing = entry -> {
            if (entry.path().equals("lib/util.py")) {
                throw new IOException("disk full writing " + entry.path());
            }
            return inner.open(entry);
        };
        IOException e = assertThrows(IOException.class, () -> new PayloadInflater()
                .inflate(new ByteArrayInputStream(VECTOR), VECTOR_FILES, failing));
        assertEquals("disk full writing lib/util.py", e.getMessage());
        assertEquals(List.of("main.py"), inner.closed(), "the completed file was closed");
    }
}
