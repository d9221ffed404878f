package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.conformance.ConformanceKit;
import io.github.mpota.conformance.ConformanceOptions;
import io.github.mpota.conformance.ConformanceReport;
import io.github.mpota.conformance.ScenarioResult;
import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import io.github.mpota.conformance.scenario.ScenarioCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance kit against our MicroPython server in its WebAssembly board, with the hardened expectations:
 * every scenario of sections 2 to 7, strict ones included, files checked. The 10 s timeout scenarios (9.x) are
 * left to the runtime's self-test to keep this run short.
 *
 * <p>The harness's Node process owns the TCP port and keeps listening while MicroPython resets, so the board's
 * reboot cannot be seen from the network as on a real board; the harness prints {@code SESSION n updated} once a
 * session ended in a reset and the board's files are written back, which is what this test's watch reads.
 */
class HarnessConformanceTest {

    private static final String PASSWORD = "conformance-secret";
    private static final long FREE_BYTES = 1_000_000;

    @TempDir
    Path temp;

    @BeforeAll
    static void installed() {
        Harness.requireInstalled();
    }

    @Test
    @Timeout(600)
    void ourServerMeetsTheHardenedExpectations() throws Exception {
        Path root = Files.createDirectories(temp.resolve("board"));
        try (Harness board = Harness.start("--password", PASSWORD, "--root", root.toString(), "--free-bytes",
                Long.toString(FREE_BYTES))) {
            ConformanceOptions o = ConformanceOptions.of("127.0.0.1", board.port(), PASSWORD, ExpectationSet.HARDENED)
                    .withRun(RunMode.FULL).withStrict(true).withIds(List.of("2", "3", "4", "5", "6", "7"))
                    .withBoardRoot(root).withFreeBytes(OptionalLong.of(FREE_BYTES))
                    .withReportDir(temp.resolve("reports"))
                    .withWatch((connection, bound) -> board.awaitLine(Pattern.compile("SESSION " + connection + " .*"),
                            bound.plus(Duration.ofSeconds(30))).matches("SESSION \\d+ (updated|unfinished)"));
            ConformanceReport report = new ConformanceKit(ScenarioCatalog.load(), System.out::println).run(o);
            StringBuilder failures = new StringBuilder(report.summary());
            for (ScenarioResult r : report.failures()) {
                failures.append('\n').append(r.line());
            }
            assertTrue(report.results().size() > 90, report.summary());
            assertEquals(0, report.failed(), failures + "\n" + board.output());
        }
    }
}
