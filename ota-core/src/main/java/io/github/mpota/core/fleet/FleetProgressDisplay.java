package io.github.mpota.core.fleet;

import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.fleet.BoardOutcome.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Draws a fleet push so that it stays readable with several boards at once. On a terminal: one line per board
 * in flight, redrawn in place (ANSI cursor moves), and a finished board's line stays above them. In a log (batch
 * builds, CI, a pipe): a line when a board starts and when it ends, and every {@code period} one line with the
 * count done and the percent of each board in flight.
 */
public final class FleetProgressDisplay implements FleetListener {

    private static final String CURSOR_UP = "\u001b[%dA";
    private static final String CLEAR_LINE = "\u001b[2K";

    private final Consumer<String> out;
    private final String prefix;
    private final boolean inPlace;
    private final LongSupplier nanoClock;
    private final long periodNanos;
    private final int boards;
    private final Map<Board, Integer> percent = new LinkedHashMap<>();
    private int done;
    private int drawn;
    private long lastPeriodic;

    private FleetProgressDisplay(Consumer<String> out, String prefix, boolean inPlace, LongSupplier nanoClock,
            Duration period, int boards) {
        this.out = out;
        this.prefix = prefix;
        this.inPlace = inPlace;
        this.nanoClock = nanoClock;
        this.periodNanos = period.toNanos();
        this.boards = boards;
        this.lastPeriodic = nanoClock.getAsLong();
    }

    /**
     * For a terminal.
     *
     * @param raw receives text to print as is (escape sequences and line ends included)
     * @param prefix put before every line, so that the lines align with a log's ("[INFO] ")
     */
    public static FleetProgressDisplay inPlace(Consumer<String> raw, String prefix, int boards) {
        return new FleetProgressDisplay(raw, prefix, true, System::nanoTime, Duration.ZERO, boards);
    }

    /** For logs: each call of {@code lines} is one complete line. */
    public static FleetProgressDisplay periodic(Consumer<String> lines, Duration period, LongSupplier nanoClock,
            int boards) {
        return new FleetProgressDisplay(lines, "", false, nanoClock, period, boards);
    }

    @Override
    public synchronized void started(Board board, boolean canary) {
        percent.put(board, 0);
        if (inPlace) {
            redraw(null);
        } else {
            out.accept(board.label() + ": pushing" + (canary ? " (canary)" : ""));
        }
    }

    @Override
    public synchronized void progress(Board board, long sent, long total) {
        int p = ProgressFormat.percent(sent, total);
        Integer before = percent.put(board, p);
        if (inPlace) {
            if (before == null || before != p) {
                redraw(null);
            }
        } else {
            periodicLine();
        }
    }

    @Override
    public synchronized void heartbeat() {
        if (!inPlace) {
            periodicLine();
        }
    }

    /** In a log: the count done and each board in flight, when a period has passed since the last such line. */
    private void periodicLine() {
        long now = nanoClock.getAsLong();
        if (now - lastPeriodic < periodNanos || percent.isEmpty()) {
            return;
        }
        lastPeriodic = now;
        List<String> inFlight = new ArrayList<>();
        // At 100% every byte is out and the board is inflating and writing: say so rather than "100%".
        percent.forEach((board, pc) -> inFlight.add(board.label() + " " + (pc == 100 ? "applying" : pc + "%")));
        out.accept(done + " of " + boards + " boards done; in flight: " + String.join(", ", inFlight));
    }

    @Override
    public synchronized void finished(BoardOutcome outcome) {
        percent.remove(outcome.board());
        done++;
        String line = outcome.board().label() + ": " + describe(outcome);
        if (inPlace) {
            redraw(line);
        } else {
            out.accept(line);
        }
    }

    @Override
    public synchronized void stopped(String reason) {
        String line = "Stopping the fleet push: " + reason;
        if (inPlace) {
            redraw(line);
        } else {
            out.accept(line);
        }
    }

    private static String describe(BoardOutcome o) {
        if (o.result() == Result.SUCCEEDED) {
            return "ok, " + ProgressFormat.bytes(o.bytes()) + " in " + ProgressFormat.duration(o.elapsed());
        }
        if (o.result() == Result.SKIPPED) {
            return o.message();
        }
        return "FAILED" + o.phase().map(p -> " while " + p.description()).orElse("") + " after "
                + ProgressFormat.duration(o.elapsed());
    }

    /**
     * Moves up over the in-flight lines, prints {@code permanent} (if any) and the in-flight lines again. A finished
     * board's line takes the place of its in-flight line, so the lines never get fewer and none is left over.
     */
    private void redraw(String permanent) {
        StringBuilder s = new StringBuilder();
        if (drawn > 0) {
            s.append(String.format(CURSOR_UP, drawn));
        }
        String nl = System.lineSeparator();
        if (permanent != null) {
            s.append('\r').append(CLEAR_LINE).append(prefix).append(permanent).append(nl);
        }
        for (Map.Entry<Board, Integer> e : percent.entrySet()) {
            s.append('\r').append(CLEAR_LINE).append(prefix).append(e.getKey().label()).append(": ")
                    .append(bar(e.getValue())).append(' ').append(e.getValue()).append('%').append(nl);
        }
        drawn = percent.size();
        out.accept(s.toString());
    }

    private static String bar(int percent) {
        int filled = percent / 5;
        return "[" + "#".repeat(filled) + ".".repeat(20 - filled) + "]";
    }
}
