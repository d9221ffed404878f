package io.github.mpota.core.fleet;

import java.util.List;
import java.util.Objects;

/**
 * How a fleet is pushed.
 *
 * @param boards in order; the first {@code canary} of them go first
 * @param parallel how many pushes run at once
 * @param canary how many boards are pushed first; the others start only when all of them succeeded
 * @param maxFailures failures tolerated before no further push is started
 */
public record FleetPlan(List<Board> boards, int parallel, int canary, FailureBudget maxFailures) {

    public FleetPlan {
        boards = List.copyOf(boards);
        Objects.requireNonNull(maxFailures, "maxFailures");
    }

    /** Checks the numbers, with messages that name the setting through {@code names}. */
    public static FleetPlan of(List<Board> boards, int parallel, int canary, FailureBudget maxFailures,
            SettingNames names) throws FleetException {
        if (boards.isEmpty()) {
            throw new FleetException("no boards to push to");
        }
        if (parallel < 1) {
            throw new FleetException(names.parallel() + " must be 1 or more, was " + parallel);
        }
        if (canary < 0) {
            throw new FleetException(names.canary() + " must be 0 or more, was " + canary);
        }
        return new FleetPlan(boards, parallel, Math.min(canary, boards.size()), maxFailures);
    }

    /** How a front end spells the plan's settings, for its error messages and the report. */
    public record SettingNames(String parallel, String canary, String maxFailures) {
    }
}
