package io.github.mpota.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.SessionOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 6: the password without {@code --password}, which every user of the machine sees in {@code ps}:
 * {@code --password-file FILE} or the environment variable OTA_PASSWORD.
 */
@Timeout(30)
class PasswordSourcesTest {

    @TempDir
    Path src;
    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void sources() throws Exception {
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
    }

    private int run(Map<String, String> env, String... args) {
        return new OtaPushCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), question -> Optional.empty(),
                () -> ProgressListener.NONE, env).run(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    /** Pushes to a board whose password is "board pw"; returns the exit code and checks the file arrived. */
    private int pushTo(Map<String, String> env, String... passwordArgs) throws Exception {
        try (DeviceRuntime board = DeviceRuntime.builder().root(work.resolve("board")).port(0).password("board pw")
                .log(line -> { }).build().start()) {
            String[] args = new String[passwordArgs.length + 6];
            System.arraycopy(new String[] {"--host", "127.0.0.1", "--port", String.valueOf(board.port()), "--src",
                src.toString()}, 0, args, 0, 6);
            System.arraycopy(passwordArgs, 0, args, 6, passwordArgs.length);
            int code = run(env, args);
            if (code == 0) {
                SessionOutcome o = board.awaitSession(1, Duration.ofSeconds(20));
                assertTrue(o.success(), o.reason());
                assertEquals("print('hello')\n", Files.readString(work.resolve("board/main.py")));
            }
            return code;
        }
    }

    @Test
    void thePasswordFileGivesThePassword() throws Exception {
        Path pw = work.resolve("board.pw");
        Files.writeString(pw, "board pw\n");
        assertEquals(0, pushTo(Map.of(), "--password-file", pw.toString()), err());
    }

    @Test
    void theEnvironmentVariableGivesThePasswordWhenNoOptionDoes() throws Exception {
        assertEquals(0, pushTo(Map.of("OTA_PASSWORD", "board pw")), err());
    }

    @Test
    void aMissingFileOrBothOptionsAreUsageErrors() {
        Path missing = work.resolve("nope.pw");
        assertEquals(2, run(Map.of(), "--host", "127.0.0.1", "--src", src.toString(), "--password-file",
                missing.toString()));
        assertEquals("ota-push: password file " + missing + " does not exist", err());
        err.reset();
        assertEquals(2, run(Map.of(), "--host", "127.0.0.1", "--password-file", "x", "--password", "y"));
        assertEquals("ota-push: give either --password-file or --password, not both", err());
    }

    @Test
    void theUsageRecommendsTheFileAndTheEnvironmentAndTheArgumentsNeverPrintThePassword() throws Exception {
        assertTrue(CliArguments.USAGE.contains("--password-file FILE read the board's OTA password from the first"
                + " line of FILE (recommended)"), CliArguments.USAGE);
        assertTrue(CliArguments.USAGE.contains("prefer --password-file or the environment variable OTA_PASSWORD"));
        CliArguments a = CliArguments.parse("--host", "h", "--password", "hunter2");
        assertFalse(a.toString().contains("hunter2"), a.toString());
    }
}
