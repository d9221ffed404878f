package io.github.mpota.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ConformanceCommandTest {

    @TempDir
    Path temp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private int run(Map<String, String> environment, String... args) {
        return new OtaPushCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), q -> Optional.empty(),
                () -> ProgressListener.NONE, environment).run(args);
    }

    @Test
    @Timeout(120)
    void aHardenedRuntimePassesTheAuthScenariosAndTheReportIsWritten() throws Exception {
        try (DeviceRuntime board = DeviceRuntime.builder().root(temp.resolve("board")).bindAddress("127.0.0.1")
                .port(0).password("pw").profile(Profile.HARDENED).build().start()) {
            int code = run("conformance", "--host", "127.0.0.1", "--port", Integer.toString(board.port()),
                    "--password", "pw", "--expect", "hardened", "--cases", "2.1,2.2,2.3",
                    "--report-dir", temp.resolve("reports").toString());
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(0, code, text + err);
            assertTrue(text.contains("PASS 2.3 wrong-response-gets-auth-fail-and-a-new-challenge"), text);
            assertTrue(text.contains("conformance: 3 passed, 0 failed (expect=hardened, run=safe)"), text);
        }
        assertTrue(Files.exists(temp.resolve("reports/TEST-ota-conformance-hardened-safe.xml")));
    }

    @Test
    @Timeout(120)
    void aBoardOfTheOtherKindFailsWithExitOne() throws Exception {
        try (DeviceRuntime board = DeviceRuntime.builder().root(temp.resolve("board")).bindAddress("127.0.0.1")
                .port(0).password("pw").profile(Profile.HARDENED).build().start()) {
            int code = run("conformance", "--host", "127.0.0.1", "--port", Integer.toString(board.port()),
                    "--password", "pw", "--expect", "upstream", "--cases", "4.18",
                    "--report-dir", temp.resolve("reports").toString());
            String text = out.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, text + err);
            assertTrue(text.contains("FAIL 4.18 total-not-the-sum-of-the-sizes: words: expected [challenge, OK, OK,"
                    + " OK], seen [challenge, OK, OK, FAIL]"), text);
            assertTrue(text.contains("conformance: 0 passed, 1 failed (expect=upstream, run=safe)"), text);
        }
    }

    @Test
    void aWrongExpectationSetIsAUsageError() {
        assertEquals(2, run("conformance", "--host", "x", "--expect", "newest"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ota-cli conformance: unknown expectation set"
                + " 'newest': use upstream"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDryRunListsWithoutConnecting() {
        assertEquals(0, run("conformance", "--dry-run", "--run", "full", "--cases", "7.1"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("7.1 [apply, full] nested-folder-without-its-parent"),
                out.toString(StandardCharsets.UTF_8));
    }

    /** The password comes from the same sources as the push's: a file, or OTA_PASSWORD. */
    @Test
    @Timeout(120)
    void thePasswordFileAndTheEnvironmentVariableWorkAsForThePush() throws Exception {
        Path file = temp.resolve("ota-password");
        Files.writeString(file, "pw\n");
        try (DeviceRuntime board = DeviceRuntime.builder().root(temp.resolve("board")).bindAddress("127.0.0.1")
                .port(0).password("pw").profile(Profile.HARDENED).build().start()) {
            String port = Integer.toString(board.port());
            assertEquals(0, run("conformance", "--host", "127.0.0.1", "--port", port, "--password-file",
                    file.toString(), "--expect", "hardened", "--cases", "2.1", "--report-dir",
                    temp.resolve("reports").toString()), out.toString(StandardCharsets.UTF_8) + err);
            assertEquals(0, run(Map.of("OTA_PASSWORD", "pw"), "conformance", "--host", "127.0.0.1", "--port", port,
                    "--expect", "hardened", "--cases", "2.1", "--report-dir", temp.resolve("reports").toString()),
                    out.toString(StandardCharsets.UTF_8) + err);
        }
    }

    @Test
    void withoutAnyPasswordTheErrorNamesTheSources() {
        assertEquals(2, run("conformance", "--host", "127.0.0.1", "--port", "1"));
        assertEquals("ota-cli conformance: no password and no terminal to prompt on; pass --password-file FILE or set"
                + " the environment variable OTA_PASSWORD" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run("conformance", "--host", "127.0.0.1", "--password-file", "f", "--password", "p"));
        assertEquals("ota-cli conformance: give either --password-file or --password, not both"
                + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
