package io.github.mpota.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.SessionOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class OtaPushCommandTest {

    @TempDir
    Path src;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void sources() throws Exception {
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
        Files.createDirectories(src.resolve("lib"));
        Files.writeString(src.resolve("lib/util.py"), "def f():\n    return 42\n");
    }

    private int run(OtaPushCommand.PasswordPrompt prompt, String... args) {
        return new OtaPushCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), prompt, () -> ProgressListener.NONE).run(args);
    }

    private int run(String... args) {
        return run(question -> Optional.empty(), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpShowsTheReferenceArguments() {
        assertEquals(0, run("--help"));
        String help = out();
        for (String flag : new String[] {"--host", "--port", "--src", "--password", "--dry-run"}) {
            assertTrue(help.contains(flag), flag);
        }
        assertTrue(help.contains("default 8266"));
        assertTrue(help.contains("default ./src"));
    }

    @Test
    void aMissingHostIsAUsageError() {
        assertEquals(2, run("--src", src.toString()));
        assertEquals("ota-push: --host is required (the board's IP address or name.local)" + System.lineSeparator(),
                err());
    }

    @Test
    void aBadPortIsAUsageError() {
        assertEquals(2, run("--host", "127.0.0.1", "--port", "http"));
        assertEquals("ota-push: --port must be a number from 1 to 65535, was 'http'" + System.lineSeparator(), err());
    }

    @Test
    void anUnknownArgumentIsAUsageError() {
        assertEquals(2, run("--host", "127.0.0.1", "--force"));
        assertEquals("ota-push: unknown argument --force; see --help" + System.lineSeparator(), err());
    }

    @Test
    void aMissingSourceFolderIsAUsageError() {
        assertEquals(2, run("--host", "127.0.0.1", "--src", src.resolve("nope").toString(), "--password", "x"));
        assertTrue(err().startsWith("ota-push: source folder "), err());
        assertTrue(err().trim().endsWith("(--src)"), err());
    }

    @Test
    void dryRunListsTheFilesInPayloadOrderAndSendsNothing() {
        assertEquals(0, run("--host=127.0.0.1", "--src=" + src, "--dry-run"));
        String text = out();
        assertTrue(text.startsWith("Dry run: would push 2 files from " + src + " to 127.0.0.1:8266"), text);
        assertTrue(text.indexOf("main.py") < text.indexOf("lib/util.py"), text);
        assertTrue(text.contains("Total 38 B raw"), text);
        assertTrue(text.contains("Nothing sent."), text);
        assertEquals("", err());
    }

    @Test
    void withoutPasswordAndWithoutTerminalTheErrorSaysHow() {
        assertEquals(2, run("--host", "127.0.0.1", "--src", src.toString()));
        assertEquals("ota-push: no password and no terminal to prompt on; pass --password" + System.lineSeparator(),
                err());
    }

    @Test
    void pushesToABoardAndPrintsTheSummary(@TempDir Path board) throws Exception {
        try (DeviceRuntime runtime = DeviceRuntime.builder().root(board).port(0).password("pw")
                .profile(Profile.HARDENED).log(line -> { }).build().start()) {
            int code = run(question -> Optional.of("pw".toCharArray()), "--host", "127.0.0.1", "--port",
                    String.valueOf(runtime.port()), "--src", src.toString(), "--protocol", "v1");
            assertEquals(0, code, err());
            SessionOutcome outcome = runtime.awaitSession(1, Duration.ofSeconds(20));
            assertEquals(List.of("main.py", "lib/util.py"), outcome.filesWritten());
            assertEquals("print('hello')\n", Files.readString(board.resolve("main.py")));
            String text = out();
            assertTrue(text.contains("Pushed 2 files to 127.0.0.1:" + runtime.port()), text);
            assertTrue(text.contains("38 B raw (38 bytes)"), text);
            assertTrue(text.contains("The board answered UPDATE_SUCCESS and is rebooting."), text);
        }
    }

    @Test
    void aRefusedPasswordExitsOneWithTheWayOut(@TempDir Path board) throws Exception {
        try (DeviceRuntime runtime = DeviceRuntime.builder().root(board).port(0).password("pw")
                .log(line -> { }).build().start()) {
            int code = run("--host", "127.0.0.1", "--port", String.valueOf(runtime.port()), "--src",
                    src.toString(), "--password", "nope", "--protocol", "v1");
            assertEquals(1, code);
            assertEquals("ota-push: OTA push failed while authenticating: the device refused the password (AUTH_FAIL"
                    + " 3 times). Check the password (--password, or type it at the prompt): it must be the"
                    + " board's OTA_PASSWORD." + System.lineSeparator(), err());
        }
    }

    @Test
    void protocolV2PushesOnlyWhatChangedAndKeepsTheBoardUpWhenNothingDid(@TempDir Path board,
            @TempDir Path cacheDir) throws Exception {
        Path cache = cacheDir.resolve("boards.json");
        try (DeviceRuntime runtime = DeviceRuntime.builder().root(board).port(0).password("pw")
                .profile(Profile.HARDENED).log(line -> { }).build().start()) {
            String port = String.valueOf(runtime.port());
            assertEquals(0, run("--host", "127.0.0.1", "--port", port, "--src", src.toString(), "--password", "pw",
                    "--board-cache", cache.toString()), err());
            assertTrue(out().contains("Delta push to 127.0.0.1:" + port + " (protocol v2): 2 sent, 0 unchanged,"
                    + " 0 removed"), out());
            runtime.awaitReboot(1, Duration.ofSeconds(20));
            assertEquals(0, run("--host", "127.0.0.1", "--port", port, "--src", src.toString(), "--password", "pw",
                    "--board-cache", cache.toString()), err());
            assertTrue(out().contains("Nothing changed on 127.0.0.1:" + port + " (protocol v2): 2 unchanged, no file"
                    + " written, no reboot"), out());
            runtime.awaitSession(2, Duration.ofSeconds(20));
            assertEquals(1, runtime.rebootCount());
        }
    }

    @Test
    void aWrongPasswordAgainstAV2BoardSaysTheBoardDidNotProveIt(@TempDir Path board) throws Exception {
        try (DeviceRuntime runtime = DeviceRuntime.builder().root(board).port(0).password("pw")
                .log(line -> { }).build().start()) {
            int code = run("--host", "127.0.0.1", "--port", String.valueOf(runtime.port()), "--src",
                    src.toString(), "--password", "nope");
            assertEquals(1, code);
            assertTrue(err().contains("board 127.0.0.1:" + runtime.port() + " did not prove the OTA password: the"
                    + " password is wrong, or this is not your board"), err());
        }
        assertFalse(Files.exists(board.resolve("main.py")));
    }

    @Test
    void aFailedPushIsOneLineAndExitCodeOne() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        int code = run(question -> Optional.of("secret".toCharArray()), "--host", "127.0.0.1", "--port",
                String.valueOf(closedPort), "--src", src.toString());
        assertEquals(1, code);
        String line = err();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("ota-push: OTA push failed while connecting: cannot connect to 127.0.0.1:"
                + closedPort), line);
        assertTrue(line.contains("(--port)"), line);
    }
}
