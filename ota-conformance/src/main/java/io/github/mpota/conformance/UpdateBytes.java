package io.github.mpota.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mpota.conformance.scenario.FileSpec;
import io.github.mpota.conformance.scenario.UpdateSpec;
import io.github.mpota.core.protocol.Protocol;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;

/** The length header, metadata and payload of a scenario's update, built from its small files. */
record UpdateBytes(byte[] header, byte[] metadata, byte[] payload) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADER_FIELD = Pattern.compile("\\{n([+-]\\d+)?(?::([-+]?)(0?)(\\d+))?\\}");
    private static final Pattern NUMBER_TOKEN = Pattern.compile("\\{(payload|total|free)(-payload)?([+-]\\d+)?\\}");

    /**
     * @param folder the scenario's folder on the board, for {@code {dir}}
     * @param freeBytes the board's free bytes when known, for {@code {free}}
     */
    static UpdateBytes build(UpdateSpec spec, String folder, OptionalLong freeBytes) {
        List<FileSpec> files = spec.files() == null ? List.of() : spec.files();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (FileSpec f : files) {
            content.writeBytes(bytes(f));
        }
        byte[] raw = content.toByteArray();
        byte[] deflated = deflate(raw);
        byte[] payload;
        if (spec.payloadHex() != null) {
            payload = HexFormat.of().parseHex(spec.payloadHex());
        } else {
            payload = deflated;
            if (spec.payloadCut() != null) {
                payload = java.util.Arrays.copyOf(payload, Math.min(payload.length, spec.payloadCut()));
            }
            if (spec.payloadAppendHex() != null) {
                byte[] extra = HexFormat.of().parseHex(spec.payloadAppendHex());
                byte[] joined = java.util.Arrays.copyOf(payload, payload.length + extra.length);
                System.arraycopy(extra, 0, joined, payload.length, extra.length);
                payload = joined;
            }
        }
        byte[] metadata;
        if (spec.metadataText() != null) {
            metadata = spec.metadataText().replace("{dir}", folder).getBytes(StandardCharsets.UTF_8);
        } else {
            ObjectNode m = JSON.createObjectNode();
            m.put(Protocol.KEY_COMPRESSED_SIZE, payload.length);
            m.put(Protocol.KEY_TOTAL_UNCOMPRESSED, raw.length);
            ArrayNode list = m.putArray(Protocol.KEY_FILES);
            for (FileSpec f : files) {
                ObjectNode entry = list.addObject();
                entry.put(Protocol.KEY_PATH, f.path().replace("{dir}", folder));
                if (f.size() != null) {
                    entry.set(Protocol.KEY_SIZE, resolve(f.size(), payload.length, raw.length, freeBytes));
                } else {
                    entry.put(Protocol.KEY_SIZE, bytes(f).length);
                }
            }
            if ("right".equals(spec.digest())) {
                m.put(Protocol.KEY_CONTENT_SHA256, sha256(raw));
            } else if ("wrong".equals(spec.digest())) {
                byte[] other = java.util.Arrays.copyOf(raw, raw.length + 1);
                m.put(Protocol.KEY_CONTENT_SHA256, sha256(other));
            } else if (spec.digest() != null) {
                throw new IllegalStateException("digest must be right or wrong, was " + spec.digest());
            }
            if (spec.set() != null) {
                for (Map.Entry<String, JsonNode> e : spec.set().entrySet()) {
                    m.set(e.getKey(), resolve(e.getValue(), payload.length, raw.length, freeBytes));
                }
            }
            if (spec.remove() != null) {
                spec.remove().forEach(m::remove);
            }
            metadata = m.toString().getBytes(StandardCharsets.UTF_8);
        }
        return new UpdateBytes(header(spec.header(), metadata.length), metadata, payload);
    }

    /** A plain, valid update of these files: what the kit's setup and preparation pushes send. */
    static UpdateBytes plain(List<FileSpec> files, String folder) {
        return build(new UpdateSpec(files, null, null, null, null, null, null, null, null), folder,
                OptionalLong.empty());
    }

    static byte[] bytes(FileSpec f) {
        if (f.hex() != null) {
            return HexFormat.of().parseHex(f.hex());
        }
        String text = f.text() == null ? "" : f.text();
        return text.repeat(f.repeat() == null ? 1 : f.repeat()).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] header(String template, int length) {
        if (template == null) {
            return String.format(Locale.ROOT, "%" + Protocol.LENGTH_HEADER_SIZE + "d", length)
                    .getBytes(StandardCharsets.US_ASCII);
        }
        Matcher m = HEADER_FIELD.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long value = length + (m.group(1) == null ? 0 : Long.parseLong(m.group(1)));
            String n = Long.toString(value);
            if (m.group(4) != null) {
                n = String.format(Locale.ROOT, "%" + m.group(2) + m.group(3) + m.group(4) + "d", value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(n));
        }
        m.appendTail(out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode resolve(JsonNode value, long payload, long total, OptionalLong free) {
        if (!value.isTextual()) {
            return value;
        }
        Matcher m = NUMBER_TOKEN.matcher(value.textValue());
        if (!m.matches()) {
            return value;
        }
        long base = switch (m.group(1)) {
            case "payload" -> payload;
            case "total" -> total;
            default -> free.orElseThrow(() -> new IllegalStateException("{free} needs the board's free bytes"));
        };
        long minus = m.group(2) == null ? 0 : payload;
        long delta = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return JSON.getNodeFactory().numberNode(base - minus + delta);
    }

    static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater(Protocol.DEFAULT_DEFLATE_LEVEL, true);
        try {
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                int n = d.deflate(buf);
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(Protocol.CONTENT_DIGEST).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
