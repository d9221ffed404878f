package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The board's list of files that v2 updates installed (ota/installed.py, .ota_installed.json) as the server reads
 * it: a list changed on the board (by mpremote, the application, a damaged flash) never makes the server hash or
 * delete a file outside the root or in its own folder, and an unreadable one counts as empty (nothing deleted,
 * everything sent again).
 */
@Timeout(30)
class InstalledListTest {

    private static final String LOAD = """
            from ota import installed
            print(installed.load("/board"))
            """;

    @TempDir
    Path temp;

    private List<String> load(String list) throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(".ota_installed.json", list), LOAD);
        assertEquals(0, run.exitCode(), run.output());
        return run.lines();
    }

    @Test
    void pathsThatNoUpdateCouldHaveWrittenAreLeftOut() throws Exception {
        assertEquals(List.of("['main.py', 'lib/util.py']"), load("[\"main.py\", \"../boot.py\", \"/etc/x\", "
                + "\".ota/journal.json\", \".OTA_installed.json\", 7, \"lib/util.py\", \"a//b\"]"));
    }

    @Test
    void anUnreadableListCountsAsEmpty() throws Exception {
        assertEquals(List.of("[]"), load("{\"main.py\": 1}"));
        assertEquals(List.of("[]"), load("[\"main.py\""));
    }
}
