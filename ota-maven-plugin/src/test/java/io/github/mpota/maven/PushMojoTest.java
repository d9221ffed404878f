package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.SessionOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ota:push against a device runtime on an ephemeral loopback port, the mojo built by hand. */
@Timeout(60)
class PushMojoTest {

    private static final String PASSWORD = "b0ard-s3cret";

    @TempDir
    Path src;
    @TempDir
    Path board;
    @TempDir
    Path buildDir;

    private DeviceRuntime runtime;
    private final RecordingLog log = new RecordingLog();

    @BeforeEach
    void sourcesAndBoard() throws Exception {
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
        Files.createDirectories(src.resolve("lib"));
        Files.writeString(src.resolve("lib/util.py"), "def f():\n    return 42\n");
        Files.createDirectories(src.resolve("__pycache__"));
        Files.writeString(src.resolve("__pycache__/main.cpython-311.pyc"), "bytecode");
        Files.writeString(src.resolve("notes.txt"), "not for the board");
        runtime = DeviceRuntime.builder().root(board).port(0).password(PASSWORD).profile(Profile.UPSTREAM)
                .log(line -> { }).build().start();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private PushMojo mojo(String typedPassword) {
        PushMojo m = new PushMojo();
        m.setLog(log);
        m.src = src.toFile();
        m.defaultExcludes = true;
        m.excludes = List.of("**/*.txt");
        m.host = "127.0.0.1";
        m.port = runtime.port();
        m.serverId = "ota";
        m.connectTimeout = 2000;
        m.connectAttempts = 1;
        m.retryDelay = 100;
        m.replyTimeout = 5000;
        m.applyTimeout = 20000;
        m.prompt = question -> Optional.of(typedPassword.toCharArray());
        m.profile = "upstream";
        m.progress = "auto";
        m.project = projectIn(buildDir);
        return m;
    }

    @Test
    void pushesTheSelectedFilesAndReportsASummary() throws Exception {
        mojo(PASSWORD).execute();
        SessionOutcome outcome = runtime.awaitSession(1, Duration.ofSeconds(20));
        assertTrue(outcome.success(), String.valueOf(outcome.reason()));
        assertEquals(List.of("main.py", "lib/util.py"), outcome.filesWritten());
        assertEquals("def f():\n    return 42\n", Files.readString(board.resolve("lib/util.py")));
        assertFalse(Files.exists(board.resolve("__pycache__")));
        assertFalse(Files.exists(board.resolve("notes.txt")));
        String text = log.text();
        assertTrue(text.contains("[INFO] Pushing 2 files (38 B, "), text);
        assertTrue(text.contains("password from the prompt"), text);
        assertTrue(text.matches("(?s).*\\[INFO\\] Sending (\\d+) B of \\1 B \\(100%\\).*"), "progress in batch mode: " + text);
        assertTrue(text.contains("[INFO] Pushed 2 files to 127.0.0.1:" + runtime.port()), text);
        assertTrue(text.contains("[INFO] The board answered UPDATE_SUCCESS and is rebooting."), text);
        assertFalse(text.contains(PASSWORD), "the password is never logged");
    }

    @Test
    void bestCompressionPushesTheSameFiles() throws Exception {
        PushMojo m = mojo(PASSWORD);
        m.compression = "best";
        m.execute();
        SessionOutcome outcome = runtime.awaitSession(1, Duration.ofSeconds(20));
        assertTrue(outcome.success(), String.valueOf(outcome.reason()));
        assertEquals("print('hello')\n", Files.readString(board.resolve("main.py")));
        assertEquals("def f():\n    return 42\n", Files.readString(board.resolve("lib/util.py")));
        assertTrue(log.text().contains("[DEBUG] Payload compression: best, zopfli"), log.text());
    }

    @Test
    void anUnknownCompressionOrANoBudgetIsRefusedBeforeConnecting() {
        PushMojo m = mojo(PASSWORD);
        m.compression = "smallest";
        assertEquals("compression must be auto, best or fast, was 'smallest' (-Dota.compression,"
                + " -Dota.compressionBudget)", assertThrows(MojoExecutionException.class, m::execute).getMessage());
        PushMojo n = mojo(PASSWORD);
        n.compressionBudget = 0;
        assertEquals("the compression budget must be more than 0 ms, was 0 ms (-Dota.compression,"
                + " -Dota.compressionBudget)", assertThrows(MojoExecutionException.class, n::execute).getMessage());
        assertEquals(0, runtime.transcript().stream().filter(ev -> ev.session() > 0).count(),
                "no session reached the board");
    }

    @Test
    void aWrongPasswordFailsTheBuildWithTheWayOut() {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo("wrong").execute());
        assertEquals("OTA push failed while authenticating: the device refused the password (AUTH_FAIL 3 times)."
                + " Check the password (-Dota.password, or the <server> 'ota' of settings.xml chosen by"
                + " -Dota.serverId): it must be the board's OTA_PASSWORD; a previous push may have changed it (a pushed"
                + " ota_config.json or config.py sets OTA_PASSWORD at the board's next boot).", e.getMessage());
        assertFalse(log.text().contains("wrong"));
    }

