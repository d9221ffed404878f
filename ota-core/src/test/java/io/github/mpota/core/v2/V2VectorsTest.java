package io.github.mpota.core.v2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of docs/PROTOCOL.md "Protocol v2", computed by src/test/python/v2_vectors.py with CPython's
 * hashlib and hmac: ota-core must derive the same values from the same inputs.
 */
class V2VectorsTest {

    private static JsonNode v;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = V2VectorsTest.class.getResourceAsStream("/v2/vectors.json")) {
            v = new ObjectMapper().readTree(in);
        }
    }

    private static byte[] hex(String field) {
        return HexFormat.of().parseHex(v.get(field).asText());
    }

    private static KeySchedule schedule() {
        byte[] key = KeySchedule.deriveKey(v.get("password").asText(), hex("salt"), v.get("iterations").asInt());
        return new KeySchedule(key, KeySchedule.transcript(v.get("challenge").asText(),
                Opening.encode(hex("clientNonce")), hello().head()));
    }

    private static Hello hello() {
        return new Hello(v.get("flags").asInt(), v.get("wbits").asInt(), v.get("iterations").asInt(), hex("salt"),
                hex("boardNonce"), hex("boardProof"));
    }

    @Test
    void keyDerivationMatchesPythonsPbkdf2() {
        assertArrayEquals(hex("key"),
                KeySchedule.deriveKey(v.get("password").asText(), hex("salt"), v.get("iterations").asInt()));
    }

    @Test
    void openingIsTheDocumentedSixtyFourBytes() {
        byte[] opening = Opening.encode(hex("clientNonce"));
        assertEquals(v.get("opening").asText(), new String(opening, StandardCharsets.US_ASCII));
        assertArrayEquals(hex("clientNonce"), Opening.clientNonce(opening).orElseThrow());
    }

    @Test
    void transcriptProofsAndSessionKey() {
        byte[] t = KeySchedule.transcript(v.get("challenge").asText(), Opening.encode(hex("clientNonce")),
                hello().head());
        assertArrayEquals(hex("transcript"), t);
        KeySchedule k = schedule();
        assertArrayEquals(hex("boardProof"), k.boardProof());
        assertArrayEquals(hex("clientProof"), k.clientProof());
        assertArrayEquals(hex("sessionKey"), k.sessionKey());
    }

    @Test
    void helloFrameBytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new FrameChannel(InputStream.nullInputStream(), out, V2.FROM_BOARD).send(V2.HELLO, hello().body());
        assertArrayEquals(hex("helloFrame"), out.toByteArray());
        Hello parsed = Hello.parse(Arrays.copyOfRange(out.toByteArray(), 5, out.size()));
        assertEquals(v.get("iterations").asInt(), parsed.iterations());
        assertEquals(v.get("wbits").asInt(), parsed.wbits());
    }

    @Test
    void manifestOfTheV1PayloadVectorFiles() throws Exception {
        Manifest m = new Manifest(List.of(entry("main.py", "print('hello')\n"),
                entry("lib/util.py", "def f():\n    return 42\n"), entry("empty.txt", "")));
        assertArrayEquals(hex("manifest"), m.encode());
        assertArrayEquals(hex("manifestDigest"), m.digest());
        assertEquals(3, Manifest.decode(hex("manifest")).entries().size());
        assertArrayEquals(hex("emptyManifestDigest"), Manifest.empty().digest());
    }

    @Test
    void framesMacsInSessionOrder() throws Exception {
        byte[] ks = hex("sessionKey");
        ByteArrayOutputStream board = new ByteArrayOutputStream();
        FrameChannel b = new FrameChannel(InputStream.nullInputStream(), board, V2.FROM_BOARD);
        b.authenticate(ks);
        b.send(V2.STATE, hex("stateBody"));
        b.send(V2.OK, new byte[0]);
        b.send(V2.RESULT, hex("resultBody"));
        byte[] bytes = board.toByteArray();
        int stateEnd = 5 + hex("stateBody").length;
        assertArrayEquals(hex("stateMac"), Arrays.copyOfRange(bytes, stateEnd, stateEnd + 32));
        int okEnd = stateEnd + 32 + 5;
        assertArrayEquals(hex("okMac"), Arrays.copyOfRange(bytes, okEnd, okEnd + 32));
        assertArrayEquals(hex("resultMac"), Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length));

        ByteArrayOutputStream client = new ByteArrayOutputStream();
        FrameChannel c = new FrameChannel(InputStream.nullInputStream(), client, V2.FROM_CLIENT);
        c.authenticate(ks);
        byte[] meta = v.get("metadata").asText().getBytes(StandardCharsets.UTF_8);
        c.send(V2.UPDATE, meta);
        byte[] payload = hex("payload");
        c.sendStream(V2.PAYLOAD, payload.length, new ByteArrayInputStream(payload), n -> { });
        byte[] cb = client.toByteArray();
        assertArrayEquals(hex("metadataMac"), Arrays.copyOfRange(cb, 5 + meta.length, 5 + meta.length + 32));
        assertArrayEquals(hex("payloadMac"), Arrays.copyOfRange(cb, cb.length - 32, cb.length));

        // And the board side reads them back, MACs checked in order.
        FrameChannel reader = new FrameChannel(new ByteArrayInputStream(cb), OutputStreamSink.NONE, V2.FROM_BOARD);
        reader.authenticate(ks);
        assertArrayEquals(meta, reader.receive(V2.MAX_UPDATE_BYTES).body());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        reader.receiveStream(V2.PAYLOAD, payload.length, got);
        assertArrayEquals(payload, got.toByteArray());
    }

    @Test
    void aChangedPayloadByteFailsItsMac() throws Exception {
        byte[] ks = hex("sessionKey");
        ByteArrayOutputStream client = new ByteArrayOutputStream();
        FrameChannel c = new FrameChannel(InputStream.nullInputStream(), client, V2.FROM_CLIENT);
        c.authenticate(ks);
        byte[] payload = hex("payload");
        c.sendStream(V2.PAYLOAD, payload.length, new ByteArrayInputStream(payload), n -> { });
        byte[] cb = client.toByteArray();
        cb[10] ^= 1;
        FrameChannel reader = new FrameChannel(new ByteArrayInputStream(cb), OutputStreamSink.NONE, V2.FROM_BOARD);
        reader.authenticate(ks);
        V2Exception e = assertThrows(V2Exception.class,
                () -> reader.receiveStream(V2.PAYLOAD, payload.length, new ByteArrayOutputStream()));
        assertEquals(true, e.getMessage().contains("MAC of frame 'P' does not match"), e.getMessage());
    }

    private static ManifestEntry entry(String path, String content) throws Exception {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return new ManifestEntry(path, b.length, MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static final class OutputStreamSink {
        static final java.io.OutputStream NONE = java.io.OutputStream.nullOutputStream();
    }
}
