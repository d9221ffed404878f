package io.github.mpota.core.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.metadata.MetadataException;
import io.github.mpota.core.selection.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delta plan, the update request, the manifest's encoding rules and the client's checks of a hello. */
class DeltaAndMessagesTest {

    @TempDir
    Path dir;

    private static byte[] sha(String s) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    }

    private SourceFile file(String path, String content) throws Exception {
        Path p = dir.resolve(path.replace('/', '_'));
        Files.writeString(p, content);
        return new SourceFile(p, path, content.length());
    }

    @Test
    void planSendsNewAndChangedSkipsSameContentAndDeletesOnlyInstalledFilesTheProjectDropped() throws Exception {
        Manifest board = new Manifest(List.of(new ManifestEntry("main.py", 4, sha("old\n")),
                new ManifestEntry("util.py", 3, sha("u=1")), new ManifestEntry("gone.py", 1, sha("g"))));
        List<SourceFile> project = List.of(file("main.py", "new\n"), file("util.py", "u=1"), file("added.py", "a"));
        List<byte[]> hashes = V2ClientSession.hashes(project);
        DeltaPlan plan = DeltaPlan.of(project, hashes, board, true);
        assertEquals(List.of("main.py", "added.py"), plan.send().stream().map(SourceFile::devicePath).toList());
        assertEquals(List.of("util.py"), plan.unchanged());
        assertEquals(List.of("gone.py"), plan.delete());
        assertEquals(List.of(), DeltaPlan.of(project, hashes, board, false).delete(), "ota.delete=false");
        Manifest after = DeltaPlan.after(board, project, hashes, plan.delete());
        assertEquals(List.of("added.py", "main.py", "util.py"),
                after.entries().stream().map(ManifestEntry::path).toList());
    }

    @Test
    void sameHashButAnotherSizeIsNotUnchanged() throws Exception {
        SourceFile f = file("main.py", "abc");
        Manifest board = new Manifest(List.of(new ManifestEntry("main.py", 4, sha("abc"))));
        assertEquals(1, DeltaPlan.of(List.of(f), V2ClientSession.hashes(List.of(f)), board, true).send().size());
    }

    @Test
    void updateRequestRoundTripsWithItsTwoKeys() throws Exception {
        Metadata m = Metadata.of(5, List.of(new FileEntry("main.py", 3)));
        byte[] json = new UpdateRequest(m, List.of("old.py"), true).encode();
        assertEquals("{\"compressed_size\":5,\"total_uncompressed\":3,\"files\":[{\"path\":\"main.py\",\"size\":3}],"
                + "\"delete\":[\"old.py\"],\"reboot\":true}", new String(json, StandardCharsets.UTF_8));
        UpdateRequest back = UpdateRequest.parse(json);
        assertEquals(List.of("old.py"), back.delete());
        assertTrue(back.reboot());
    }

    @Test
    void updateRequestRefusesWhatTheSpecificationRefuses() {
        assertThrows(MetadataException.class, () -> UpdateRequest.parse(utf8(
                "{\"compressed_size\":5,\"total_uncompressed\":3,\"files\":[{\"path\":\"a.py\",\"size\":3}],"
                        + "\"delete\":[\"a.py\"]}")), "written and deleted");
        assertThrows(MetadataException.class, () -> UpdateRequest.parse(utf8(
                "{\"compressed_size\":0,\"total_uncompressed\":0,\"files\":[],\"delete\":[\"../x\"]}")));
        assertThrows(MetadataException.class, () -> UpdateRequest.parse(utf8(
                "{\"compressed_size\":0,\"total_uncompressed\":0,\"files\":[],\"delete\":[\"a\",\"a\"]}")));
        assertThrows(MetadataException.class, () -> UpdateRequest.parse(utf8(
                "{\"compressed_size\":0,\"total_uncompressed\":0,\"files\":[],\"reboot\":\"yes\"}")));
        assertThrows(MetadataException.class, () -> UpdateRequest.parse(utf8(
                "{\"compressed_size\":2,\"total_uncompressed\":0,\"files\":[]}")), "payload without files");
        assertFalse(assertDoesNotThrow(utf8("{\"compressed_size\":0,\"total_uncompressed\":0,\"files\":[]}")).reboot());
    }

    private static UpdateRequest assertDoesNotThrow(byte[] json) {
        try {
            return UpdateRequest.parse(json);
        } catch (MetadataException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    @Test
    void manifestMustComeSortedAndWhole() throws Exception {
        Manifest m = new Manifest(List.of(new ManifestEntry("b.py", 1, sha("b")), new ManifestEntry("a.py", 1, sha("a"))));
        byte[] enc = m.encode();
        assertEquals("a.py", Manifest.decode(enc).entries().get(0).path());
        byte[] cut = java.util.Arrays.copyOf(enc, enc.length - 1);
        assertThrows(V2Exception.class, () -> Manifest.decode(cut));
        byte[] second = java.util.Arrays.copyOfRange(enc, enc.length / 2, enc.length);
        byte[] unsorted = new byte[enc.length];
        System.arraycopy(second, 0, unsorted, 0, second.length);
        System.arraycopy(enc, 0, unsorted, second.length, enc.length / 2);
        assertThrows(V2Exception.class, () -> Manifest.decode(unsorted));
    }

    @Test
    void helloOutsideTheClientsBoundsIsRefusedWithTheReason() {
        byte[] nonce = new byte[V2.NONCE_BYTES];
        byte[] proof = new byte[V2.PROOF_BYTES];
        byte[] salt = new byte[16];
        V2Exception few = assertThrows(V2Exception.class,
                () -> Hello.parse(new Hello(0, 15, 999, salt, nonce, proof).body()));
        assertTrue(few.getMessage().contains("999 PBKDF2 iterations"), few.getMessage());
        V2Exception window = assertThrows(V2Exception.class,
                () -> Hello.parse(new Hello(0, 8, 1000, salt, nonce, proof).body()));
        assertTrue(window.getMessage().contains("deflate window of 8 bits"), window.getMessage());
        assertThrows(V2Exception.class, () -> Hello.parse(new Hello(0, 15, 1000, new byte[4], nonce, proof).body()));
    }

    @Test
    void openingIsNeverAValidResponseAndAWrongTailIsNoOpening() {
        byte[] opening = Opening.encode(new byte[V2.NONCE_BYTES]);
        assertEquals(64, opening.length);
        assertFalse(new String(opening, StandardCharsets.US_ASCII).matches("[0-9a-f]{64}"));
        byte[] upper = opening.clone();
        upper[63] = 'A';
        assertTrue(Opening.clientNonce(upper).isEmpty());
    }

    @Test
    void boardCacheKeepsProtocolManifestAndPushRecordAcrossLoads() throws Exception {
        Path file = dir.resolve("cache/boards.json");
        BoardCache c = BoardCache.load(file);
        c.setProtocol("b:1", 2);
        Manifest m = new Manifest(List.of(new ManifestEntry("main.py", 3, sha("abc"))));
        c.setManifest("b:1", m);
        c.setPushed("r:2", java.util.Map.of("x.py", "00"));
        c.save();
        BoardCache back = BoardCache.load(file);
        assertEquals(2, back.protocol("b:1").orElseThrow());
        assertTrue(java.util.Arrays.equals(m.digest(), back.manifest("b:1").orElseThrow().digest()));
        assertEquals("00", back.pushed("r:2").get("x.py"));
        Files.writeString(file, "not json");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> BoardCache.load(file));
        assertTrue(e.getMessage().contains("delete it and push again"), e.getMessage());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