    @Test
    void dryRunListsAndSendsNothing() throws Exception {
        PushMojo m = mojo(PASSWORD);
        m.dryRun = true;
        m.execute();
        String text = log.text();
        assertTrue(text.contains("[INFO] Dry run: would push 2 files from " + src), text);
        assertTrue(text.contains("main.py") && text.contains("lib/util.py"), text);
        assertTrue(text.contains("Nothing sent."), text);
        assertTrue(text.contains("[DEBUG] Left out: notes.txt"), text);
        assertEquals(0, runtime.transcript().stream().filter(ev -> ev.session() > 0).count(),
                "no session reached the board");
    }

    @Test
    void skipDoesNothingEvenWithoutHost() throws Exception {
        PushMojo m = mojo(PASSWORD);
        m.host = null;
        m.skip = true;
        m.execute();
        assertEquals(List.of("[INFO] Skipping the OTA push (ota.skip)"), log.lines);
    }

    @Test
    void theGoalsOwnSkipPropertySkipsOnlyThatGoal() throws Exception {
        PushMojo m = mojo(PASSWORD);
        m.pushSkip = true;
        m.execute();
        assertEquals(List.of("[INFO] Skipping the OTA push (ota.push.skip)"), log.lines);
        CheckMojo check = new CheckMojo();
        check.setLog(log);
        check.checkSkip = true;
        check.execute();
        assertEquals("[INFO] Skipping the OTA check (ota.check.skip)", log.lines.get(1));
    }

    @Test
    void theBoardsSettingsStayBehindUnlessAskedAndSayWhy() throws Exception {
        Files.writeString(src.resolve("ota_config.json"), "{\"WIFI_SSID\": \"greenhouse\", \"WIFI_PASSWORD\":"
                + " \"wifi-pass-123\", \"OTA_PASSWORD\": \"a-new-password-for-later\", \"DEVICE_NAME\": \"pm\"}");
        mojo(PASSWORD).execute();
        assertEquals(List.of("main.py", "lib/util.py"), runtime.awaitSession(1, Duration.ofSeconds(20)).filesWritten());
        assertTrue(log.lines.contains("[INFO] Not pushing ota_config.json: settings files hold the WiFi and OTA"
                + " passwords and would travel unencrypted (-Dota.pushSettings=true sends them)"), log.text());
        // Issue 13: short passwords are warned about (the test board's has 12 characters: none here).
        assertFalse(log.text().contains("shorter than 12"), log.text());

        log.lines.clear();
        PushMojo m = mojo(PASSWORD);
        m.pushSettings = true;
        m.execute();
        assertEquals(List.of("main.py", "ota_config.json", "lib/util.py"),
                runtime.awaitSession(2, Duration.ofSeconds(20)).filesWritten());
        String text = log.text();
        assertTrue(text.contains("[WARNING] Pushing ota_config.json on request: it holds the board's WiFi and OTA"
                + " passwords, which travel unencrypted"), text);
        // Issue 15: the password change trap is named before anything is sent.
        assertTrue(text.indexOf("[WARNING] ota_config.json sets an OTA_PASSWORD different from the one used for"
                + " this push") < text.indexOf("[INFO] Pushing 3 files"), text);
    }

    @Test
    void aShortPasswordIsWarnedAbout() throws Exception {
        runtime.close();
        runtime = DeviceRuntime.builder().root(board).port(0).password("short").profile(Profile.UPSTREAM)
                .log(line -> { }).build().start();
        mojo("short").execute();
        assertTrue(log.text().contains("[WARNING] The OTA password is shorter than 12 characters (5): anyone on"
                + " the board's network can guess it"), log.text());
    }

