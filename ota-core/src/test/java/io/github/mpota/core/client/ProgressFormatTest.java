package io.github.mpota.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.protocol.Phase;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ProgressFormatTest {

    @Test
    void sizesUseBinaryUnits() {
        assertEquals("0 B", ProgressFormat.bytes(0));
        assertEquals("1023 B", ProgressFormat.bytes(1023));
        assertEquals("1.5 KiB", ProgressFormat.bytes(1536));
        assertEquals("2.0 MiB", ProgressFormat.bytes(2L * 1024 * 1024));
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("45 ms", ProgressFormat.duration(Duration.ofMillis(45)));
        assertEquals("0.1 s", ProgressFormat.duration(Duration.ofMillis(100)));
        assertEquals("0.4 s", ProgressFormat.duration(Duration.ofMillis(400)));
        assertEquals("12 s", ProgressFormat.duration(Duration.ofMillis(12_400)));
        assertEquals("2 min 05 s", ProgressFormat.duration(Duration.ofSeconds(125)));
    }

    @Test
    void lineShowsBytesPercentRateAndTimeLeft() {
        // 25 KiB of 100 KiB in 5 s: 5 KiB/s, 75 KiB left take 15 s.
        assertEquals("Sending 25.0 KiB of 100.0 KiB (25%), transfer rate 5.0 KiB/s, 15 s left",
                ProgressFormat.line(25 * 1024, 100 * 1024, Duration.ofSeconds(5)));
        assertEquals("Sending 0 B of 100.0 KiB (0%)", ProgressFormat.line(0, 100 * 1024, Duration.ZERO));
        assertEquals("Sending 100.0 KiB of 100.0 KiB (100%), transfer rate 20.0 KiB/s",
                ProgressFormat.line(100 * 1024, 100 * 1024, Duration.ofSeconds(5)));
    }

    @Test
    void logModePrintsALineAtEachTenPercentOnly() {
        List<String> lines = new ArrayList<>();
        AtomicLong clock = new AtomicLong();
        ProgressReporter reporter = ProgressReporter.everyTenPercent(lines::add, clock::get);
        for (long sent = 0; sent <= 1000; sent += 8) {
            clock.addAndGet(1_000_000);
            reporter.onProgress(Math.min(sent, 1000), 1000);
        }
        reporter.onProgress(1000, 1000);
        assertEquals(10, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("Sending 104 B of 1000 B (10%)"), lines.get(0));
        assertTrue(lines.get(9).startsWith("Sending 1000 B of 1000 B (100%)"), lines.get(9));
    }

    @Test
    void logModeReportsAnEmptyPayloadOnce() {
        List<String> lines = new ArrayList<>();
        ProgressReporter reporter = ProgressReporter.everyTenPercent(lines::add, () -> 0L);
        reporter.onProgress(0, 0);
        reporter.onProgress(0, 0);
        assertEquals(List.of("Sending 0 B of 0 B (100%)"), lines);
    }

    @Test
    void terminalModeRewritesOneLineAndEndsIt() {
        StringBuilder out = new StringBuilder();
        AtomicLong clock = new AtomicLong();
        ProgressReporter reporter = ProgressReporter.inPlace(out::append, clock::get);
        for (long sent = 0; sent <= 200; sent++) {
            clock.addAndGet(1_000_000);
            reporter.onProgress(sent, 200);
        }
        String text = out.toString();
        // 200 ms of sending: a redraw at most every 100 ms, plus the last one.
        assertEquals(3, text.chars().filter(c -> c == '\r').count(), "at most ten redraws a second: " + text);
        assertTrue(text.endsWith(System.lineSeparator()));
        assertEquals(1, text.split(System.lineSeparator(), -1).length - 1, "a single line break, at the end");
        assertTrue(text.contains("\rSending 200 B of 200 B (100%)"), text);
    }

    @Test
    void terminalModeRedrawsAtMostTenTimesASecond() {
        StringBuilder out = new StringBuilder();
        AtomicLong clock = new AtomicLong();
        ProgressReporter reporter = ProgressReporter.inPlace(out::append, clock::get);
        for (long sent = 0; sent <= 1000; sent++) {
            clock.addAndGet(10_000_000); // 10 s in all
            reporter.onProgress(sent, 1000);
        }
        long redraws = out.chars().filter(c -> c == '\r').count();
        assertTrue(redraws <= 101 && redraws >= 90, "about ten a second over 10 s: " + redraws);
    }

    @Test
    void summarySplitsTheTimeAndNamesTheTransferRate() {
        // Issue 15: one clearly named figure each: the transfer rate while sending, and the total time split
        // into connect+auth, sending, and the board's apply.
        PushResult result = new PushResult(InetSocketAddress.createUnresolved("board.local", 8266), 3, 4096, 1024,
                1, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
        List<String> lines = PushSummary.lines(result);
        assertEquals("Pushed 3 files to board.local:8266 in 4.0 s: connect, authentication and metadata 1.0 s, sending 2.0 s"
                + " (transfer rate 512 B/s), the board's apply 1.0 s", lines.get(0));
        assertEquals("  4.0 KiB raw (4096 bytes), 1.0 KiB compressed (1024 bytes), ratio 25%", lines.get(1));
        assertEquals("The board answered UPDATE_SUCCESS and is rebooting.", lines.get(2));
        assertEquals("Waiting for the board to write 3 files (up to 60 s, ota.applyTimeout)",
                PushSummary.waiting(3, "60 s, ota.applyTimeout"));
    }

    @Test
    void adviceNamesPhaseWhatHappenedAndTheWayOut() {
        PushAdvice advice = new PushAdvice(new PushAdvice.OptionNames("-Dota.host", "-Dota.port",
                "-Dota.password or the <server> 'ota' in settings.xml", "-Dota.connectTimeout",
                "-Dota.connectAttempts", "-Dota.retryDelay", "-Dota.replyTimeout", "-Dota.applyTimeout",
                "-Dota.excludes or pymakr.conf py_ignore"));
        assertEquals("OTA push failed while authenticating: the device refused the password (AUTH_FAIL 3 times)."
                + " Check the password (-Dota.password or the <server> 'ota' in settings.xml): it must be the"
                + " board's OTA_PASSWORD; a previous push may have changed it (a pushed ota_config.json or config.py"
                + " sets OTA_PASSWORD at the board's next boot).",
                advice.sentence(new PushException(PushFailure.AUTHENTICATION_REFUSED, Phase.AUTHENTICATION,
                        "the device refused the password (AUTH_FAIL 3 times)")));
        String space = advice.sentence(new PushException(PushFailure.DEVICE_FAILED, Phase.PAYLOAD,
                "the device answered FAIL after accepting the metadata: it refuses an update when it has less"
                        + " than 500 bytes free"));
        assertTrue(space.startsWith("OTA push failed while sending the payload: the device answered FAIL"), space);
        assertTrue(space.endsWith("Free space on the board, or push fewer files (-Dota.excludes or pymakr.conf"
                + " py_ignore)."), space);
        String timeout = advice.sentence(new PushException(PushFailure.TIMEOUT, Phase.APPLY, "no UPDATE_SUCCESS"));
        assertTrue(timeout.contains("longer -Dota.applyTimeout"), timeout);
    }

    @Test
    void adviceLeavesOutSettingsAFrontEndDoesNotOffer() {
        PushAdvice advice = new PushAdvice(new PushAdvice.OptionNames("--host", "--port", "--password", null,
                null, null, null, null, null));
        String refused = advice.sentence(new PushException(PushFailure.CONNECTION_REFUSED, Phase.CONNECT,
                "cannot connect to x:1"));
        assertEquals("OTA push failed while connecting: cannot connect to x:1. Check that the board is powered,"
                + " on the network and running its OTA server on that port (--port).", refused);
    }
}
