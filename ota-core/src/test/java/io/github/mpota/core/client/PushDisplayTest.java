package io.github.mpota.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushDisplayTest {

    @Test
    void progressGoesToTheDrawingAndTheMomentsAroundItBecomeLines() {
        List<String> drawn = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        PushDisplay d = new PushDisplay((sent, total) -> drawn.add(sent + "/" + total), lines::add,
                "ota.applyTimeout", steps::add);
        d.onProgress(19, 38);
        d.onRetry(2, 4, "cannot connect", Duration.ofSeconds(1));
        d.onWaitingForApply(2, Duration.ofSeconds(20));
        d.onStep("challenge 1 received");
        assertEquals(List.of("19/38"), drawn);
        assertEquals(List.of("Attempt 1/4: cannot connect; retrying in 1.0 s",
                "Waiting for the board to write 2 files (up to 20 s, ota.applyTimeout)"), lines);
        assertEquals(List.of("challenge 1 received"), steps);
    }

    @Test
    void withoutASettingTheWaitingLineNamesOnlyTheTime() {
        List<String> lines = new ArrayList<>();
        new PushDisplay(ProgressListener.NONE, lines::add, null, step -> { })
                .onWaitingForApply(1, Duration.ofMinutes(1));
        assertEquals(List.of("Waiting for the board to write 1 file (up to 1 min 00 s)"), lines);
    }
}
