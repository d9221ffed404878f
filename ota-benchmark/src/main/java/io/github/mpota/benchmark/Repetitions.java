package io.github.mpota.benchmark;

import io.github.mpota.benchmark.corpus.ProjectSpec;

/** How often a measure is taken: warm-ups first (not counted), then the measured repetitions. */
public record Repetitions(int warmUps, int measured) {

    public Repetitions {
        if (warmUps < 0 || measured < 1) {
            throw new IllegalArgumentException("need at least one measured repetition and no negative warm-ups");
        }
    }

    /** More repetitions for small projects, whose single runs are short and noisy; few for the large one. */
    public static Repetitions packing(ProjectSpec spec) {
        if (spec.bytes() <= 1_000_000) {
            return new Repetitions(10, 15);
        }
        return spec.bytes() <= 5_000_000 ? new Repetitions(3, 7) : new Repetitions(1, 5);
    }

    /** best and auto take seconds per megabyte on a small machine: a few runs, one on the large project. */
    public static Repetitions packingBest(ProjectSpec spec) {
        if (spec.bytes() <= 1_000_000) {
            return new Repetitions(1, 5);
        }
        return spec.bytes() <= 5_000_000 ? new Repetitions(1, 3) : new Repetitions(0, 1);
    }

    /** Each push also waits for the board's reboot (half a second), so fewer. */
    public static Repetitions pushing(ProjectSpec spec) {
        return spec.bytes() <= 1_000_000 ? new Repetitions(3, 5) : new Repetitions(1, 3);
    }

    /** "1 warm-up, 3 measured". */
    public String describe() {
        return warmUps + (warmUps == 1 ? " warm-up, " : " warm-ups, ") + measured + " measured";
    }

    public int total() {
        return warmUps + measured;
    }
}
