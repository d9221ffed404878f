package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inflate window that ota/update.py asks DeflateIO for: as large as the update, no larger than deflate's 32 KiB,
 * so that a small update fits an ESP8266's heap (the pushes of PushToBoardTest prove such streams inflate).
 */
@Timeout(30)
class DeflateWindowTest {

    @TempDir
    Path temp;

    @Test
    void theWindowIsTheSmallestThatHoldsTheWholeUpdate() throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(), """
                from ota.memory import window_bits
                for size in (0, 1, 512, 513, 1024, 8192, 8193, 32768, 40000):
                    print("%d %d" % (size, window_bits(size)))
                """);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("0 9", "1 9", "512 9", "513 10", "1024 10", "8192 13", "8193 14", "32768 15", "40000 15"),
                run.lines(), run.output());
    }
}
