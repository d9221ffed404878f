package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.DeviceRuntime;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ota:discover over a loopback range, where a device runtime listens on 127.0.0.2. */
@Timeout(30)
class DiscoverMojoTest {

    @TempDir
    Path root;

    @Test
    void findsTheRuntimeAndLeavesItUnchanged() throws Exception {
        try (DeviceRuntime board = DeviceRuntime.builder().root(root).bindAddress("127.0.0.2").port(0)
                .password("secret").log(line -> { }).build().start()) {
            RecordingLog log = new RecordingLog();
            DiscoverMojo m = new DiscoverMojo();
            m.setLog(log);
            m.subnet = "127.0.0.0/30";
            m.port = board.port();
            m.discoverTimeout = 2000;
            m.execute();
            assertEquals("[INFO] Scanning 127.0.0.0/30 (2 addresses) on port " + board.port() + " for up to 2000 ms",
                    log.lines.get(0));
            assertTrue(log.lines.get(1).startsWith("[INFO] Found 1 board in "), log.lines.get(1));
            assertTrue(log.lines.get(2).startsWith("[INFO]   127.0.0.2:" + board.port() + " "), log.lines.get(2));
            assertEquals("[INFO] Push to all of them: mvn ota:push -Dota.hosts=127.0.0.2:" + board.port(),
                    log.lines.get(3));
            assertEquals(0, board.rebootCount());
        }
    }

    @Test
    void aSubnetTooLargeIsRefusedWithTheWayOut() {
        DiscoverMojo m = new DiscoverMojo();
        m.subnet = "10.0.0.0/16";
        m.port = 8266;
        m.discoverTimeout = 1000;
        MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
        assertEquals("subnet 10.0.0.0/16 has 65536 addresses; scan at most a /20 (4094 hosts) at once, for example"
                + " 10.0.0.0/24 (-Dota.subnet=192.168.1.0/24)", e.getMessage());
    }
}
