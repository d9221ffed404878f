package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ota/files.py's replace under the two refusals a board's rename can give: FatFs's EEXIST (the old file goes first,
 * then the rename again) and any other error, such as littlefs running out of space, which must keep the old file.
 */
@Timeout(30)
class FilesReplaceTest {

    /** os.rename refuses once with the given errno, then behaves. */
    private static final String REFUSING_RENAME = """
            import errno
            import os
            from ota import files

            class RefusingOs:
                def __init__(self, code):
                    self.code = code
                def rename(self, source, target):
                    if self.code is not None:
                        code, self.code = self.code, None
                        raise OSError(code)
                    os.rename(source, target)
                def __getattr__(self, name):
                    return getattr(os, name)

            def read(path):
                try:
                    with open(path) as f:
                        return f.read()
                except OSError:
                    return "missing"
            """;

    @TempDir
    Path temp;

    private List<String> run(String code) throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of("old.py", "old", "new.tmp", "new"),
                REFUSING_RENAME + "files.os = RefusingOs(" + code + ")\n" + """
                try:
                    files.replace("new.tmp", "old.py")
                    print("replaced")
                except OSError as e:
                    print("raised %d" % e.errno)
                print("old.py: " + read("old.py"))
                print("new.tmp: " + read("new.tmp"))
                """);
        assertEquals(0, run.exitCode(), run.output());
        return run.lines();
    }

    @Test
    void aFatRefusalRemovesTheOldFileAndRenamesAgain() throws Exception {
        assertEquals(List.of("replaced", "old.py: new", "new.tmp: missing"), run("errno.EEXIST"));
    }

    @Test
    void anyOtherRefusalIsRaisedAndKeepsTheOldFile() throws Exception {
        assertEquals(List.of("raised 28", "old.py: old", "new.tmp: new"), run("28"));
    }
}
