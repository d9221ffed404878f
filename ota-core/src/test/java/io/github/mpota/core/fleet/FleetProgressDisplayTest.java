package io.github.mpota.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.fleet.BoardOutcome.Result;
import io.github.mpota.core.protocol.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FleetProgressDisplayTest {

    private final Board a = new Board("10.0.0.5", 8266);
    private final Board b = new Board("10.0.0.6", 8266);

    @Test
    void inALogEachBoardStartsAndEndsOnALineAndProgressComesPeriodically() {
        List<String> lines = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        FleetProgressDisplay d = FleetProgressDisplay.periodic(lines::add, Duration.ofSeconds(5), clock::get, 2);
        d.started(a, true);
        d.started(b, false);
        d.progress(a, 50, 100);
        clock.set(Duration.ofSeconds(6).toNanos());
        d.progress(b, 25, 100);
        d.progress(a, 60, 100);
        d.finished(new BoardOutcome(a, Result.SUCCEEDED, Optional.empty(), "", 2048, Duration.ofMillis(40), true));
        d.finished(new BoardOutcome(b, Result.FAILED, Optional.of(Phase.AUTHENTICATION), "x", 0,
                Duration.ofMillis(9), false));
        assertEquals(List.of("10.0.0.5:8266: pushing (canary)", "10.0.0.6:8266: pushing",
                "0 of 2 boards done; in flight: 10.0.0.5:8266 50%, 10.0.0.6:8266 25%",
                "10.0.0.5:8266: ok, 2.0 KiB in 40 ms",
                "10.0.0.6:8266: FAILED while authenticating after 9 ms"), lines);
    }

    @Test
    void aBoardThatIsApplyingStillGivesAPeriodicLine() {
        // Every byte sent, the board inflating and writing for a while: no progress event comes, the heartbeat does.
        List<String> lines = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        FleetProgressDisplay d = FleetProgressDisplay.periodic(lines::add, Duration.ofSeconds(10), clock::get, 3);
        d.started(a, false);
        d.progress(a, 100, 100);
        d.heartbeat();
        clock.set(Duration.ofSeconds(11).toNanos());
        d.heartbeat();
        d.heartbeat();
        assertEquals(List.of("10.0.0.5:8266: pushing", "0 of 3 boards done; in flight: 10.0.0.5:8266 applying"),
                lines);
    }

    @Test
    void onATerminalFinishedBoardsStayAboveTheRedrawnLines() {
        StringBuilder screen = new StringBuilder();
        FleetProgressDisplay d = FleetProgressDisplay.inPlace(screen::append, "[INFO] ", 2);
        d.started(a, false);
        d.started(b, false);
        d.progress(a, 100, 100);
        d.finished(new BoardOutcome(a, Result.SUCCEEDED, Optional.empty(), "", 2048, Duration.ofMillis(40), false));
        String text = screen.toString();
        String last = text.substring(text.lastIndexOf("\u001b[2A"));
        // Up over the two in-flight lines, the finished board's line for good, then the one still in flight.
        String nl = System.lineSeparator();
        assertEquals("\u001b[2A\r\u001b[2K[INFO] 10.0.0.5:8266: ok, 2.0 KiB in 40 ms" + nl
                + "\r\u001b[2K[INFO] 10.0.0.6:8266: [....................] 0%" + nl, last);
    }
}
