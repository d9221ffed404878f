package io.github.mpota.core.client;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * A push as every front end shows it: the payload's progress as the front end draws it, and around it, as lines
 * in the same words everywhere, each connection retry and the wait for the board's apply; protocol steps go to
 * the front end's debug output.
 */
public final class PushDisplay implements ProgressListener {

    private final ProgressListener progress;
    private final Consumer<String> lines;
    private final String applyTimeoutSetting;
    private final Consumer<String> steps;

    /**
     * @param progress draws the payload's progress
     * @param lines shows the retry and waiting lines
     * @param applyTimeoutSetting the setting that changes the apply timeout, named in the waiting line; null for
     *     none
     * @param steps takes each protocol step, {@code step -> { }} to drop them
     */
    public PushDisplay(ProgressListener progress, Consumer<String> lines, String applyTimeoutSetting,
            Consumer<String> steps) {
        this.progress = progress;
        this.lines = lines;
        this.applyTimeoutSetting = applyTimeoutSetting;
        this.steps = steps;
    }

    @Override
    public void onProgress(long sent, long total) {
        progress.onProgress(sent, total);
    }

    @Override
    public void onRetry(int attempt, int attempts, String reason, Duration delay) {
        lines.accept(PushSummary.retry(attempt, attempts, reason, delay));
    }

    @Override
    public void onWaitingForApply(int files, Duration timeout) {
        lines.accept(PushSummary.waiting(files, ProgressFormat.duration(timeout)
                + (applyTimeoutSetting == null ? "" : ", " + applyTimeoutSetting)));
    }

    @Override
    public void onStep(String step) {
        steps.accept(step);
    }
}
