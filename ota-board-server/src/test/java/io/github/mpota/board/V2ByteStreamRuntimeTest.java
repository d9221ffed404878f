package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.board.cases.V2ByteStreamReplayer;
import io.github.mpota.core.testing.Trees;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The protocol v2 byte-stream cases (tampering, replay, a board that cannot prove the password, the downgrade
 * when v1 is off, delta and removal) against the Java runtime's hardened profile. The same data is meant for the
 * MicroPython server once it speaks v2 (add it to {@link ByteStreamDifferentialTest} then).
 */
class V2ByteStreamRuntimeTest {

    private static final V2ByteStreamReplayer REPLAYER = new V2ByteStreamReplayer(Duration.ofSeconds(15));
    private static final String INSTALLED = ".ota_installed.json";

    @TempDir
    Path root;

    static Stream<JsonNode> cases() {
        return V2ByteStreamReplayer.load().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(60)
    void hardenedRuntimeAnswersAsTheCaseSays(JsonNode c) throws Exception {
        Map<String, byte[]> before = files(c.path("before"));
        Trees.write(root, before);
        ObjectMapper json = new ObjectMapper();
        if (c.path("installedBefore").size() > 0) {
            Files.write(root.resolve(INSTALLED), json.writeValueAsBytes(c.path("installedBefore")));
        }
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<String> answers;
        boolean reset;
        try (DeviceRuntime runtime = DeviceRuntime.builder().root(root).bindAddress("127.0.0.1").port(0)
                .password(c.path("password").asText()).profile(Profile.HARDENED).log(log::add)
                .v1Enabled(c.path("device").path("v1").asBoolean(true)).build().start()) {
            answers = REPLAYER.record(c, "127.0.0.1", runtime.port());
            runtime.awaitSession(1, Duration.ofSeconds(30));
            reset = runtime.rebootCount() > 0;
        }
        Map<String, byte[]> after = Trees.read(root);
        byte[] installedFile = after.remove(INSTALLED);
        TreeSet<String> installed = new TreeSet<>();
        if (installedFile != null) {
            json.readTree(installedFile).forEach(p -> installed.add(p.asText()));
        }
        TreeSet<String> expectedInstalled = new TreeSet<>();
        c.path("installedAfter").forEach(p -> expectedInstalled.add(p.asText()));
        Map<String, byte[]> expectedAfter = files(c.path("after"));
        String context = c.path("name").asText() + ": " + c.path("description").asText() + "\n" + String.join("\n", log);
        assertAll(context,
                () -> assertEquals(String.join("\n", V2ByteStreamReplayer.expectedAnswers(c)),
                        String.join("\n", answers), "answers"),
                () -> assertEquals(FileTree.describe(expectedAfter), FileTree.describe(after), "files after"),
                () -> assertEquals(expectedInstalled, installed, INSTALLED + " after"),
                () -> assertEquals(c.path("reset").asBoolean(), reset, "reset"));
    }

    private static Map<String, byte[]> files(JsonNode node) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(),
                e.getValue().path("text").asText().getBytes(StandardCharsets.UTF_8)));
        return out;
    }
}
