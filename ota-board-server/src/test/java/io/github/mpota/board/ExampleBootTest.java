package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled example's boot.py in MicroPython: an update that a reset interrupted is finished before boot.py
 * returns (and main.py imports the files), not later in the server's thread.
 */
@Timeout(30)
class ExampleBootTest {

    private static final Path BOOT_PY = Harness.MODULE_DIR.resolve("../examples/plant-monitor/src/main/micropython/boot.py");

    @TempDir
    Path temp;

    @Test
    void theInterruptedUpdateIsFinishedBeforeTheServerThreadStarts() throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(
                "boot.py", Files.readString(BOOT_PY),
                "ota_config.json", "{\"WIFI_SSID\": \"greenhouse\", \"WIFI_PASSWORD\": \"k\", \"OTA_PASSWORD\": \"pw\"}",
                "main.py", "old main",
                ".ota/stage/0", "new main",
                ".ota/journal.json", "{\"files\": [\"main.py\"]}"), """
                import sys

                class Thread:
                    # What boot.py hands the thread runs later, while main.py imports the files.
                    @staticmethod
                    def start_new_thread(function, args):
                        with open("main.py") as f:
                            print("thread started; main.py holds: " + f.read())

                sys.modules["_thread"] = Thread
                exec(open("boot.py").read())
                print("boot.py done")
                """);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("ota: finishing an update that a reset interrupted: 1 files",
                "ota: interrupted update finished", "thread started; main.py holds: new main", "boot.py done"),
                run.lines(), run.output());
    }
}
