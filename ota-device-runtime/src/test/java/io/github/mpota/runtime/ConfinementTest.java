package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile metadata never creates, changes or deletes anything outside the root, in either profile. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConfinementTest {

    @TempDir
    Path sandbox;

    static Stream<Arguments> hostilePaths() {
        return Stream.of(Profile.values()).flatMap(p -> Stream.of(
                Arguments.of(p, "../outside.txt"),
                Arguments.of(p, "a/../../outside.txt"),
                Arguments.of(p, "../outside/x.txt"),
                Arguments.of(p, "link/outside.txt"),
                Arguments.of(p, "filelink"),
                Arguments.of(p, sandboxPathPlaceholder())));
    }

    private static String sandboxPathPlaceholder() {
        return "ABSOLUTE";
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostilePaths")
    void hostilePathsFailAndTouchNothingOutside(Profile profile, String hostile) throws Exception {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        Path outside = Files.createDirectories(sandbox.resolve("outside"));
        Path victim = Files.writeString(sandbox.resolve("victim.txt"), "keep");
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("filelink"), victim);
        String path = hostile.equals("ABSOLUTE") ? sandbox.resolve("outside.txt").toString() : hostile;

        byte[] payload = RawClient.deflate(RawClient.utf8("pwned"));
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 5, \"files\": ["
                + "{\"path\": \"" + path + "\", \"size\": 5}]}";
        String replies;
        try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
            replies = c.push(Devices.PASSWORD, m, payload);
            device.awaitSession(1, Devices.WAIT);
        }
        assertEquals("keep", Files.readString(victim));
        assertFalse(Files.exists(sandbox.resolve("outside.txt")));
        try (Stream<Path> s = Files.list(outside)) {
            assertEquals(0, s.count(), "nothing created in the folder a link points to");
        }
        try (Stream<Path> s = Files.list(sandbox)) {
            assertEquals(3, s.count(), "only root, outside and victim.txt in the sandbox");
        }
        // Hardened refuses before the OK of step 7; upstream fails when it reaches the file (an absolute host
        // path fails there too: its folder is more than one level deep below the board's '/').
        assertTrue(replies.replace(",", "").endsWith("FAIL"), replies);
    }
}
