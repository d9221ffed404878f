package io.github.mpota.conformance;

import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import java.util.List;

/** The results of one run, in the order the scenarios ran. */
public record ConformanceReport(ExpectationSet expect, RunMode run, List<ScenarioResult> results) {

    public long passed() {
        return results.stream().filter(ScenarioResult::passed).count();
    }

    public long failed() {
        return results.size() - passed();
    }

    public List<ScenarioResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** {@code conformance: N passed, M failed (expect=..., run=...)}. */
    public String summary() {
        return "conformance: " + passed() + " passed, " + failed() + " failed (expect=" + expect.label() + ", run="
                + run.label() + ")";
    }
}
