package io.github.mpota.core.selection;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DefaultExcludesTest {

    @Test
    void scmEditorAndCacheFilesAreLeftOut() {
        for (String path : new String[] {".git/config", "lib/.svn/entries", ".gitignore", "main.py~",
                "__pycache__/main.cpython-311.pyc", "lib/__pycache__/util.cpython-311.pyc", ".vscode/settings.json",
                ".idea/workspace.xml", "lib/.DS_Store", "#main.py#", ".#main.py", "._main.py"}) {
            assertTrue(DefaultExcludes.excludes(path), path);
        }
    }

    @Test
    void theProjectsOwnFilesStay() {
        for (String path : new String[] {"main.py", "lib/util.py", "lib/gitless.py", "vscode.py", "idea/notes.py",
                "config.json", "lib/pycache.py", "data/#tag"}) {
            assertFalse(DefaultExcludes.excludes(path), path);
        }
    }
}
