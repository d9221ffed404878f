package io.github.mpota.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import io.github.mpota.conformance.scenario.Scenario;
import io.github.mpota.conformance.scenario.ScenarioCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScenarioCatalogTest {

    private final ScenarioCatalog catalog = ScenarioCatalog.load();

    @Test
    void everyExpectationSetHasAtLeastEightyScenariosInEveryGroup() {
        for (ExpectationSet set : ExpectationSet.values()) {
            long n = catalog.all().stream().filter(s -> s.expect().of(set) != null).count();
            assertTrue(n >= 80, set.label() + " has only " + n + " scenarios");
        }
        Set<String> groups = catalog.all().stream().map(Scenario::group).collect(Collectors.toSet());
        assertEquals(Set.of("auth", "header", "metadata", "space", "payload", "apply", "connection", "timing"), groups);
    }

    @Test
    void safeRunsLeaveOutEveryScenarioThatWritesOrReboots() {
        List<Scenario> safe = catalog.select(List.of(), RunMode.SAFE, true, Set.of("freeBytes"));
        assertTrue(safe.stream().noneMatch(Scenario::full));
        assertTrue(safe.stream().allMatch(s -> !s.expect().of(ExpectationSet.UPSTREAM).rebootExpected()
                && !s.expect().of(ExpectationSet.HARDENED).rebootExpected()));
        assertTrue(catalog.select(List.of(), RunMode.FULL, true, Set.of()).stream().anyMatch(Scenario::full));
    }

    @Test
    void idsSelectBySectionPrefixAndStrictOnesOnlyOnRequest() {
        List<String> ids = catalog.select(List.of("3.1", "2"), RunMode.SAFE, false, Set.of()).stream()
                .map(Scenario::id).toList();
        assertTrue(ids.contains("3.1") && ids.contains("2.1") && !ids.contains("3.10") && !ids.contains("2.11"), ids
                .toString());
        assertTrue(catalog.select(List.of("2"), RunMode.SAFE, true, Set.of()).stream().anyMatch(Scenario::strict));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.select(List.of("99.1"), RunMode.SAFE, false, Set.of()));
        assertEquals("no scenario has the id 99.1 (the dry run lists them)", e.getMessage());
    }

    @Test
    void theDryRunListsEachScenarioAndCountsThem() {
        List<String> lines = new ArrayList<>();
        new ConformanceKit(catalog, lines::add).dryRun(ConformanceOptions.of("", 8266, null, ExpectationSet.UPSTREAM)
                .withIds(List.of("3.2")));
        assertEquals("3.2 [header, safe] length-of-letters-fails: Failures: a length field that is not an integer"
                + " gets FAIL, and the device closes.", lines.get(0));
        assertTrue(lines.get(1).startsWith("conformance: 1 scenarios would run (expect=upstream, run=safe"),
                lines.get(1));
    }
}
