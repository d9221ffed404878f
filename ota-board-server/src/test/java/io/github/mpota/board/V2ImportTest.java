package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board that only v1 clients reach never loads the v2 code (ota/v2.py, ota/hmac_sha256.py, ota/installed.py): on
 * an ESP8266 every kilobyte of heap counts. Booting (OTAUpdater's import, the recovery of an interrupted v1 update)
 * leaves them out; only a v2 session imports them (V2ByteStreamTest and V2PushToBoardTest prove it then works).
 */
@Timeout(30)
class V2ImportTest {

    @TempDir
    Path temp;

    @Test
    void bootingAndRecoveringAV1UpdateLoadNoV2Module() throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(
                ".ota/stage/0", "new main\n",
                ".ota/journal.json", "{\"files\": [\"main.py\"]}",
                "main.py", "old main\n"), """
                import sys
                from ota import OTAUpdater
                from ota.server import Server
                from ota.update import recover
                print(recover("/board", print))
                print(open("main.py").read().strip())
                print(sorted(m for m in sys.modules if m in ("ota.v2", "ota.hmac_sha256", "ota.installed")))
                """);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("finishing an update that a reset interrupted: 1 files", "interrupted update finished",
                "finished", "new main", "[]"), run.lines(), run.output());
    }
}
