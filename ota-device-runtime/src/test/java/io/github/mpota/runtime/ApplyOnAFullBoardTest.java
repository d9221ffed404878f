package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.flash.FlashFilesystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hardened board that runs out of blocks while it applies: everything that takes space (the targets' folders,
 * the journal) comes before the commit point, so the board either refuses with every old file in place or
 * applies the whole update; it never keeps a half-applied update that blocks later pushes and boots.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApplyOnAFullBoardTest {

    private static final byte[] MAIN = RawClient.utf8("print('main')\n");
    private static final byte[] A = RawClient.utf8("A = 1\n");

    @TempDir
    Path root;

    @Test
    void runningOutOfBlocksBeforeTheJournalChangesNothingAndTheBoardServesAgain() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        // Six blocks: the space check (bytes) passes, but staging, the new folder and the journal need seven.
        long capacity = 6 * FlashFilesystem.DEFAULT_BLOCK_SIZE;
        byte[] payload = RawClient.deflate(MAIN, A);
        String metadata = "{\"compressed_size\":" + payload.length + ",\"total_uncompressed\":"
                + (MAIN.length + A.length) + ",\"files\":[{\"path\":\"main.py\",\"size\":" + MAIN.length
                + "},{\"path\":\"newdir/a.py\",\"size\":" + A.length + "}]}";
        try (DeviceRuntime device = Devices.builder(root, Profile.HARDENED, log).capacityBytes(capacity).build()
                .start()) {
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("OK,OK,OK,FAIL", c.push(Devices.PASSWORD, metadata, payload));
            }
            assertFalse(device.awaitSession(1, Devices.WAIT).success());
            assertEquals(List.of(), contents(), "every old file in place (none), no staging left: " + log);

            byte[] small = RawClient.deflate(MAIN);
            String smallMetadata = "{\"compressed_size\":" + small.length + ",\"total_uncompressed\":"
                    + MAIN.length + ",\"files\":[{\"path\":\"main.py\",\"size\":" + MAIN.length + "}]}";
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("OK,OK,OK,UPDATE_SUCCESS", c.push(Devices.PASSWORD, smallMetadata, small));
            }
            assertTrue(device.awaitSession(2, Devices.WAIT).success(), String.join("\n", log));
        }
        assertEquals(List.of("main.py"), contents());
        // And the board boots again on that root.
        try (DeviceRuntime again = Devices.builder(root, Profile.HARDENED, log).capacityBytes(capacity).build()
                .start()) {
            assertTrue(again.port() > 0);
        }
    }

    private List<String> contents() throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }
}
