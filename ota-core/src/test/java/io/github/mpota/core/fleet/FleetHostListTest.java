package io.github.mpota.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetHostListTest {

    @TempDir
    Path dir;

    @Test
    void entriesTakeAnOptionalPort() throws Exception {
        assertEquals(List.of(new Board("192.168.1.20", 8266), new Board("bench-2.local", 8300),
                new Board("fe80::1", 8266), new Board("fe80::2", 9000)),
                HostList.parse(List.of("192.168.1.20, bench-2.local:8300", "fe80::1,[fe80::2]:9000"), 8266));
    }

    @Test
    void theHostsFileSkipsCommentsAndBlankLines() throws Exception {
        Path file = dir.resolve("boards.txt");
        Files.writeString(file, "# greenhouse\n10.0.0.5\n\n10.0.0.6:8300   # by the door\n   \n");
        assertEquals(List.of(new Board("10.0.0.5", 8266), new Board("10.0.0.6", 8300)), HostList.read(file, 8266));
    }

    @Test
    void badEntriesAreNamed() throws Exception {
        Path file = dir.resolve("boards.txt");
        Files.writeString(file, "10.0.0.5\n10.0.0.6:http\n");
        FleetException e = assertThrows(FleetException.class, () -> HostList.read(file, 8266));
        assertEquals(file + " line 2: host entry '10.0.0.6:http': the port must be a number from 1 to 65535",
                e.getMessage());
        e = assertThrows(FleetException.class, () -> HostList.read(dir.resolve("none.txt"), 8266));
        assertEquals("the hosts file " + dir.resolve("none.txt") + " does not exist", e.getMessage());
    }

    @Test
    void aBoardNamedTwiceIsRefused() throws Exception {
        FleetException e = assertThrows(FleetException.class, () -> HostList.combine(
                HostList.parse(List.of("a.local,b.local"), 8266), List.of(new Board("A.local", 8266))));
        assertEquals("board A.local:8266 is named twice; each board is pushed once", e.getMessage());
        e = assertThrows(FleetException.class, () -> HostList.combine(List.of(), List.of()));
        assertEquals("no boards: the host list and the hosts file name none", e.getMessage());
    }
}
