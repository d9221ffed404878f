package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reference-style v1 client (ota-core's independent Python peer, which shares no code with ours) still updates
 * the hardened board now that it speaks v2 as well; with v1 turned off it is refused like a wrong password.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReferenceClientAgainstV2BoardTest {

    private static final Path PEER = Path.of("../ota-core/src/test/python/ota_peer.py");

    @TempDir
    Path root;
    @TempDir
    Path src;

    private record Run(int exit, String stdout, String stderr) {
    }

    private Run peer(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", PEER.toString(), "client", "--host", "127.0.0.1", "--port",
                String.valueOf(port), "--src", src.toString(), "--password", Devices.PASSWORD).start();
        p.getOutputStream().close();
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the Python peer did not finish within 40 s");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void pythonV1ClientUpdatesTheHardenedV2Board() throws Exception {
        Files.writeString(src.resolve("main.py"), "print('from the reference client')\n");
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED)) {
            Run r = peer(device.port());
            assertEquals(0, r.exit(), r.stderr());
            assertEquals("UPDATE_SUCCESS", r.stdout().strip());
            assertTrue(device.awaitSession(1, Devices.WAIT).success());
        }
        assertEquals("print('from the reference client')\n", Files.readString(root.resolve("main.py")));
    }

    @Test
    void withV1OffThePythonV1ClientIsRefusedAndNothingIsWritten() throws Exception {
        Files.writeString(src.resolve("main.py"), "print('refused')\n");
        List<String> log = new CopyOnWriteArrayList<>();
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, log).v1Enabled(false).build().start()) {
            Run r = peer(device.port());
            assertEquals(1, r.exit(), r.stdout() + r.stderr());
            assertTrue(r.stderr().contains("AUTH_FAIL"), r.stderr());
            assertFalse(device.awaitSession(1, Devices.WAIT).success());
        }
        assertFalse(Files.exists(root.resolve("main.py")));
    }
}
