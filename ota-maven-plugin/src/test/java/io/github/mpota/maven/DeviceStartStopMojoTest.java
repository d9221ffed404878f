package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.runtime.DeviceRuntime;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class DeviceStartStopMojoTest {

    @TempDir
    Path root;

    private final RecordingLog log = new RecordingLog();
    private final MavenProject project = new MavenProject();

    @AfterEach
    void clear() {
        System.clearProperty(AbstractDeviceMojo.PORT_PROPERTY);
        System.clearProperty(AbstractDeviceMojo.DEVICE_PASSWORD_PROPERTY);
        RunningDevices.remove(RunningDevices.keyOf(project), 0).forEach(r -> r.close());
    }

    @Test
    void startPublishesThePortAndStopClosesIt() throws Exception {
        project.getProperties().setProperty(AbstractDeviceMojo.DEVICE_PASSWORD_PROPERTY, "pw");
        DeviceStartMojo start = new DeviceStartMojo();
        start.setLog(log);
        start.project = project;
        start.deviceRoot = root.toFile();
        start.devicePort = 0;
        start.deviceBindAddress = "127.0.0.1";
        start.board = "esp8266";
        start.profile = "hardened";
        start.execute();

        String port = project.getProperties().getProperty(AbstractDeviceMojo.PORT_PROPERTY);
        assertNull(System.getProperty(AbstractDeviceMojo.PORT_PROPERTY), "the port is the project's, not the JVM's");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port))) {
            byte[] challenge = s.getInputStream().readNBytes(8);
            assertTrue(new String(challenge, StandardCharsets.US_ASCII).matches("[0-9a-f]{8}"));
        }
        assertTrue(log.text().contains("Started the device runtime on 127.0.0.1:" + port), log.text());
        assertTrue(log.text().contains("esp8266, hardened profile"), log.text());

        DeviceStopMojo stop = new DeviceStopMojo();
        stop.setLog(log);
        stop.project = project;
        stop.execute();
        assertTrue(log.text().contains("Stopped the device runtime on port " + port), log.text());
        assertThrows(ConnectException.class,
                () -> new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port)).close());
    }

    @Test
    void stopRightAfterASuccessfulPushLetsTheBoardReboot() throws Exception {
        project.getProperties().setProperty(AbstractDeviceMojo.DEVICE_PASSWORD_PROPERTY, "pw");
        DeviceStartMojo start = new DeviceStartMojo();
        start.setLog(log);
        start.project = project;
        start.deviceRoot = root.toFile();
        start.deviceBindAddress = "127.0.0.1";
        start.board = "esp32";
        start.profile = "upstream";
        start.execute();
        DeviceRuntime runtime = RunningDevices.remove(RunningDevices.keyOf(project), 0).get(0);
        RunningDevices.add(RunningDevices.keyOf(project), runtime);

        Path src = Files.createTempDirectory("ota-src");
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
        try (PackedPayload payload = new PayloadDeflater().pack(new FileSelector().select(src).files(),
                null)) {
            new OtaClient(ClientOptions.defaults("127.0.0.1", runtime.port()))
                    .push(payload, PasswordSource.of("pw"), ProgressListener.NONE);
        }
        // The board answered UPDATE_SUCCESS and waits half a second before it reboots: stop it right now.
        DeviceStopMojo stop = new DeviceStopMojo();
        stop.setLog(log);
        stop.project = project;
        stop.execute();

        assertEquals(1, runtime.rebootCount(), log.text());
        assertEquals(1, runtime.transcript().stream().filter(e -> "reboot".equals(e.type())).count());
        assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
    }

    @Test
    void stopWithoutStartWarns() throws Exception {
        DeviceStopMojo stop = new DeviceStopMojo();
        stop.setLog(log);
        stop.project = project;
        stop.execute();
        assertTrue(log.text().startsWith("[WARNING] No device runtime to stop"), log.text());
    }

    @Test
    void withoutPasswordTheErrorSaysHowToGiveOne() {
        DeviceStartMojo start = new DeviceStartMojo();
        start.setLog(log);
        start.project = project;
        start.deviceRoot = root.toFile();
        start.deviceBindAddress = "127.0.0.1";
        start.board = "esp32";
        start.profile = "upstream";
        var e = assertThrows(org.apache.maven.plugin.MojoExecutionException.class, start::execute);
        assertTrue(e.getMessage().startsWith("the device runtime cannot start: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("(set -Dota.devicePassword or -Dota.deviceConfig)"), e.getMessage());
        // Issue 15: Maven's words, not the runtime's command-line options.
        assertTrue(!e.getMessage().contains("--password") && e.getMessage().contains("as an option"
                + " (-Dota.devicePassword)"), e.getMessage());
    }
}
