package io.github.mpota.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.DeviceRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ota-push discover over a loopback range, where a device runtime listens on 127.0.0.2. */
@Timeout(30)
class DiscoverCommandTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new OtaPushCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), q -> Optional.empty(), () -> (s, t) -> { })
                .run(args);
    }

    @Test
    void findsTheBoardAndSaysHowToPushToIt() throws Exception {
        try (DeviceRuntime board = DeviceRuntime.builder().root(root).bindAddress("127.0.0.2").port(0)
                .password("secret").log(line -> { }).build().start()) {
            int port = board.port();
            assertEquals(0, run("discover", "--subnet", "127.0.0.0/30", "--port", String.valueOf(port),
                    "--timeout", "2000"));
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\\R");
            assertEquals("Scanning 127.0.0.0/30 (2 addresses) on port " + port + " for up to 2000 ms", lines[0]);
            assertTrue(lines[1].startsWith("Found 1 board in "), lines[1]);
            assertTrue(lines[2].startsWith("  127.0.0.2:" + port + " "), lines[2]);
            assertEquals("Push to all of them: ota-push --host 127.0.0.2:" + port + " ...", lines[3]);
            assertEquals(0, board.rebootCount());
        }
    }

    @Test
    void noBoardIsExitStatusOne() {
        // Port 1 on loopback: nothing listens there.
        assertEquals(1, run("discover", "--subnet", "127.0.0.0/30", "--port", "1", "--timeout", "500"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ota-push: no board answered on port 1 in "));
    }

    @Test
    void aBadSubnetIsAUsageError() {
        assertEquals(2, run("discover", "--subnet", "192.168.1/24"));
        assertEquals("ota-push discover: '192.168.1/24' is not an IPv4 subnet in CIDR notation, such as"
                + " 192.168.1.0/24 (--subnet)" + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
