package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 5: on FAT (boards) and on macOS or Windows hosts {@code .OTA/} and {@code .ota./} are the staging
 * folder, and {@code MAIN.PY} is {@code main.py}. The hardened board compares names as those filesystems do (case
 * folded, trailing dots and spaces ignored) before anything is written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FoldedNamesTest {

    private static final String FOLD = " (names are compared as FAT, macOS and Windows compare them: without case"
            + " and without trailing dots and spaces)";

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} + {1}")
    @CsvSource(delimiter = '|', value = {
        ".OTA/stage/main.py|keep.py|path '.OTA/stage/main.py' is inside .ota/, the folder where the device stages"
                + " updates",
        ".ota./journal.json|keep.py|path '.ota./journal.json' is inside .ota/, the folder where the device stages"
                + " updates",
        ".Ota /x.py|keep.py|path '.Ota /x.py' is inside .ota/, the folder where the device stages updates",
        ".ota.|keep.py|path '.ota.' is inside .ota/, the folder where the device stages updates",
        "main.py|MAIN.PY|paths 'main.py' and 'MAIN.PY' name the same file",
        "lib/util.py|lib/util.py .|paths 'lib/util.py' and 'lib/util.py .' name the same file",
        "lib|LIB/util.py|path 'lib' is a file and also the folder of 'LIB/util.py'",
        "a/b.|A/B/c.py|path 'a/b.' is a file and also the folder of 'A/B/c.py'",
    })
    void namesThatAFoldingFilesystemMergesAreRefusedBeforeAnythingIsWritten(String first, String second,
            String expected) throws Exception {
        Files.writeString(root.resolve("keep.py"), "old");
        byte[] payload = RawClient.deflate(RawClient.utf8("AAAA"), RawClient.utf8("BBBB"));
        String m = "{\"compressed_size\": " + payload.length + ", \"total_uncompressed\": 8, \"files\": ["
                + "{\"path\": \"" + first + "\", \"size\": 4}, {\"path\": \"" + second + "\", \"size\": 4}]}";
        try (DeviceRuntime device = Devices.start(root, Profile.HARDENED); RawClient c = new RawClient(device.port())) {
            assertEquals("OK", c.authenticate(Devices.PASSWORD));
            // The metadata is refused at step 7: FAIL instead of the second OK.
            assertEquals("OK,FA", c.sendMetadata(m));
            assertEquals("IL", c.read(2));
            assertEquals(expected + FOLD, device.awaitSession(1, Devices.WAIT).reason());
        }
        assertEquals("old", Files.readString(root.resolve("keep.py")));
        try (var listing = Files.list(root)) {
            assertEquals(1, listing.count(), "nothing but keep.py in the root");
        }
        assertFalse(Files.exists(root.resolve(".ota")));
    }
}
