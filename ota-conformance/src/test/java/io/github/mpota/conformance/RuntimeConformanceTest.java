package io.github.mpota.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import io.github.mpota.conformance.scenario.ScenarioCatalog;
import io.github.mpota.runtime.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit against the device runtime: each profile must pass its own expectation set in full, strict scenarios
 * included, with its files checked. The expectations come from the contract, so a failure here is the runtime
 * differing from the contract (or the scenario misreading it), never a reason to record the runtime's output.
 */
class RuntimeConformanceTest {

    @TempDir
    Path temp;

    @Test
    @Timeout(300)
    void upstreamProfileMeetsTheUpstreamSetInASafeRun() throws Exception {
        assertPasses(Profile.UPSTREAM, ExpectationSet.UPSTREAM, RunMode.SAFE);
    }

    @Test
    @Timeout(300)
    void upstreamProfileMeetsTheUpstreamSetInAFullRun() throws Exception {
        assertPasses(Profile.UPSTREAM, ExpectationSet.UPSTREAM, RunMode.FULL);
    }

    @Test
    @Timeout(300)
    void hardenedProfileMeetsTheHardenedSetInASafeRun() throws Exception {
        assertPasses(Profile.HARDENED, ExpectationSet.HARDENED, RunMode.SAFE);
    }

    @Test
    @Timeout(300)
    void hardenedProfileMeetsTheHardenedSetInAFullRun() throws Exception {
        assertPasses(Profile.HARDENED, ExpectationSet.HARDENED, RunMode.FULL);
    }

    private void assertPasses(Profile profile, ExpectationSet set, RunMode run) throws Exception {
        Path reports = temp.resolve("reports");
        List<String> lines = new ArrayList<>();
        try (RuntimeBoard board = new RuntimeBoard(Files.createDirectories(temp.resolve("board")), profile)) {
            ConformanceReport report = new ConformanceKit(ScenarioCatalog.load(), RuntimeBoard.printer(lines))
                    .run(board.options(set, run, reports));
            assertTrue(report.results().size() > 0);
            assertEquals(0, report.failed(), RuntimeBoard.failures(report));
            assertEquals(report.summary(), lines.get(lines.size() - 1));
            assertTrue(lines.get(lines.size() - 1).matches("conformance: \\d+ passed, 0 failed \\(expect="
                    + set.label() + ", run=" + run.label() + "\\)"), lines.get(lines.size() - 1));
        }
        String xml = Files.readString(reports.resolve("TEST-ota-conformance-" + set.label() + "-" + run.label()
                + ".xml"));
        assertTrue(xml.contains("failures=\"0\""), xml);
    }
}
