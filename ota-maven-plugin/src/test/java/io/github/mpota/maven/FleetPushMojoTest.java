package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** ota:push with -Dota.hosts against three device runtimes on ephemeral loopback ports, the mojo built by hand. */
@Timeout(60)
class FleetPushMojoTest {

    private static final String PASSWORD = "fleet-s3cret";

    @TempDir
    Path dir;

    private final List<DeviceRuntime> boards = new ArrayList<>();
    private final RecordingLog log = new RecordingLog();
    private Path src;

    @BeforeEach
    void sources() throws Exception {
        src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
    }

    @AfterEach
    void stop() {
        boards.forEach(DeviceRuntime::close);
    }

    private DeviceRuntime board(String name, String password) throws Exception {
        DeviceRuntime r = DeviceRuntime.builder().root(Files.createDirectories(dir.resolve(name))).port(0)
                .password(password).profile(Profile.HARDENED).log(line -> { }).build().start();
        boards.add(r);
        return r;
    }

    private PushMojo mojo(List<String> hosts) {
        PushMojo m = new PushMojo();
        m.setLog(log);
        m.src = src.toFile();
        m.defaultExcludes = true;
        m.profile = "upstream";
        m.hosts = hosts;
        m.port = 8266;
        m.serverId = "ota";
        m.connectTimeout = 2000;
        m.connectAttempts = 1;
        m.retryDelay = 100;
        m.replyTimeout = 5000;
        m.applyTimeout = 20000;
        m.parallel = 4;
        m.canary = 1;
        m.maxFailures = "0";
        m.mdnsTimeout = 500;
        m.reportFile = dir.resolve("target/ota-push-report.json").toFile();
        m.prompt = question -> Optional.of(PASSWORD.toCharArray());
        return m;
    }

    private static String at(DeviceRuntime r) {
        return "127.0.0.1:" + r.port();
    }

    @Test
    void aBoardWithAnotherPasswordFailsTheBuildAndTheOthersAreUpdated() throws Exception {
        DeviceRuntime a = board("a", PASSWORD);
        DeviceRuntime b = board("b", PASSWORD);
        DeviceRuntime c = board("c", "another-password");
        PushMojo m = mojo(List.of(at(a) + "," + at(b), at(c)));
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertEquals("OTA push failed on 1 of 3 boards: " + at(c) + " (authenticating). The table above and "
                + m.reportFile + " have each board's result.", e.getMessage());
        assertEquals("print('hello')\n", Files.readString(dir.resolve("a/main.py")));
        assertEquals("print('hello')\n", Files.readString(dir.resolve("b/main.py")));
        assertTrue(Files.notExists(dir.resolve("c/main.py")));
        assertTrue(log.lines.stream().anyMatch(l -> l.matches("\\[INFO] " + at(c).replace(".", "\\.")
                + " +FAILED +authenticating +0 .*")), String.join("\n", log.lines));
        JsonNode report = new ObjectMapper().readTree(m.reportFile);
        assertEquals(2, report.at("/counts/succeeded").asInt());
        assertEquals(1, report.at("/counts/failed").asInt());
        assertEquals("authentication", report.at("/boards/2/phase").asText());
    }

    @Test
    void aFailedCanaryLeavesTheOtherBoardsUntouched() throws Exception {
        DeviceRuntime a = board("a", "another-password");
        DeviceRuntime b = board("b", PASSWORD);
        PushMojo m = mojo(List.of(at(a), at(b)));
        MojoFailureException e = assertThrows(MojoFailureException.class, m::execute);
        assertEquals("OTA push failed on 1 of 2 boards: " + at(a) + " (authenticating); 1 not started (canary "
                + at(a) + " failed). The table above and " + m.reportFile + " have each board's result.",
                e.getMessage());
        assertEquals(0, b.sessionsBegun());
    }

    @Test
    void aBoardsOwnServerInSettingsGivesItsPassword() throws Exception {
        DeviceRuntime a = board("a", PASSWORD);
        DeviceRuntime b = board("b", "bench-b-password");
        PushMojo m = mojo(List.of(at(a), at(b)));
        Server own = new Server();
        own.setId("ota-127.0.0.1:" + b.port());
        own.setPassword("bench-b-password");
        m.settings = new Settings();
        m.settings.addServer(own);
        Path security = dir.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity/>");
        m.settingsDecrypter = new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(),
                Map.of(), security.toString()));
        m.execute();
        assertEquals("print('hello')\n", Files.readString(dir.resolve("b/main.py")));
        assertTrue(log.lines.contains("[INFO]   password from <server> 'ota-127.0.0.1:" + b.port()
                + "' in settings.xml: " + at(b)), String.join("\n", log.lines));
        assertTrue(log.lines.contains("[INFO]   password from the prompt: " + at(a)), String.join("\n", log.lines));
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("[INFO] 2 of 2 boards updated, 0 failed, 0 skipped")));
    }

    @Test
    void badFleetSettingsAreNamed() {
        PushMojo m = mojo(List.of("127.0.0.1:1"));
        m.maxFailures = "some";
        MojoExecutionException e = assertThrows(MojoExecutionException.class, m::execute);
        assertEquals("max failures must be a count (0, 2) or a percentage of the fleet (10%), was 'some'"
                + " (-Dota.hosts, -Dota.hostsFile, -Dota.parallel, -Dota.canary, -Dota.maxFailures)", e.getMessage());
        PushMojo both = mojo(List.of("127.0.0.1:1"));
        both.host = "127.0.0.1";
        e = assertThrows(MojoExecutionException.class, both::execute);
        assertTrue(e.getMessage().startsWith("both ota.host and ota.hosts/ota.hostsFile are set"));
    }
}
