package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.selection.FileRules;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class MavenFileFilterTest {

    @Test
    void includesAndExcludesAreMavenGlobs() {
        MavenFileFilter f = new MavenFileFilter(List.of("**/*.py", "config.json"), List.of("tests/", "**/*_test.py"));
        assertTrue(f.test("main.py"));
        assertTrue(f.test("lib/sub/deep.py"));
        assertTrue(f.test("config.json"));
        assertFalse(f.test("lib/config.json"), "config.json matches at the root only");
        assertFalse(f.test("README.md"));
        assertFalse(f.test("tests/helper.py"), "a trailing slash means everything below");
        assertFalse(f.test("lib/util_test.py"));
    }

    @Test
    void blankPatternsAndDotSlashAreTolerated() {
        MavenFileFilter f = new MavenFileFilter(List.of(" ", "./lib/**"), List.of(""));
        assertTrue(f.test("lib/a.py"));
        assertFalse(f.test("main.py"));
    }

    @Test
    void worksWithTheCoreSelectorAndPymakrConf(@TempDir Path src) throws Exception {
        Files.writeString(src.resolve("main.py"), "print(1)\n");
        Files.writeString(src.resolve("pymakr.conf"), "{\"py_ignore\": [\"notes\"]}");
        Files.createDirectories(src.resolve("__pycache__"));
        Files.writeString(src.resolve("__pycache__/main.cpython-311.pyc"), "x");
        Files.createDirectories(src.resolve(".git"));
        Files.writeString(src.resolve(".git/HEAD"), "ref");
        Files.writeString(src.resolve("notes.txt"), "todo");
        Files.createDirectories(src.resolve("lib"));
        Files.writeString(src.resolve("lib/util.py"), "x = 1\n");
        List<String> sent = new FileSelector(new MavenFileFilter(null, List.of("pymakr.conf")), FileRules.DEFAULT).select(src)
                .files().stream().map(SourceFile::devicePath).toList();
        assertEquals(List.of("main.py", "lib/util.py"), sent);
    }
}
