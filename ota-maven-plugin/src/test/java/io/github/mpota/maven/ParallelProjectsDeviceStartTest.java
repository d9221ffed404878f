package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.DeviceRuntime;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn -T 2}: two projects of one session run ota:device-start at the same time. Each gets its own board, and
 * its {@code ${ota.device.port}} names that board; neither port leaks into the session or the JVM, where the other
 * project would read it.
 */
@Timeout(30)
class ParallelProjectsDeviceStartTest {

    @TempDir
    Path dir;

    @SuppressWarnings("deprecation")
    private final MavenSession session = new MavenSession(null, new DefaultMavenExecutionRequest(),
            new DefaultMavenExecutionResult(), List.of());
    private MavenProject alpha;
    private MavenProject beta;

    @BeforeEach
    void twoProjects() {
        alpha = project("alpha");
        beta = project("beta");
    }

    @AfterEach
    void stopBoards() {
        for (MavenProject p : List.of(alpha, beta)) {
            RunningDevices.remove(RunningDevices.keyOf(p), 0).forEach(DeviceRuntime::close);
        }
    }

    private MavenProject project(String artifactId) {
        Model model = new Model();
        model.setGroupId("example");
        model.setArtifactId(artifactId);
        model.setVersion("1");
        MavenProject project = new MavenProject(model);
        project.setFile(new File(dir.toFile(), artifactId + "/pom.xml"));
        project.getProperties().setProperty(AbstractDeviceMojo.DEVICE_PASSWORD_PROPERTY, "pw");
        return project;
    }

    private DeviceStartMojo start(MavenProject project) throws Exception {
        DeviceStartMojo start = new DeviceStartMojo();
        start.setLog(new RecordingLog());
        start.session = session;
        start.project = project;
        start.deviceRoot = Files.createDirectories(dir.resolve(project.getArtifactId() + "-board")).toFile();
        start.devicePort = 0;
        start.deviceBindAddress = "127.0.0.1";
        start.board = "esp32";
        start.profile = "upstream";
        start.portProperty = AbstractDeviceMojo.PORT_PROPERTY;
        return start;
    }

    @Test
    void twoProjectsBuiltInParallelEachGetTheirOwnBoardAndPort() throws Exception {
        DeviceStartMojo a = start(alpha);
        DeviceStartMojo b = start(beta);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> fa = threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                a.execute();
                return null;
            });
            Future<?> fb = threads.submit(() -> {
                together.await(10, TimeUnit.SECONDS);
                b.execute();
                return null;
            });
            fa.get(20, TimeUnit.SECONDS);
            fb.get(20, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        String alphaPort = alpha.getProperties().getProperty(AbstractDeviceMojo.PORT_PROPERTY);
        String betaPort = beta.getProperties().getProperty(AbstractDeviceMojo.PORT_PROPERTY);
        assertNotEquals(alphaPort, betaPort);
        assertNull(session.getUserProperties().getProperty(AbstractDeviceMojo.PORT_PROPERTY),
                "a port in the session's user properties would win over each project's own");
        assertNull(System.getProperty(AbstractDeviceMojo.PORT_PROPERTY));

        // Each project's device-stop finds its own board, the one on the port its property names.
        List<DeviceRuntime> alphaBoards = RunningDevices.remove(RunningDevices.keyOf(alpha), 0);
        List<DeviceRuntime> betaBoards = RunningDevices.remove(RunningDevices.keyOf(beta), 0);
        try {
            assertEquals(1, alphaBoards.size());
            assertEquals(1, betaBoards.size());
            assertEquals(alphaPort, String.valueOf(alphaBoards.get(0).port()));
            assertEquals(betaPort, String.valueOf(betaBoards.get(0).port()));
            assertTrue(alphaBoards.get(0).flash().root().toString().contains("alpha-board"));
            assertTrue(betaBoards.get(0).flash().root().toString().contains("beta-board"));
        } finally {
            alphaBoards.forEach(DeviceRuntime::close);
            betaBoards.forEach(DeviceRuntime::close);
        }
    }
}
