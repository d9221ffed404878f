package io.github.mpota.core.v2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a board holds of what updates installed: entries sorted by the UTF-8 bytes of their path, each
 * path length (2) ‖ path ‖ size (4) ‖ SHA-256 (32). Its digest is the SHA-256 of exactly that encoding, so
 * that the board can describe its files in 32 bytes when the client already has the same list.
 */
public final class Manifest {

    private static final Comparator<ManifestEntry> BY_PATH_BYTES = (a, b) -> Arrays.compareUnsigned(
            a.path().getBytes(StandardCharsets.UTF_8), b.path().getBytes(StandardCharsets.UTF_8));

    private final List<ManifestEntry> entries;

    public Manifest(List<ManifestEntry> entries) {
        List<ManifestEntry> sorted = new ArrayList<>(entries);
        sorted.sort(BY_PATH_BYTES);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).path().equals(sorted.get(i - 1).path())) {
                throw new IllegalArgumentException("path '" + sorted.get(i).path() + "' is listed twice");
            }
        }
        this.entries = List.copyOf(sorted);
    }

    public static Manifest empty() {
        return new Manifest(List.of());
    }

    public List<ManifestEntry> entries() {
        return entries;
    }

    public Map<String, ManifestEntry> byPath() {
        Map<String, ManifestEntry> m = new LinkedHashMap<>();
        for (ManifestEntry e : entries) {
            m.put(e.path(), e);
        }
        return m;
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ManifestEntry e : entries) {
            byte[] p = e.path().getBytes(StandardCharsets.UTF_8);
            if (p.length > 0xffff || e.size() > 0xffffffffL || e.size() < 0) {
                throw new IllegalArgumentException("'" + e.path() + "' does not fit a manifest entry");
            }
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) p.length).array());
            out.writeBytes(p);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) e.size()).array());
            out.writeBytes(e.sha256());
        }
        return out.toByteArray();
    }

    public byte[] digest() {
        return HmacSha256.sha256().digest(encode());
    }

    /** Parses an {@code M} body; entries must come sorted and once each, as the board must send them. */
    public static Manifest decode(byte[] body) throws V2Exception {
        List<ManifestEntry> list = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(body);
        while (b.hasRemaining()) {
            if (b.remaining() < 2) {
                throw new V2Exception("the board's manifest ends inside an entry");
            }
            int n = b.getShort() & 0xffff;
            if (b.remaining() < n + 4 + V2.DIGEST_BYTES) {
                throw new V2Exception("the board's manifest ends inside an entry");
            }
            byte[] p = new byte[n];
            b.get(p);
            String path;
            try {
                path = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(p)).toString();
            } catch (CharacterCodingException e) {
                throw new V2Exception("the board's manifest holds a path that is not UTF-8");
            }
            long size = b.getInt() & 0xffffffffL;
            byte[] sha = new byte[V2.DIGEST_BYTES];
            b.get(sha);
            list.add(new ManifestEntry(path, size, sha));
        }
        Manifest m;
        try {
            m = new Manifest(list);
        } catch (IllegalArgumentException e) {
            throw new V2Exception("the board's manifest: " + e.getMessage());
        }
        if (!Arrays.equals(m.encode(), body)) {
            throw new V2Exception("the board's manifest is not sorted by path");
        }
        return m;
    }
}
