package io.github.mpota.conformance;

import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * What a run needs to know.
 *
 * @param host the board's address
 * @param port its OTA port
 * @param password its OTA password
 * @param expect the kind of board it must behave as
 * @param run safe or full
 * @param strict whether the strict scenarios run too
 * @param ids the scenario ids (or prefixes) to run; empty for all
 * @param boardRoot the board's filesystem as a local folder, when the kit can see it (a device runtime, a
 *     harness), else null: the files are then not checked
 * @param freeBytes the free space the board reports, when known: the scenarios at the exact space boundary need it
 * @param window how long the kit waits for a word or the end of a connection
 * @param rebootBound how long a board may take to come back after a reboot
 * @param watch how reboots are seen; null for {@link ListenerProbe}
 * @param reportDir where the JUnit XML goes, or null for none
 */
public record ConformanceOptions(String host, int port, String password, ExpectationSet expect, RunMode run,
        boolean strict, List<String> ids, Path boardRoot, OptionalLong freeBytes, Duration window,
        Duration rebootBound, BoardWatch watch, Path reportDir) {

    /** The kit's defaults: the safe run, no strict scenarios, a 20 s window, 60 s for a reboot. */
    public static ConformanceOptions of(String host, int port, String password, ExpectationSet expect) {
        return new ConformanceOptions(host, port, password, expect, RunMode.SAFE, false, List.of(), null,
                OptionalLong.empty(), Duration.ofSeconds(20), Duration.ofSeconds(60), null, null);
    }

    public ConformanceOptions withPassword(String p) {
        return new ConformanceOptions(host, port, p, expect, run, strict, ids, boardRoot, freeBytes, window,
                rebootBound, watch, reportDir);
    }

    public ConformanceOptions withRun(RunMode r) {
        return new ConformanceOptions(host, port, password, expect, r, strict, ids, boardRoot, freeBytes, window,
                rebootBound, watch, reportDir);
    }

    public ConformanceOptions withStrict(boolean s) {
        return new ConformanceOptions(host, port, password, expect, run, s, ids, boardRoot, freeBytes, window,
                rebootBound, watch, reportDir);
    }

    public ConformanceOptions withIds(List<String> i) {
        return new ConformanceOptions(host, port, password, expect, run, strict, List.copyOf(i), boardRoot, freeBytes,
                window, rebootBound, watch, reportDir);
    }

    public ConformanceOptions withBoardRoot(Path root) {
        return new ConformanceOptions(host, port, password, expect, run, strict, ids, root, freeBytes, window,
                rebootBound, watch, reportDir);
    }

    public ConformanceOptions withFreeBytes(OptionalLong free) {
        return new ConformanceOptions(host, port, password, expect, run, strict, ids, boardRoot, free, window,
                rebootBound, watch, reportDir);
    }

    public ConformanceOptions withWatch(BoardWatch w) {
        return new ConformanceOptions(host, port, password, expect, run, strict, ids, boardRoot, freeBytes, window,
                rebootBound, w, reportDir);
    }

    public ConformanceOptions withReportDir(Path dir) {
        return new ConformanceOptions(host, port, password, expect, run, strict, ids, boardRoot, freeBytes, window,
                rebootBound, watch, dir);
    }

    public ConformanceOptions withWindow(Duration w) {
        return new ConformanceOptions(host, port, password, expect, run, strict, ids, boardRoot, freeBytes, w,
                rebootBound, watch, reportDir);
    }
}
