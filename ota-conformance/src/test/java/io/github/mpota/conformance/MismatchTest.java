package io.github.mpota.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.conformance.scenario.Expectation;
import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import io.github.mpota.conformance.scenario.Scenario;
import io.github.mpota.conformance.scenario.ScenarioCatalog;
import io.github.mpota.runtime.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit must catch a board of the wrong kind: upstream expectations against a hardened board fail on the
 * scenarios where the two sets tell the boards apart, and on no scenario where they agree.
 */
class MismatchTest {

    @TempDir
    Path temp;

    @Test
    @Timeout(400)
    void upstreamExpectationsFailAgainstAHardenedBoardExactlyWhereTheSetsDiffer() throws Exception {
        List<Scenario> all = ScenarioCatalog.load().all();
        Set<String> differ = new TreeSet<>(ScenarioCatalog::compareIds);
        Set<String> mustFail = new TreeSet<>(ScenarioCatalog::compareIds);
        for (Scenario s : all) {
            Expectation up = s.expect().of(ExpectationSet.UPSTREAM);
            Expectation hard = s.expect().of(ExpectationSet.HARDENED);
            if (!up.equals(hard)) {
                differ.add(s.id());
                if (tellsApart(up, hard)) {
                    mustFail.add(s.id());
                }
            }
        }
        ConformanceReport report;
        try (RuntimeBoard board = new RuntimeBoard(Files.createDirectories(temp.resolve("board")), Profile.HARDENED)) {
            ConformanceOptions o = board.options(ExpectationSet.UPSTREAM, RunMode.FULL, temp.resolve("reports"))
                    .withIds(all.stream().map(Scenario::id).toList());
            report = new ConformanceKit(ScenarioCatalog.load(), RuntimeBoard.printer(new ArrayList<>())).run(o);
        }
        Set<String> failed = new TreeSet<>(ScenarioCatalog::compareIds);
        report.failures().forEach(r -> failed.add(r.scenario().id()));
        Set<String> missed = new TreeSet<>(mustFail);
        missed.removeAll(failed);
        Set<String> spurious = new TreeSet<>(failed);
        spurious.removeAll(differ);
        System.out.println("Scenarios that tell an upstream board from a hardened one, failed as expected: " + failed);
        assertEquals(Collections.emptySet(), missed, "scenarios whose expectations tell the boards apart but passed: "
                + missed + "\n" + RuntimeBoard.failures(report));
        assertEquals(Collections.emptySet(), spurious, "scenarios that expect the same of both boards but failed: "
                + spurious + "\n" + RuntimeBoard.failures(report));
        assertTrue(failed.size() >= 40, "only " + failed.size() + " scenarios tell the kinds apart: " + failed);
    }

    /** Whether no single observation can satisfy both: different words, reboot or files, or ends with nothing in common. */
    private static boolean tellsApart(Expectation a, Expectation b) {
        List<List<String>> wa = words(a);
        List<List<String>> wb = words(b);
        boolean wordsOverlap = wa.stream().anyMatch(wb::contains);
        boolean endsOverlap = a.end().stream().anyMatch(b.end()::contains);
        boolean filesDiffer = a.files() != null && b.files() != null && !a.files().equals(b.files());
        return !wordsOverlap || !endsOverlap || a.rebootExpected() != b.rebootExpected() || filesDiffer;
    }

    private static List<List<String>> words(Expectation e) {
        List<List<String>> all = new ArrayList<>();
        all.add(e.words());
        if (e.orWords() != null) {
            all.addAll(e.orWords());
        }
        return all;
    }
}
