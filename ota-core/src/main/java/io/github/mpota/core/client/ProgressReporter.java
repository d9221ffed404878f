package io.github.mpota.core.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Draws a push's progress in one of two ways: on a terminal, one line rewritten in place; in a log or a pipe
 * (batch builds, CI), a line at every further 10%, so that logs stay short and readable.
 */
public final class ProgressReporter implements ProgressListener {

    private static final int LOG_STEP_PERCENT = 10;
    /** A terminal redraw at most every 100 ms: ten a second is smooth, more only costs the terminal. */
    private static final long REDRAW_NANOS = 100_000_000L;

    private final Consumer<String> out;
    private final boolean inPlace;
    private final LongSupplier nanoClock;
    private long startNanos = -1;
    private int lastShown = -1;
    private long lastDrawNanos;
    private int lastWidth;
    private boolean finished;

    private ProgressReporter(Consumer<String> out, boolean inPlace, LongSupplier nanoClock) {
        this.out = out;
        this.inPlace = inPlace;
        this.nanoClock = nanoClock;
    }

    /** For a terminal: the line is redrawn after a carriage return, and ended with a newline at 100%. */
    public static ProgressReporter inPlace(PrintStream terminal) {
        return inPlace(text -> {
            terminal.print(text);
            terminal.flush();
        }, System::nanoTime);
    }

    /** @param raw receives text to print as is: carriage returns, the line, and the final newline */
    public static ProgressReporter inPlace(Consumer<String> raw, LongSupplier nanoClock) {
        return new ProgressReporter(raw, true, nanoClock);
    }

    /** For logs: each call of {@code lines} is one complete line. */
    public static ProgressReporter everyTenPercent(Consumer<String> lines) {
        return everyTenPercent(lines, System::nanoTime);
    }

    /** As {@link #everyTenPercent(Consumer)}, with the clock that measures rates and time left (tests pass theirs). */
    public static ProgressReporter everyTenPercent(Consumer<String> lines, LongSupplier nanoClock) {
        return new ProgressReporter(lines, false, nanoClock);
    }

    @Override
    public void onProgress(long sent, long total) {
        if (finished) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
        }
        int percent = ProgressFormat.percent(sent, total);
        boolean done = sent >= total;
        String line = ProgressFormat.line(sent, total, Duration.ofNanos(now - startNanos));
        if (inPlace) {
            // Redraw only when the percent moves, and not more than ten times a second, so that a fast link
            // does not flood the terminal; the first and the last line are always drawn.
            boolean due = lastShown < 0 || now - lastDrawNanos >= REDRAW_NANOS;
            if ((percent != lastShown && due) || done) {
                lastDrawNanos = now;
                int pad = Math.max(0, lastWidth - line.length());
                out.accept("\r" + line + " ".repeat(pad) + (done ? System.lineSeparator() : ""));
                lastWidth = line.length();
                lastShown = percent;
            }
        } else {
            int step = percent / LOG_STEP_PERCENT;
            if (step > Math.max(lastShown, 0) || (done && lastShown < 100 / LOG_STEP_PERCENT)) {
                out.accept(line);
                lastShown = step;
            }
        }
        finished = done;
    }
}
