package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 8: a hard link already in the root must not let an update write through to a file outside it.
 * The upstream profile writes in place, so it is the one that would; both refuse a file with more than one link.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HardLinkTest {

    @TempDir
    Path sandbox;

    @Test
    void aFileWithASecondLinkIsNeverWrittenThrough() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"),
                "link counts are read through the unix attribute view");
        for (Profile profile : Profile.values()) {
            Path root = sandbox.resolve(profile.label() + "-root");
            Path outside = sandbox.resolve(profile.label() + "-outside.txt");
            Files.createDirectories(root);
            Files.writeString(outside, "outside, must not change");
            Files.createLink(root.resolve("main.py"), outside);
            try (DeviceRuntime device = Devices.start(root, profile); RawClient c = new RawClient(device.port())) {
                String replies = c.push(Devices.PASSWORD, RawClient.VECTOR_METADATA, RawClient.VECTOR_PAYLOAD);
                SessionOutcome o = device.awaitSession(1, Devices.WAIT);
                if (profile == Profile.UPSTREAM) {
                    // In place: opening main.py for writing would write into the file outside the root.
                    assertEquals("OK,OK,OK,FAIL", replies);
                    assertEquals("cannot write main.py: main.py has 2 links (a hard link shares its content with"
                            + " a file that may be outside the board's folder); the runtime never writes through a"
                            + " hard link: remove the link or replace it with a copy", o.reason());
                } else {
                    // Staged and renamed: the rename replaces the link itself, the other name keeps its content.
                    assertEquals("OK,OK,OK,UPDATE_SUCCESS", replies);
                    assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
                }
            }
            assertEquals("outside, must not change", Files.readString(outside), profile.label());
            assertFalse(Files.exists(root.resolve(".ota")), profile.label());
        }
    }

    @Test
    void theFilesystemRefusesToOpenAFileWithTwoLinksForWriting() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("unix"));
        Path root = Files.createDirectories(sandbox.resolve("root"));
        Path outside = sandbox.resolve("outside.txt");
        Files.writeString(outside, "outside");
        Files.createLink(root.resolve("linked.txt"), outside);
        io.github.mpota.runtime.flash.FlashFilesystem flash =
                new io.github.mpota.runtime.flash.FlashFilesystem(root, 1 << 20);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> flash.create(flash.resolveStrict("linked.txt")).close());
        assertEquals("linked.txt has 2 links (a hard link shares its content with a file that may be outside the"
                + " board's folder); the runtime never writes through a hard link: remove the link or replace it"
                + " with a copy", e.getMessage());
        assertEquals("outside", Files.readString(outside));
    }
}
