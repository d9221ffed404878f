package io.github.mpota.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.fleet.FleetProgressDisplay;
import io.github.mpota.runtime.DeviceRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** ota-push with several --host and --hosts-file, against device runtimes on ephemeral loopback ports. */
@Timeout(60)
class FleetCommandTest {

    @TempDir
    Path dir;

    private Path src;
    private final List<DeviceRuntime> boards = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void sources() throws Exception {
        src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
    }

    @AfterEach
    void stop() {
        boards.forEach(DeviceRuntime::close);
    }

    private String board(String name, String password) throws Exception {
        DeviceRuntime r = DeviceRuntime.builder().root(Files.createDirectories(dir.resolve(name))).port(0)
                .password(password).log(line -> { }).build().start();
        boards.add(r);
        return "127.0.0.1:" + r.port();
    }

    private int run(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new OtaPushCommand(o, new PrintStream(err, true, StandardCharsets.UTF_8), q -> Optional.empty(),
                () -> ProgressListener.NONE, n -> FleetProgressDisplay.periodic(o::println, Duration.ofHours(1),
                        System::nanoTime, n)).run(args);
    }

    @Test
    void pushesEveryBoardAndFailsNamingTheOneThatRefused() throws Exception {
        String a = board("a", "secret");
        String b = board("b", "secret");
        String c = board("c", "not-the-same");
        Path report = dir.resolve("report.json");
        int code = run("--src", src.toString(), "--password", "secret", "--host", a, "--host", b, "--host", c,
                "--report", report.toString());
        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, stdout + stderr);
        assertEquals("print('hello')\n", Files.readString(dir.resolve("a/main.py")));
        assertEquals("print('hello')\n", Files.readString(dir.resolve("b/main.py")));
        assertTrue(Files.notExists(dir.resolve("c/main.py")));
        assertTrue(stdout.contains("2 of 3 boards updated, 1 failed, 0 skipped"), stdout);
        assertTrue(stdout.lines().anyMatch(l -> l.matches(c.replace(".", "\\.") + " +FAILED +authenticating .*")),
                stdout);
        assertTrue(stderr.endsWith("ota-push: failed on 1 of 3 boards: " + c + " (authenticating)"
                + System.lineSeparator()), stderr);
        assertTrue(Files.readString(report).contains("\"result\" : \"failed\""));
    }

    @Test
    void aHostsFileNamesTheBoards() throws Exception {
        String a = board("a", "secret");
        Path hosts = dir.resolve("boards.txt");
        Files.writeString(hosts, "# the bench\n" + a + "   # left\n");
        assertEquals(0, run("--src", src.toString(), "--password", "secret", "--hosts-file", hosts.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("1 of 1 board updated, 0 failed, 0 skipped"));
    }

    @Test
    void aBadFleetOptionIsAUsageError() {
        assertEquals(2, run("--host", "a.local", "--host", "b.local", "--max-failures", "many"));
        assertEquals("ota-push: max failures must be a count (0, 2) or a percentage of the fleet (10%), was 'many'"
                + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
    }
}
