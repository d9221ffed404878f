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
        for (String flag : new String[] {"--host", "--port", "--src", "--password", "--dry-run", "--compression",
            "--compression-budget", "--password-file", "--profile", "--push-settings", "--force", "--protocol",
            "--reboot", "--keep-removed", "--changed-only", "--board-cache", "--hosts-file", "--parallel", "--canary",
            "--max-failures", "--report", "discover", "conformance"}) {
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
        assertEquals(2, run("--host", "127.0.0.1", "--verbose"));
        assertEquals("ota-push: unknown argument --verbose; see --help" + System.lineSeparator(), err());
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
    void fastCompressionIsTheProtocolVectorsThirtyEightBytes() {
        // PROTOCOL.md: these files at zlib level 9, raw, are 38 compressed bytes.
        assertEquals(0, run("--host=127.0.0.1", "--src=" + src, "--dry-run", "--compression", "fast"));
        assertTrue(out().contains("Total 38 B raw, 38 B compressed"), out());
    }

    @Test
    void aBadCompressionOrBudgetIsAUsageError() {
        assertEquals(2, run("--host", "127.0.0.1", "--compression", "max"));
        assertEquals("ota-push: --compression must be auto, best or fast, was 'max'" + System.lineSeparator(), err());
        err.reset();
        assertEquals(2, run("--host", "127.0.0.1", "--compression-budget=0"));
        assertEquals("ota-push: --compression-budget must be a number of milliseconds above 0, was '0'"
                + System.lineSeparator(), err());
    }

    @Test
    void withoutPasswordAndWithoutTerminalTheErrorSaysHow() {
        assertEquals(2, run("--host", "127.0.0.1", "--src", src.toString()));
        assertEquals("ota-push: no password and no terminal to prompt on; pass --password-file FILE or set the"
                + " environment variable OTA_PASSWORD" + System.lineSeparator(), err());
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
            // Issue 13: the client warns when a password is shorter than 12 characters.
            assertEquals("ota-push: warning: the OTA password is shorter than 12 characters (4): anyone on the board's"
                    + " network can guess it by trying; set a longer OTA_PASSWORD on the board (ota:install-server"
                    + " generates one)" + System.lineSeparator()
                    + "ota-push: OTA push failed while authenticating: the device refused the password (AUTH_FAIL"
                    + " 3 times). Check the password (--password-file, OTA_PASSWORD, --password, or type it at the"
                    + " prompt): it must be the board's OTA_PASSWORD; a previous push may have changed it (a pushed"
                    + " ota_config.json or config.py sets OTA_PASSWORD at the board's next boot)."
                    + System.lineSeparator(), err());
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
        int code = run(question -> Optional.of("long-enough-secret".toCharArray()), "--host", "127.0.0.1", "--port",
                String.valueOf(closedPort), "--src", src.toString());
        assertEquals(1, code);
        String line = err();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("ota-push: OTA push failed while connecting: cannot connect to 127.0.0.1:"
                + closedPort), line);
        assertTrue(line.contains("(--port)"), line);
    }

    /** Issue 15: the CLI as safe as the plugin; the file rules and guards are the core's. */
    @Test
    void theCliLeavesOutCachesEditorFilesAndSettingsAsThePluginDoes(@TempDir Path board) throws Exception {
        Files.createDirectories(src.resolve("__pycache__"));
        Files.writeString(src.resolve("__pycache__/main.cpython-311.pyc"), "bytecode");
        Files.createDirectories(src.resolve(".vscode"));
        Files.writeString(src.resolve(".vscode/settings.json"), "{}");
        Files.writeString(src.resolve("ota_config.json"), "{\"WIFI_SSID\": \"your-wifi-name\", \"WIFI_PASSWORD\":"
                + " \"your-wifi-password\", \"OTA_PASSWORD\": \"pw-of-sixteen-ch\", \"DEVICE_NAME\": \"b\"}");
        try (DeviceRuntime runtime = DeviceRuntime.builder().root(board).port(0).password("pw-of-sixteen-ch")
                .profile(Profile.HARDENED).log(line -> { }).build().start()) {
            assertEquals(0, run("--host", "127.0.0.1:" + runtime.port(), "--src", src.toString(), "--password",
                    "pw-of-sixteen-ch", "--protocol", "v1"), err());
            assertEquals(List.of("main.py", "lib/util.py"), runtime.awaitSession(1, Duration.ofSeconds(20))
                    .filesWritten());
            assertTrue(out().startsWith("Not pushing ota_config.json: settings files hold the WiFi and OTA passwords"
                    + " and would travel unencrypted (--push-settings sends them)"), out());
            assertTrue(out().contains("Waiting for the board to write 2 files (up to 1 min 00 s)"), out());
            assertEquals("", err());

            // Sent on purpose, install-server's placeholders are refused before anything is sent.
            assertEquals(1, run("--host", "127.0.0.1:" + runtime.port(), "--src", src.toString(), "--password",
                    "pw-of-sixteen-ch", "--push-settings"));
            assertTrue(err().contains("ota-push: warning: Pushing ota_config.json on request"), err());
            assertTrue(err().contains("still holds the placeholder \"your-wifi-name\" written by ota:install-server"),
                    err());
            assertEquals(1, runtime.sessionsBegun());
        }
    }

    @Test
    void aPushedOtaPasswordThatDiffersIsWarnedAbout(@TempDir Path board) throws Exception {
        Files.writeString(src.resolve("config.py"), "WIFI_SSID = 'home'\nWIFI_PASSWORD = 'wifi-secret'\n"
                + "OTA_PASSWORD = 'the-next-password'\n");
        try (DeviceRuntime runtime = DeviceRuntime.builder().root(board).port(0).password("pw-of-sixteen-ch")
                .profile(Profile.HARDENED).log(line -> { }).build().start()) {
            assertEquals(0, run("--host", "127.0.0.1:" + runtime.port(), "--src", src.toString(), "--password",
                    "pw-of-sixteen-ch", "--push-settings", "--protocol", "v1"), err());
            assertTrue(err().contains("ota-push: warning: Pushing config.py on request"), err());
            assertTrue(err().contains("ota-push: warning: config.py sets an OTA_PASSWORD different from the one used"
                    + " for this push"), err());
            assertEquals(2, err().lines().count(), err());
        }
    }

    @Test
    void aDryRunNeedsNoHost() {
        assertEquals(0, run("--src", src.toString(), "--dry-run"));
        assertTrue(out().startsWith("Dry run: would push 2 files from " + src + System.lineSeparator()), out());
        assertTrue(out().contains("the board needs 16384 bytes free (4 blocks of 4096"), out());
    }

    @Test
    void aPortInTheHostWinsAndTwoPortsAreRefusedInOneSentence() {
        assertEquals(0, run("--host", "127.0.0.1:9000", "--port", "8266", "--src", src.toString(), "--dry-run"));
        assertTrue(out().startsWith("Dry run: would push 2 files from " + src + " to 127.0.0.1:9000"), out());
        assertEquals(2, run("--host", "board.local:8266:8266", "--src", src.toString()));
        assertEquals("ota-push: 'board.local:8266:8266' is not HOST or HOST:PORT (one port, after a single colon; an"
                + " IPv6 address with a port is written [ADDRESS]:PORT) (--host)" + System.lineSeparator(), err());
    }

    @Test
    void aBadProfileOrProtocolIsAUsageError() {
        assertEquals(2, run("--host", "127.0.0.1", "--profile", "stock"));
        assertEquals("ota-push: --profile must be upstream or hardened, was 'stock'" + System.lineSeparator(), err());
        err.reset();
        assertEquals(2, run("--host", "127.0.0.1", "--protocol", "v3"));
        assertEquals("ota-push: --protocol must be auto or v1, was 'v3'" + System.lineSeparator(), err());
        err.reset();
        assertEquals(2, run("--host", "127.0.0.1", "--reboot", "never"));
        assertEquals("ota-push: --reboot must be changed or always, was 'never'" + System.lineSeparator(), err());
    }

    @Test
    void theDeltaOptionsAreRefusedForSeveralBoards() {
        assertEquals(2, run("--host", "127.0.0.1:1", "--host", "127.0.0.1:2", "--src", src.toString(),
                "--board-cache", "boards.json"));
        assertEquals("ota-push: --reboot, --keep-removed, --changed-only and --board-cache apply to one board; several"
                + " boards each get every file over protocol v1" + System.lineSeparator(), err());
    }

    @Test
    void aFolderTheOriginalServerCannotMakeIsRefusedBeforeSending() throws Exception {
        Files.delete(src.resolve("lib/util.py"));
        Files.createDirectories(src.resolve("lib/données"));
        Files.writeString(src.resolve("lib/données/capteur.py"), "T = 21\n");
        assertEquals(1, run("--host", "127.0.0.1:1", "--src", src.toString(), "--password", "long-enough-secret"));
        assertTrue(err().startsWith("ota-push: lib/données/capteur.py needs the folder lib/données inside lib"),
                err());
        assertTrue(err().trim().endsWith("Nothing was sent. Put a file directly in lib (an empty lib/__init__.py will"
                + " do), or run our server on the board (--profile hardened); --force pushes anyway."), err());
        assertEquals("", out());
    }

    @Test
    void theFolderGuardOnlyWarnsOnADryRunAndStandsAsideForOurServer() throws Exception {
        Files.delete(src.resolve("lib/util.py"));
        Files.createDirectories(src.resolve("lib/données"));
        Files.writeString(src.resolve("lib/données/capteur.py"), "T = 21\n");
        assertEquals(0, run("--src", src.toString(), "--dry-run"));
        assertTrue(err().startsWith("ota-push: warning: the push would stop here: lib/données/capteur.py"), err());
        err.reset();
        assertEquals(0, run("--src", src.toString(), "--dry-run", "--profile", "hardened"));
        assertEquals("", err());
    }

    @Test
    void theCompressionModeReachesAV2Push(@TempDir Path board) throws Exception {
        try (DeviceRuntime runtime = DeviceRuntime.builder().root(board).port(0).password("pw-of-sixteen-ch")
                .profile(Profile.HARDENED).log(line -> { }).build().start()) {
            assertEquals(0, run("--host", "127.0.0.1:" + runtime.port(), "--src", src.toString(), "--password",
                    "pw-of-sixteen-ch", "--compression", "fast"), err());
            assertTrue(out().contains("(protocol v2): 2 sent"), out());
            runtime.awaitReboot(1, Duration.ofSeconds(20));
            assertEquals("def f():\n    return 42\n", Files.readString(board.resolve("lib/util.py")));
        }
    }
}
