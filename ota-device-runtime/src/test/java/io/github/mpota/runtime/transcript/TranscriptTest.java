package io.github.mpota.runtime.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {

    @Test
    void memoryKeepsTheMostRecentSessionsWhileTheFileKeepsEveryEvent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("board.jsonl");
        try (Transcript t = new Transcript(file, problem -> { }, 3)) {
            t.record(0, TranscriptEvent.Type.BOOT);
            for (int session = 1; session <= 10; session++) {
                t.record(session, TranscriptEvent.Type.CONNECT);
                t.record(session, TranscriptEvent.Type.CLOSE);
                t.record(0, TranscriptEvent.Type.REBOOT);
            }
            List<Integer> sessions = t.snapshot().stream().map(TranscriptEvent::session).toList();
            assertEquals(List.of(8, 8, 0, 9, 9, 0, 10, 10, 0), sessions);
            assertEquals(23, t.snapshot().get(0).seq(), "numbering goes on over what memory dropped");
        }
        assertEquals(31, Files.readAllLines(file).size(), "the file has every event");
    }
}
