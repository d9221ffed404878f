package io.github.mpota.core.metadata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.mpota.core.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes metadata compactly (without the reference client's {@code full_path}, which leaks local paths) and
 * parses it strictly: everything is checked before the device writes a byte. Unknown keys are ignored at
 * every level, as old devices ignore them.
 */
public final class MetadataCodec {

    /** Deep nesting is refused by the parser itself, before it can cost stack. */
    private static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(40)
                            .build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private MetadataCodec() {
    }

    /** The JSON bytes that the client sends in step 6. */
    public static byte[] write(Metadata metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField(Protocol.KEY_COMPRESSED_SIZE, metadata.compressedSize());
            g.writeNumberField(Protocol.KEY_TOTAL_UNCOMPRESSED, metadata.totalUncompressed());
            g.writeArrayFieldStart(Protocol.KEY_FILES);
            for (FileEntry f : metadata.files()) {
                g.writeStartObject();
                g.writeStringField(Protocol.KEY_PATH, f.path());
                g.writeNumberField(Protocol.KEY_SIZE, f.size());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (metadata.contentSha256().isPresent()) {
                g.writeStringField(Protocol.KEY_CONTENT_SHA256, metadata.contentSha256().get());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads untrusted JSON into a tree, with the parser's limits on nesting and number length. For callers
     * that interpret metadata their own way (the runtime's reference-device profile).
     */
    public static JsonNode readTree(byte[] json) throws MetadataException {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new MetadataException("metadata is empty; expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MetadataException("metadata is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MetadataException("metadata could not be read: " + e.getMessage(), e);
        }
    }

    /** Parses and validates metadata by every rule of the hardened device. */
    public static Metadata parse(byte[] json) throws MetadataException {
        JsonNode root = readTree(json);
        if (!root.isObject()) {
            throw new MetadataException("metadata must be a JSON object, received " + kind(root));
        }
        long compressed = size(root, Protocol.KEY_COMPRESSED_SIZE, Protocol.KEY_COMPRESSED_SIZE);
        long total = size(root, Protocol.KEY_TOTAL_UNCOMPRESSED, Protocol.KEY_TOTAL_UNCOMPRESSED);
        JsonNode files = root.get(Protocol.KEY_FILES);
        if (files == null) {
            throw new MetadataException("metadata is missing the key '" + Protocol.KEY_FILES + "'");
        }
        if (!files.isArray()) {
            throw new MetadataException("'" + Protocol.KEY_FILES + "' must be a list, received " + kind(files));
        }
        List<FileEntry> entries = new ArrayList<>(files.size());
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < files.size(); i++) {
            JsonNode f = files.get(i);
            String where = "files[" + i + "]";
            if (!f.isObject()) {
                throw new MetadataException(where + " must be an object, received " + kind(f));
            }
            JsonNode path = f.get(Protocol.KEY_PATH);
            if (path == null) {
                throw new MetadataException(where + " is missing the key '" + Protocol.KEY_PATH + "'");
            }
            if (!path.isTextual()) {
                throw new MetadataException(where + ".path must be a string, received " + kind(path));
            }
            String p = path.textValue();
            Optional<String> problem = DevicePath.problem(p);
            if (problem.isPresent()) {
                throw new MetadataException(where + ".path " + quote(p) + ": " + problem.get());
            }
            long size = size(f, Protocol.KEY_SIZE, where + ".size");
            sum = sum.add(BigInteger.valueOf(size));
            entries.add(new FileEntry(p, size));
        }
        if (!sum.equals(BigInteger.valueOf(total))) {
            throw new MetadataException("'" + Protocol.KEY_TOTAL_UNCOMPRESSED + "' is " + total
                    + " but the file sizes add up to " + sum);
        }
        checkTree(entries);
        return new Metadata(compressed, total, entries, contentSha256(root));
    }

    /** The extension "content digest": optional, but when present exactly 64 lowercase hex characters. */
    private static Optional<String> contentSha256(JsonNode root) throws MetadataException {
        JsonNode n = root.get(Protocol.KEY_CONTENT_SHA256);
        if (n == null) {
            return Optional.empty();
        }
        String rule = "'" + Protocol.KEY_CONTENT_SHA256 + "' must be a string of " + Protocol.CONTENT_SHA256_LENGTH
                + " lowercase hex characters (the SHA-256 of the files' content), received ";
        if (!n.isTextual()) {
            throw new MetadataException(rule + kind(n) + (n.isNull() ? "" : " " + abbreviate(n.toString())));
        }
        String hex = n.textValue();
        if (!Metadata.isContentSha256(hex)) {
            throw new MetadataException(rule + quote(hex) + " (" + hex.length() + " characters)");
        }
        return Optional.of(hex);
    }

    /** No path twice, and no path that is a file and also the folder of another file. */
    private static void checkTree(List<FileEntry> entries) throws MetadataException {
        Set<String> files = new HashSet<>();
        for (FileEntry e : entries) {
            if (!files.add(e.path())) {
                throw new MetadataException("path " + quote(e.path()) + " is listed twice");
            }
        }
        for (FileEntry e : entries) {
            String folder = DevicePath.parent(e.path());
            while (!folder.isEmpty()) {
                if (files.contains(folder)) {
                    throw new MetadataException("path " + quote(folder) + " is a file and also the folder of "
                            + quote(e.path()));
                }
                folder = DevicePath.parent(folder);
            }
        }
    }

    private static long size(JsonNode parent, String key, String name) throws MetadataException {
        JsonNode n = parent.get(key);
        if (n == null) {
            throw new MetadataException("metadata is missing the key '" + name + "'");
        }
        if (!n.isIntegralNumber()) {
            // "received null", not "received null null": the kind of a null is already its whole value.
            throw new MetadataException("'" + name + "' must be a whole number of bytes, received " + kind(n)
                    + (n.isNull() ? "" : " " + abbreviate(n.toString())));
        }
        BigInteger v = n.bigIntegerValue();
        if (v.signum() < 0) {
            throw new MetadataException("'" + name + "' must not be negative, received " + v);
        }
        if (v.bitLength() > 62) {
            throw new MetadataException("'" + name + "' is too large: " + abbreviate(v.toString()));
        }
        return v.longValue();
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> n.isIntegralNumber() ? "an integer" : "a fractional number";
            default -> n.getNodeType().name().toLowerCase();
        };
    }

    private static String quote(String path) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(path.length(), 120);
        for (int i = 0; i < n; i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (path.length() > n) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

}
