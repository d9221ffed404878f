package io.github.mpota.core.fleet;

import java.util.Locale;

/**
 * How many failed boards a fleet push tolerates before it stops starting new pushes: a count ({@code 2}) or a
 * percentage of the fleet ({@code 10%}, rounded down). Pushes already running are let finish.
 */
public record FailureBudget(int count, boolean percent) {

    public static final FailureBudget NONE = new FailureBudget(0, false);

    public FailureBudget {
        if (count < 0 || (percent && count > 100)) {
            throw new IllegalArgumentException("max failures must be 0 or more, or 0% to 100%");
        }
    }

    public static FailureBudget parse(String text) throws FleetException {
        String t = text == null ? "" : text.trim();
        boolean pct = t.endsWith("%");
        String digits = pct ? t.substring(0, t.length() - 1).trim() : t;
        try {
            int n = Integer.parseInt(digits);
            if (n >= 0 && (!pct || n <= 100)) {
                return new FailureBudget(n, pct);
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new FleetException("max failures must be a count (0, 2) or a percentage of the fleet (10%), was '"
                + text + "'");
    }

    /** The failures allowed in a fleet of {@code boards}; one more stops the push. */
    public int allowed(int boards) {
        return percent ? (int) ((long) boards * count / 100) : count;
    }

    @Override
    public String toString() {
        return count + (percent ? "%" : "");
    }

    public String describe(int boards) {
        return percent ? String.format(Locale.ROOT, "%d%% (%d of %d)", count, allowed(boards), boards)
                : String.valueOf(count);
    }
}
