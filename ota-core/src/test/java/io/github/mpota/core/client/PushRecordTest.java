package io.github.mpota.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.selection.FileSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PushRecordTest {

    @TempDir
    Path src;

    @Test
    void saysWhatChangedAndRemembersTheFoldersItMade(@TempDir Path target) throws Exception {
        Files.writeString(src.resolve("main.py"), "v1\n");
        Files.createDirectories(src.resolve("lib/drivers"));
        Files.writeString(src.resolve("lib/drivers/bme.py"), "b\n");
        Files.writeString(src.resolve("old.py"), "o\n");
        Path file = target.resolve("ota-pushes/board.local.json");
        assertTrue(PushRecord.read(file).isEmpty(), "no record yet");
        PushRecord.of(new FileSelector().select(src).files()).write(file);

        PushRecord previous = PushRecord.read(file);
        assertEquals(Set.of("lib", "lib/drivers"), previous.folders());
        Files.writeString(src.resolve("main.py"), "v2\n");
        Files.delete(src.resolve("old.py"));
        Files.writeString(src.resolve("new.py"), "n\n");
        PushRecord.Changes changes = previous.compare(PushRecord.of(new FileSelector().select(src).files()));
        assertEquals("2 files changed, 1 unchanged, 1 no longer in the project (still on the board: old.py)",
                changes.line());
    }

    @Test
    void anUnreadableRecordIsNoRecord(@TempDir Path target) throws Exception {
        Path file = target.resolve("broken.json");
        Files.writeString(file, "{not json");
        assertTrue(PushRecord.read(file).isEmpty());
        assertEquals("0 files changed, 0 unchanged, 0 no longer in the project (still on the board)",
                PushRecord.none().compare(PushRecord.none()).line());
        assertEquals(List.of(), PushRecord.none().compare(PushRecord.none()).gone());
    }
}
