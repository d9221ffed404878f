package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ConformanceMojoTest {

    private static final String PASSWORD = "mojo-conformance";

    @TempDir
    Path temp;

    private final RecordingLog log = new RecordingLog();
    private DeviceRuntime runtime;

    @BeforeEach
    void start() throws Exception {
        runtime = DeviceRuntime.builder().root(temp.resolve("board")).bindAddress("127.0.0.1").port(0)
                .password(PASSWORD).profile(Profile.HARDENED).log(line -> { }).build().start();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private ConformanceMojo mojo(String expect, String... cases) {
        ConformanceMojo m = new ConformanceMojo();
        m.setLog(log);
        m.host = "127.0.0.1";
        m.port = runtime.port();
        m.expect = expect;
        m.conformance = "safe";
        m.cases = List.of(cases);
        m.serverId = "ota";
        m.reportDirectory = temp.resolve("reports").toFile();
        m.prompt = question -> Optional.of(PASSWORD.toCharArray());
        return m;
    }

    @Test
    @Timeout(120)
    void aHardenedBoardPassesTheHardenedScenariosAndTheReportIsWritten() throws Exception {
        mojo("hardened", "2.1", "2.3", "4.18").execute();
        String text = log.text();
        assertTrue(text.contains("[INFO] PASS 4.18 total-not-the-sum-of-the-sizes"), text);
        assertTrue(text.contains("[INFO] conformance: 3 passed, 0 failed (expect=hardened, run=safe)"), text);
        assertTrue(text.contains("password from the prompt"), text);
        assertFalse(text.contains(PASSWORD), "the password is never logged");
        assertTrue(Files.readString(temp.resolve("reports/TEST-ota-conformance-hardened-safe.xml"))
                .contains("tests=\"3\" failures=\"0\""));
    }

    @Test
    @Timeout(120)
    void upstreamExpectationsAgainstAHardenedBoardFailTheBuild() throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo("upstream", "4.18").execute());
        assertTrue(e.getMessage().startsWith("conformance: 0 passed, 1 failed (expect=upstream, run=safe);"),
                e.getMessage());
        assertTrue(log.text().contains("[INFO] FAIL 4.18 total-not-the-sum-of-the-sizes: words: expected [challenge,"
                + " OK, OK, OK], seen [challenge, OK, OK, FAIL]"), log.text());
        assertTrue(Files.readString(temp.resolve("reports/TEST-ota-conformance-upstream-safe.xml"))
                .contains("<failure message=\"words: expected [challenge, OK, OK, OK], seen [challenge, OK, OK, FAIL]\""));
    }

    @Test
    void anUnknownExpectationSetIsAnErrorThatNamesTheChoices() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> mojo("newest").execute());
        assertEquals("unknown expectation set 'newest': use upstream (a board running the original OTAUpdater) or"
                + " hardened (our MicroPython server, the runtime's hardened profile) (-Dota.expect,"
                + " -Dota.conformance)", e.getMessage());
    }

    @Test
    void theDryRunListsTheScenariosWithoutAHost() throws Exception {
        ConformanceMojo m = mojo("upstream", "7");
        m.host = null;
        m.conformance = "full";
        m.dryRun = true;
        m.execute();
        assertTrue(log.text().contains("[INFO] 7.1 [apply, full] nested-folder-without-its-parent:"), log.text());
        assertEquals(0, runtime.transcript().stream().filter(ev -> ev.session() > 0).count());
    }
}
