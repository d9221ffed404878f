package io.github.mpota.core.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the client remembers per board ({@code host:port}): the protocol version it spoke (so later pushes skip the
 * question, and a board that spoke v2 is never silently downgraded), the manifest it last saw or computed (so the
 * board's 32-byte digest is enough), and for {@code changedOnly} pushes to v1 boards the SHA-256 of each file of the
 * last successful push. A JSON file, rewritten atomically; see docs/PROTOCOL.md "Client cache".
 */
public final class BoardCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final ObjectNode boards;

    private BoardCache(Path file, ObjectNode boards) {
        this.file = file;
        this.boards = boards;
    }

    /** An in-memory cache that forgets everything when the process ends. */
    public static BoardCache inMemory() {
        return new BoardCache(null, JSON.createObjectNode());
    }

    /** Reads {@code file}, or starts empty when it does not exist yet. */
    public static BoardCache load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new BoardCache(file, JSON.createObjectNode());
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("the board cache " + file + " is not readable JSON (" + e.getMessage()
                    + "); delete it and push again (the next push then asks each board what it speaks)", e);
        }
        if (root == null || !root.path("boards").isObject()) {
            throw new IOException("the board cache " + file + " has no \"boards\" object; delete it and push again");
        }
        return new BoardCache(file, (ObjectNode) root.get("boards"));
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public Optional<Integer> protocol(String board) {
        JsonNode p = boards.path(board).path("protocol");
        return p.isInt() ? Optional.of(p.intValue()) : Optional.empty();
    }

    public void setProtocol(String board, int version) {
        entry(board).put("protocol", version);
    }

    public Optional<Manifest> manifest(String board) {
        JsonNode m = boards.path(board).path("manifest");
        if (!m.isArray()) {
            return Optional.empty();
        }
        List<ManifestEntry> entries = new ArrayList<>();
        try {
            for (JsonNode e : m) {
                entries.add(new ManifestEntry(e.path("path").asText(), e.path("size").asLong(),
                        HexFormat.of().parseHex(e.path("sha256").asText())));
            }
            return Optional.of(new Manifest(entries));
        } catch (IllegalArgumentException e) {
            // A damaged entry only costs one request for the full list.
            return Optional.empty();
        }
    }

    public void setManifest(String board, Manifest manifest) {
        ArrayNode a = entry(board).putArray("manifest");
        for (ManifestEntry e : manifest.entries()) {
            a.addObject().put("path", e.path()).put("size", e.size()).put("sha256", e.sha256Hex());
        }
    }

    /** For {@code changedOnly} to a v1 board: device path to lowercase hex SHA-256 of the last successful push. */
    public Map<String, String> pushed(String board) {
        Map<String, String> out = new LinkedHashMap<>();
        boards.path(board).path("pushed").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    public void setPushed(String board, Map<String, String> files) {
        ObjectNode o = entry(board).putObject("pushed");
        files.forEach(o::put);
    }

    /** Writes the file (temporary file, then rename), creating its folder; nothing for an in-memory cache. */
    public void save() throws IOException {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "boards", ".tmp");
        try {
            ObjectNode root = JSON.createObjectNode();
            root.set("boards", boards);
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private ObjectNode entry(String board) {
        JsonNode e = boards.get(board);
        if (e instanceof ObjectNode o) {
            return o;
        }
        return boards.putObject(board);
    }
}