    @Test
    void aDryRunNeedsNoHostAndGivesTheBlockAccurateNeed() throws Exception {
        PushMojo m = mojo(PASSWORD);
        m.host = null;
        m.dryRun = true;
        m.execute();
        String text = log.text();
        assertTrue(text.contains("[INFO] Dry run: would push 2 files from " + src + "\n"), text);
        // main.py and lib/util.py a block each, the folder lib one, the payload one: 4 blocks of 4096.
        assertTrue(text.contains("the board needs 16384 bytes free (4 blocks of 4096 for the files, their folders and"
                + " the received payload on the reference server; its own check before the payload asks for "), text);
        assertTrue(text.contains("Nothing sent."), text);
    }

    @Test
    void aHostWithItsPortIsAccepted() throws Exception {
        PushMojo m = mojo(PASSWORD);
        m.host = "127.0.0.1:" + runtime.port();
        m.port = 8266;
        m.execute();
        assertTrue(runtime.awaitSession(1, Duration.ofSeconds(20)).success());
        assertTrue(log.text().contains("to 127.0.0.1:" + runtime.port() + ", password from"), log.text());
        PushMojo bad = mojo(PASSWORD);
        bad.host = "127.0.0.1:" + runtime.port() + ":8266";
        MojoExecutionException e = assertThrows(MojoExecutionException.class, bad::execute);
        assertEquals("'127.0.0.1:" + runtime.port() + ":8266' is not HOST or HOST:PORT (one port, after a single"
                + " colon; an IPv6 address with a port is written [ADDRESS]:PORT) (-Dota.host)", e.getMessage());
    }

    @Test
    void aFolderTheOriginalServerCannotMakeStopsThePushBeforeAnythingIsSent() throws Exception {
        // Issue 15: lib/données/capteur.py with nothing directly in lib/.
        Files.delete(src.resolve("lib/util.py"));
        Files.createDirectories(src.resolve("lib/données"));
        Files.writeString(src.resolve("lib/données/capteur.py"), "T = 21\n");
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(PASSWORD).execute());
        assertTrue(e.getMessage().startsWith("lib/données/capteur.py needs the folder lib/données inside lib, which"
                + " has no file of its own"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was sent. Put a file directly in lib (an empty lib/__init__.py"
                + " will do), or install our server on the board (mvn ota:install-server, then"
                + " -Dota.profile=hardened); -Dota.force=true pushes anyway."), e.getMessage());
        assertEquals(0, runtime.transcript().stream().filter(ev -> ev.session() > 0).count(), "nothing sent");

        PushMojo dry = mojo(PASSWORD);
        dry.dryRun = true;
        dry.execute();
        assertTrue(log.text().contains("[WARNING] The push would stop here: lib/données/capteur.py needs the folder"
                + " lib/données inside lib"), log.text());

        PushMojo forced = mojo(PASSWORD);
        forced.force = true;
        assertThrows(MojoFailureException.class, forced::execute);
        assertTrue(log.text().contains("; pushing anyway (-Dota.force=true)"), log.text());
        assertFalse(runtime.awaitSession(1, Duration.ofSeconds(20)).success(), "the original server fails there");
    }

    @Test
    void eachPushSaysWhatChangedSinceTheLastOneToThatBoard(@TempDir Path target) throws Exception {
        PushMojo first = mojo(PASSWORD);
        first.project = projectIn(target);
        first.execute();
        assertTrue(log.text().contains("[INFO] No earlier push to 127.0.0.1 recorded in "
                + target.resolve("ota-pushes")), log.text());
        runtime.awaitSession(1, Duration.ofSeconds(20));
        runtime.awaitReboot(1, Duration.ofSeconds(20));
        Files.writeString(src.resolve("main.py"), "print('changed')\n");
        Files.delete(src.resolve("lib/util.py"));
        Files.writeString(src.resolve("lib/new.py"), "N = 1\n");
        Files.writeString(src.resolve("boot.py"), "# boot\n");
        log.lines.clear();
        PushMojo second = mojo(PASSWORD);
        second.project = projectIn(target);
        second.execute();
        assertTrue(log.lines.contains("[INFO] 3 files changed, 0 unchanged, 1 no longer in the project (still on the"
                + " board: lib/util.py)"), log.text());
    }

    private static org.apache.maven.project.MavenProject projectIn(Path target) {
        org.apache.maven.project.MavenProject p = new org.apache.maven.project.MavenProject();
        p.getBuild().setDirectory(target.toString());
        return p;
    }

