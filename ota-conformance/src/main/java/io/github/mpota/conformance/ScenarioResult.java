package io.github.mpota.conformance;

import io.github.mpota.conformance.scenario.Scenario;
import java.util.List;

/**
 * One scenario's outcome.
 *
 * @param differences what differed from the expectation, one sentence each; empty when it passed
 * @param observation what the kit saw, or null when it could not run the scenario
 */
public record ScenarioResult(Scenario scenario, List<String> differences, Observation observation, long millis) {

    public boolean passed() {
        return differences.isEmpty();
    }

    /** The line the runners print. */
    public String line() {
        String head = scenario.id() + " " + scenario.name();
        return passed() ? "PASS " + head : "FAIL " + head + ": " + String.join("; ", differences);
    }
}
