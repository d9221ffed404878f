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

    public static List<ByteStreamCase> load() {
        try (InputStream in = ByteStreamCases.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            if (root.path("version").asInt() != 1) {
                throw new IllegalStateException(RESOURCE + " has version " + root.path("version")
                        + "; this replayer reads version 1");
            }
            List<ByteStreamCase> cases = new ArrayList<>();
            for (JsonNode c : root.path("cases")) {
                cases.add(parse(c));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
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
                default -> throw new IllegalStateException("case " + name + ": unknown step op '" + op + "'");
            });
        }
        return new ByteStreamCase(name, c.path("description").asText(), c.path("password").asText(),
                device.has("timeoutMillis") ? device.get("timeoutMillis").asInt() : null,
                device.has("freeBytes") ? device.get("freeBytes").asLong() : null,
                files(c.path("before"), name), steps, files(c.path("after"), name), c.path("reset").asBoolean());
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