    @Test
    void theWaitForTheBoardIsSaidAndUnderDebugEveryStep() throws Exception {
        mojo(PASSWORD).execute();
        String text = log.text();
        assertTrue(text.contains("[INFO] Waiting for the board to write 2 files (up to 20 s, ota.applyTimeout)"), text);
        assertTrue(text.indexOf("(100%)") < text.indexOf("Waiting for the board"), text);
        assertTrue(text.contains("[DEBUG] OTA: challenge 1 received"), text);
        assertTrue(text.contains("[DEBUG] OTA: the board answered UPDATE_SUCCESS"), text);
        assertFalse(text.contains(PASSWORD), text);
    }

    @Test
    void eachConnectionRetryIsLogged() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        PushMojo m = mojo(PASSWORD);
        m.port = closedPort;
        m.connectAttempts = 2;
        m.retryDelay = 10;
        assertThrows(MojoFailureException.class, m::execute);
        assertTrue(log.text().contains("[INFO] Attempt 1/2: cannot connect to 127.0.0.1:" + closedPort + ": "), log.text());
        assertTrue(log.text().contains("; retrying in 10 ms"), log.text());
    }

    @Test
    void theProgressDisplayCanBeSwitchedOff() throws Exception {
        PushMojo m = mojo(PASSWORD);
        m.progress = "none";
        m.execute();
        assertFalse(log.text().contains("Sending "), log.text());
        PushMojo bad = mojo(PASSWORD);
        bad.progress = "fancy";
        assertEquals("-Dota.progress=fancy is not a progress display: use auto, plain or none",
                assertThrows(MojoExecutionException.class, bad::execute).getMessage());
        assertTrue(MavenProgressDisplay.logFileIn("-B -l build.log ota:push"));
        assertTrue(MavenProgressDisplay.logFileIn("--log-file=build.log"));
        assertFalse(MavenProgressDisplay.logFileIn("-B -llr -q ota:push"));
    }

    @Test
    void aBadSettingNamesOnlyThatParameter() {
        PushMojo m = mojo(PASSWORD);
        m.connectAttempts = 0;
        assertEquals("invalid OTA setting: connect attempts must be at least 1, was 0 (-Dota.connectAttempts)",
                assertThrows(MojoExecutionException.class, m::execute).getMessage());
        PushMojo t = mojo(PASSWORD);
        t.applyTimeout = -1;
        assertTrue(assertThrows(MojoExecutionException.class, t::execute).getMessage().endsWith(
                "(-Dota.applyTimeout)"));
    }

    @Test
    void aMissingHostSaysHowToGiveOne() {
        PushMojo m = mojo(PASSWORD);
        m.host = " ";
        MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
        assertEquals("no board host: pass -Dota.host=<address or name.local>, or set <host> in the plugin's"
                + " configuration", e.getMessage());
    }

    @Test
    void notEnoughSpaceNamesTheBytesAndTheWayOut() throws Exception {
        runtime.close();
        runtime = DeviceRuntime.builder().root(board).port(0).password(PASSWORD).profile(Profile.UPSTREAM)
                .capacityBytes(4096).log(line -> { }).build().start();
        Files.writeString(src.resolve("big.py"), "x = 1\n".repeat(2000));
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(PASSWORD).execute());
        assertTrue(e.getMessage().startsWith("OTA push failed while sending the payload: the device answered FAIL"
                + " after accepting the metadata: it refuses an update when it has less than "), e.getMessage());
        assertTrue(e.getMessage().contains("Free space on the board, or push fewer files (-Dota.excludes or"
                + " pymakr.conf py_ignore)."), e.getMessage());
        // Issue 15: the block-accurate figure (main.py, lib/util.py: a block each; big.py's 12000 bytes: 3; the
        // payload, under 100 bytes whatever the encoder: 1; the folder lib: 1), and the check that tells whether a
        // board has it, which asks for the payload and the files (step 8).
        Matcher sizes = Pattern.compile("\\(payload (\\d+) \\+ files (\\d+)\\)")
                .matcher(e.getMessage());
        assertTrue(sizes.find(), e.getMessage());
        long asked = Long.parseLong(sizes.group(1)) + Long.parseLong(sizes.group(2));
        assertTrue(e.getMessage().contains(" This update needs 28672 bytes free (7 blocks of 4096 for the files,"
                + " their folders and the received payload on the reference server; its own check before the"
                + " payload asks for " + asked + ")"), e.getMessage());
        assertTrue(e.getMessage().endsWith("mvn ota:check -Dota.freeBytes=N."), e.getMessage());
    }
}
