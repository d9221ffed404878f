package io.github.mpota.board.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Loads the byte-stream cases from {@value #RESOURCE} on the class path. */
public final class ByteStreamCases {

    public static final String RESOURCE = "byte-streams/cases.json";

    private ByteStreamCases() {
    }

    /**
     * More protocol v2 cases (docs/PROTOCOL.md, "Protocol v2") beside {@link V2ByteStreamReplayer#RESOURCE}, in this
     * replayer's format, for devices that speak v2.
     */
    public static final String V2_RESOURCE = "byte-streams/v2-extra-cases.json";

    public static List<ByteStreamCase> load() {
        return load(RESOURCE);
    }

    public static List<ByteStreamCase> loadV2() {
        return load(V2_RESOURCE);
    }

    private static List<ByteStreamCase> load(String resource) {
        try (InputStream in = ByteStreamCases.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            if (root.path("version").asInt() != 1) {
                throw new IllegalStateException(resource + " has version " + root.path("version")
                        + "; this replayer reads version 1");
            }
            List<ByteStreamCase> cases = new ArrayList<>();
            for (JsonNode c : root.path("cases")) {
                cases.add(parse(c));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static ByteStreamCase parse(JsonNode c) {
        String name = c.path("name").asText();
        JsonNode device = c.path("device");
        List<ByteStreamCase.Step> steps = new ArrayList<>();
        for (JsonNode s : c.path("steps")) {
            String op = s.path("op").asText();
            steps.add(switch (op) {
                case "expectChallenge" -> new ByteStreamCase.ExpectChallenge();
                case "respond" -> new ByteStreamCase.Respond(s.path("password").asText(),
                        s.path("uppercase").asBoolean(false), s.path("split").asInt(1));
                case "send" -> new ByteStreamCase.Send(bytes(s, name));
                case "expect" -> new ByteStreamCase.Expect(bytes(s, name));
                case "shutdownOutput" -> new ByteStreamCase.ShutdownOutput();
                case "expectClose" -> new ByteStreamCase.ExpectClose();
                case "v2Opening" -> new ByteStreamCase.V2Opening();
                case "v2ExpectHello" -> new ByteStreamCase.V2ExpectHello(s.path("password").asText(),
                        s.path("flags").asInt(), s.path("wbits").asInt(), s.path("iterations").asInt(),
                        s.path("proofValid").asBoolean(true));
                case "v2SendProof" -> new ByteStreamCase.V2SendProof(
                        s.has("password") ? s.get("password").asText() : null,
                        s.has("proofHex") ? HexFormat.of().parseHex(s.get("proofHex").asText()) : null);
                case "v2Send" -> new ByteStreamCase.V2Send(type(s, name), bytes(s, name),
                        s.has("flipByte") ? s.get("flipByte").asInt() : null,
                        s.has("seq") ? s.get("seq").asInt() : null,
                        s.has("sessionKeyHex") ? HexFormat.of().parseHex(s.get("sessionKeyHex").asText()) : null);
                case "v2Expect" -> new ByteStreamCase.V2Expect(type(s, name),
                        s.has("text") || s.has("hex") ? bytes(s, name) : null);
                default -> throw new IllegalStateException("case " + name + ": unknown step op '" + op + "'");
            });
        }
        return new ByteStreamCase(name, c.path("description").asText(), c.path("password").asText(),
                device.has("timeoutMillis") ? device.get("timeoutMillis").asInt() : null,
                device.has("freeBytes") ? device.get("freeBytes").asLong() : null,
                device.path("v1").asBoolean(true),
                device.has("windowBits") ? device.get("windowBits").asInt() : null,
                files(c.path("before"), name), paths(c, "installedBefore"), steps, files(c.path("after"), name),
                paths(c, "installedAfter"), c.path("reset").asBoolean());
    }

    private static List<String> paths(JsonNode c, String field) {
        if (!c.has(field)) {
            return null;
        }
        List<String> paths = new ArrayList<>();
        c.get(field).forEach(p -> paths.add(p.asText()));
        return paths;
    }

    private static char type(JsonNode step, String name) {
        String type = step.path("type").asText();
        if (type.length() != 1) {
            throw new IllegalStateException("case " + name + ": a v2 frame type is one letter, received '" + type
                    + "'");
        }
        return type.charAt(0);
    }

    private static Map<String, byte[]> files(JsonNode node, String name) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> files.put(e.getKey(), bytes(e.getValue(), name)));
        return files;
    }

    private static byte[] bytes(JsonNode node, String name) {
        if (node.has("text")) {
            return node.get("text").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (node.has("hex")) {
            return HexFormat.of().parseHex(node.get("hex").asText());
        }
        throw new IllegalStateException("case " + name + ": expected \"text\" or \"hex\" in " + node);
    }
}
