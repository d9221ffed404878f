package io.github.mpota.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.core.fleet.BoardOutcome.Result;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.protocol.Phase;
import io.github.mpota.core.selection.FileSelector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetReportTest {

    @TempDir
    Path dir;

    private final Board a = new Board("10.0.0.5", 8266);
    private final Board b = new Board("10.0.0.6", 8266);
    private final Board c = new Board("bench-3.local", 8300);

    private FleetReport report() {
        FleetPlan plan = new FleetPlan(List.of(a, b, c), 4, 1, new FailureBudget(0, false));
        return new FleetReport(plan, List.of(
                new BoardOutcome(a, Result.SUCCEEDED, Optional.empty(), "", 14805, Duration.ofMillis(45), true),
                new BoardOutcome(b, Result.FAILED, Optional.of(Phase.AUTHENTICATION), "wrong password", 0,
                        Duration.ofMillis(12), false),
                BoardOutcome.skipped(c, "not started: 1 board failed, more than the 0 allowed", false)),
                Duration.ofMillis(80));
    }

    @Test
    void theTableHasOneLinePerBoard() {
        assertEquals(List.of(
                "board               result   phase               bytes      time",
                "10.0.0.5:8266       ok                           14805     45 ms",
                "10.0.0.6:8266       FAILED   authenticating          0     12 ms",
                "bench-3.local:8300  skipped                          -         -"), report().table());
        assertEquals("1 of 3 boards updated, 1 failed, 1 skipped, in 80 ms", report().summary());
    }

    @Test
    void theJsonReportNamesEachBoardsResultAndPhase() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
        Path file = dir.resolve("target/ota-push-report.json");
        try (PackedPayload payload = new PayloadDeflater().pack(new FileSelector().select(src).files(), null)) {
            report().writeJson(file, payload);
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertEquals(1, json.at("/payload/files").asInt());
        assertEquals(15, json.at("/payload/uncompressed_bytes").asInt());
        assertEquals(3, json.at("/counts/boards").asInt());
        assertEquals(1, json.at("/counts/succeeded").asInt());
        assertEquals(1, json.at("/counts/failed").asInt());
        assertEquals(1, json.at("/counts/skipped").asInt());
        List<String> rows = new ArrayList<>();
        for (JsonNode board : json.get("boards")) {
            rows.add(board.get("board").asText() + " " + board.get("result").asText() + " "
                    + board.get("phase").asText() + " " + board.get("bytes").asLong());
        }
        assertEquals(List.of("10.0.0.5:8266 succeeded null 14805", "10.0.0.6:8266 failed authentication 0",
                "bench-3.local:8300 skipped null 0"), rows);
        assertTrue(json.at("/boards/1/message").asText().contains("wrong password"));
        assertEquals("0", json.at("/plan/max_failures").asText());
    }
}
