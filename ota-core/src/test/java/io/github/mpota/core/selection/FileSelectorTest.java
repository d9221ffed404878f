package io.github.mpota.core.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSelectorTest {

    @TempDir
    Path tmp;

    private Path project(String... pathsAndContents) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], Trees.utf8(pathsAndContents[i + 1]));
        }
        Path src = tmp.resolve("src");
        Trees.write(src, files);
        return src;
    }

    private static List<String> paths(FileSelection selection) {
        return selection.files().stream().map(SourceFile::devicePath).toList();
    }

    @Test
    void aFoldersOwnFilesComeBeforeItsSubfoldersFiles() throws Exception {
        Path src = project("pkg/sub/x.py", "x", "pkg/z.py", "z", "pkg/a.py", "a", "main.py", "m", "boot.py", "b",
                "pkg/sub/deeper/y.py", "y", "pkg/sub/b.py", "b2", "lib/util.py", "u", "z_last.py", "zz");
        FileSelection selection = new FileSelector().select(src);
        assertEquals(List.of("boot.py", "main.py", "z_last.py", "lib/util.py", "pkg/a.py", "pkg/z.py",
                "pkg/sub/b.py", "pkg/sub/x.py", "pkg/sub/deeper/y.py"), paths(selection));
    }

    @Test
    void recordsLocalPathsAndSizes() throws Exception {
        Path src = project("main.py", "print('hello')\n", "lib/empty.py", "");
        FileSelection selection = new FileSelector().select(src);
        SourceFile main = selection.files().get(0);
        assertEquals(src.toRealPath().resolve("main.py"), main.localPath());
        assertEquals(15, main.size());
        assertEquals(0, selection.files().get(1).size());
        assertEquals(15, selection.totalBytes());
    }

    @Test
    void withoutPymakrConfEveryFileIsSent() throws Exception {
        Path src = project(".gitignore", "x", "__pycache__/m.pyc", "c", "main.py", "m");
        assertEquals(List.of(".gitignore", "main.py", "__pycache__/m.pyc"), paths(new FileSelector().select(src)));
    }

    @Test
    void pyIgnoreIsAPlainSubstringOfTheRelativePath() throws Exception {
        Path src = project("pymakr.conf", "{\"py_ignore\": [\".git\", \"__pycache__\", \"lib/te\", \"*.md\"],"
                        + " \"address\": \"192.168.4.1\"}",
                ".git/config", "c", ".gitignore", "g", "lib/test.py", "t", "lib/util.py", "u",
                "lib/__pycache__/util.mpy", "p", "README.md", "r", "x.md", "literal star only", "main.py", "m");
        FileSelection selection = new FileSelector().select(src);
        // A glob would drop README.md; the reference rule is a substring test, so only a path holding "*.md" goes.
        assertEquals(List.of("README.md", "main.py", "pymakr.conf", "x.md", "lib/util.py"), paths(selection));
        assertEquals(List.of(".gitignore", ".git/config", "lib/test.py", "lib/__pycache__/util.mpy"),
                selection.ignored());
    }

    @Test
    void pyIgnoreCanDropPymakrConfItself() throws Exception {
        Path src = project("pymakr.conf", "{\"py_ignore\": [\"pymakr.conf\"]}", "main.py", "m");
        assertEquals(List.of("main.py"), paths(new FileSelector().select(src)));
    }

    @Test
    void theCallersFilterAddsToPyIgnore() throws Exception {
        Path src = project("pymakr.conf", "{\"py_ignore\": [\"tests\"]}", "main.py", "m", "tests/t.py", "t",
                "notes.txt", "n");
        FileSelection selection = new FileSelector(p -> !p.endsWith(".txt")).select(src);
        assertEquals(List.of("main.py", "pymakr.conf"), paths(selection));
        assertEquals(List.of("notes.txt", "tests/t.py"), selection.ignored());
    }

    @Test
    void aMalformedPymakrConfIsAClearError() {
        Path src = project("pymakr.conf", "{\"py_ignore\": [\".git\",", "main.py", "m");
        SelectionException e = assertThrows(SelectionException.class, () -> new FileSelector().select(src));
        assertTrue(e.getMessage().contains("pymakr.conf is not valid JSON ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); fix it or remove it"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void pymakrConfOfTheWrongShapeSaysWhatIsExpected() throws Exception {
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Path conf = src.resolve(PymakrConfig.FILE_NAME);
        Path real = src.toRealPath().resolve(PymakrConfig.FILE_NAME);

        Files.writeString(conf, "[\".git\"]");
        assertEquals(real + " must hold a JSON object, such as {\"py_ignore\": [\".git\"]}",
                assertThrows(SelectionException.class, () -> PymakrConfig.read(src.toRealPath())).getMessage());
        Files.writeString(conf, "{\"py_ignore\": \".git\"}");
        assertEquals(real + ": 'py_ignore' must be a list of strings",
                assertThrows(SelectionException.class, () -> PymakrConfig.read(src.toRealPath())).getMessage());
        Files.writeString(conf, "{\"py_ignore\": [\".git\", 7]}");
        assertEquals(real + ": 'py_ignore' must be a list of strings, found 7",
                assertThrows(SelectionException.class, () -> PymakrConfig.read(src.toRealPath())).getMessage());
        Files.writeString(conf, "");
        assertTrue(assertThrows(SelectionException.class, () -> PymakrConfig.read(src.toRealPath())).getMessage()
                .startsWith(real + " must hold a JSON object"));

        Files.writeString(conf, "{\"name\": \"board\"}");
        assertEquals(List.of(), PymakrConfig.read(src).pyIgnore(), "no py_ignore: nothing ignored");
        Files.writeString(conf, "{\"py_ignore\": null}");
        assertEquals(List.of(), PymakrConfig.read(src).pyIgnore());
    }

    @Test
    void aMissingSourceFolderSaysWhatToDo() {
        Path missing = tmp.resolve("nope");
        SelectionException e = assertThrows(SelectionException.class, () -> new FileSelector().select(missing));
        assertEquals("source folder " + missing + " does not exist or is not a folder; create it or point to your "
                + "MicroPython sources", e.getMessage());
    }

    @Test
    void aFileNameTheDeviceCannotTakeIsNamedWithTheWayOut() throws Exception {
        Path src = project("main.py", "m", "lib/odd\\name.py", "o");
        SelectionException e = assertThrows(SelectionException.class, () -> new FileSelector().select(src));
        assertEquals("cannot send " + src.toRealPath().resolve("lib/odd\\name.py") + ": path contains a backslash;"
                + " use '/' to separate folders; rename it or exclude it", e.getMessage());
        // ...and excluding it is indeed a way out.
        assertEquals(List.of("main.py"), paths(new FileSelector(p -> !p.contains("\\")).select(src)));
    }

    @Test
    void linksDoNotLeadOutOfTheSourceFolder() throws Exception {
        Path outside = tmp.resolve("outside");
        Trees.write(outside, Map.of("secret.txt", Trees.utf8("ssh key"), "dir/inner.py", Trees.utf8("i")));
        Path src = project("main.py", "m", "variants/v2.py", "v2");
        Files.createSymbolicLink(src.resolve("leak.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(src.resolve("leakdir"), outside.resolve("dir"));
        Files.createSymbolicLink(src.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(src.resolve("dangling.py"), src.resolve("gone.py"));
        Files.createSymbolicLink(src.resolve("current.py"), src.resolve("variants/v2.py"));

        FileSelection selection = new FileSelector().select(src);
        assertEquals(List.of("current.py", "main.py", "variants/v2.py"), paths(selection));
        assertEquals(src.toRealPath().resolve("variants/v2.py"), selection.files().get(0).localPath(),
                "a link inside the source folder is sent with its target's bytes under its own name");
        assertEquals(List.of("dangling.py", "leak.txt", "leakdir", "up"), selection.skippedLinks().stream()
                .sorted().toList());
    }

    @Test
    void aLinkToAFolderInsideDoesNotRenameThatFoldersFiles() throws Exception {
        Path src = project("main.py", "m", "lib/util.py", "u", "lib/sub/x.py", "x");
        // "a_lib" sorts before "lib": walked through the link first, lib's files would go out as a_lib/...
        Files.createSymbolicLink(src.resolve("a_lib"), Path.of("lib"));
        Files.createSymbolicLink(src.resolve("lib/sub/loop"), Path.of("../.."));

        FileSelection selection = new FileSelector().select(src);
        assertEquals(List.of("main.py", "lib/util.py", "lib/sub/x.py"), paths(selection));
        assertEquals(List.of("a_lib", "lib/sub/loop"), selection.skippedLinks());
    }

    @Test
    void aSourceFolderReachedThroughALinkIsWalkedAsItself() throws Exception {
        Path src = project("main.py", "m", "lib/util.py", "u");
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), src);
        assertEquals(List.of("main.py", "lib/util.py"), paths(new FileSelector().select(alias)));
    }
}
