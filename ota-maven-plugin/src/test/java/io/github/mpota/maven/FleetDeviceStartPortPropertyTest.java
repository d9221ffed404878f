package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two device-start executions with their own port properties: the build of a fleet IT. */
@Timeout(30)
class FleetDeviceStartPortPropertyTest {

    @TempDir
    Path dir;

    private final MavenProject project = new MavenProject();

    @AfterEach
    void clear() {
        System.clearProperty("board.a.port");
        System.clearProperty("board.b.port");
        RunningDevices.remove(RunningDevices.keyOf(project), 0).forEach(r -> r.close());
    }

    private void start(String name) throws Exception {
        DeviceStartMojo start = new DeviceStartMojo();
        start.setLog(new RecordingLog());
        start.project = project;
        start.deviceRoot = Files.createDirectories(dir.resolve(name)).toFile();
        start.devicePort = 0;
        start.deviceBindAddress = "127.0.0.1";
        start.board = "esp32";
        start.profile = "upstream";
        start.portProperty = "board." + name + ".port";
        start.execute();
    }

    @Test
    void eachExecutionPublishesItsPortUnderItsOwnName() throws Exception {
        project.getProperties().setProperty(AbstractDeviceMojo.DEVICE_PASSWORD_PROPERTY, "pw");
        start("a");
        start("b");
        String a = project.getProperties().getProperty("board.a.port");
        String b = project.getProperties().getProperty("board.b.port");
        assertNotEquals(a, b);
        assertNull(System.getProperty("board.a.port"), "the port is the project's, not the JVM's");
        assertNull(System.getProperty("board.b.port"), "the port is the project's, not the JVM's");
        assertNull(project.getProperties().getProperty(AbstractDeviceMojo.PORT_PROPERTY));
    }
}
