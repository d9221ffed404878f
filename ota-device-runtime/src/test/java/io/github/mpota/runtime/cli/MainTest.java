package io.github.mpota.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line: READY on standard output, --once exit codes, one line and exit 2 for bad options. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MainTest {

    @TempDir
    Path dir;

    private static String[] errorLineOf(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true), new PrintStream(err, true));
        return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8), out.toString()};
    }

    @Test
    void badOptionsAreOneLineAndExitCodeTwo() {
        String root = dir.resolve("b").toString();
        String[][] cases = {
            {"ota-device-runtime: missing --root DIR: the folder that is the board's filesystem\n", "--port", "0"},
            {"ota-device-runtime: --port: 'x' is not a port number from 0 to 65535 (0 picks a free one)\n",
                "--root", root, "--port", "x"},
            {"ota-device-runtime: --board: unknown board 'uno': use one of esp32, esp8266, rp2-pico, rp2-pico-w, or"
                + " give the filesystem size in bytes\n", "--root", root, "--board", "uno"},
            {"ota-device-runtime: --profile: unknown profile 'strict': use upstream or hardened\n",
                "--root", root, "--profile", "strict"},
            {"ota-device-runtime: give either --board or --free-bytes, not both\n",
                "--root", root, "--board", "esp32", "--free-bytes", "100000"},
            {"ota-device-runtime: unknown option '--bogus' (see --help)\n", "--root", root, "--bogus"},
            {"ota-device-runtime: --free-bytes 1000 is not a multiple of the block size (512 bytes): a filesystem"
                + " reports whole free blocks; use 512 or 1024, or change --block-size\n",
                "--root", root, "--free-bytes", "1000", "--block-size", "512"},
            {"ota-device-runtime: --block-size: '0' is not a block size in bytes (1 or more; 4096 for littlefs, 512"
                + " for FAT)\n", "--root", root, "--block-size", "0"},
            {"ota-device-runtime: OTA_PASSWORD is missing: the OTA server cannot start without it; set OTA_PASSWORD"
                + " in the configuration file or give the password as an option (--password)\n", "--root", root},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            String[] result = errorLineOf(args);
            assertEquals("2", result[0], String.join(" ", args));
            assertEquals(c[0].replace("\n", System.lineSeparator()), result[1]);
            assertEquals("", result[2]);
        }
    }

    @Test
    void freeBytesMayBeZeroOrAnyMultipleOfTheBlockSize() throws UsageException {
        assertEquals(0L, CliOptions.parse(new String[] {"--root", "r", "--free-bytes", "0"}).freeBytes);
        CliOptions sd = CliOptions.parse(new String[] {"--root", "r", "--free-bytes", "1536", "--block-size", "512"});
        assertEquals(1536L, sd.freeBytes);
        assertEquals(512, sd.blockSize);
        assertEquals(1001L, CliOptions.parse(new String[] {"--root", "r", "--free-bytes", "1001", "--block-size=1"})
                .freeBytes);
    }

    @Test
    void helpPrintsTheUsage() {
        String[] result = errorLineOf("--help");
        assertEquals("0", result[0]);
        assertTrue(result[2].startsWith("Usage: java -jar ota-device-runtime-1.0.0-all.jar --root DIR"));
    }

    @Test
    void onceExitsZeroAfterAPushFromTheIndependentPythonPeer() throws Exception {
        Path peer = Path.of("..", "ota-core", "src", "test", "python", "ota_peer.py").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(peer), "the Python peer is not in the tree: " + peer);
        assumeTrue(pythonAvailable(), "python3 is not installed");
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("main.py"), "print('hello')\n");
        Files.createDirectories(src.resolve("lib"));
        Files.writeString(src.resolve("lib/util.py"), "def f():\n    return 42\n");
        Path root = dir.resolve("board");
        Path transcript = dir.resolve("t.jsonl");

        PipedInputStream stdout = new PipedInputStream();
        PrintStream out = new PrintStream(new PipedOutputStream(stdout), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {
            "--root", root.toString(), "--port", "0", "--password", "secret", "--board", "rp2-pico-w",
            "--profile", "upstream", "--once", "--transcript", transcript.toString()},
                out, new PrintStream(err, true)));
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        String ready = lines.readLine();
        assertTrue(ready != null && ready.matches("READY \\d+"), String.valueOf(ready));
        String port = ready.substring("READY ".length());

        Process p = new ProcessBuilder("python3", peer.toString(), "client", "--host", "127.0.0.1", "--port", port,
                "--src", src.toString(), "--password", "secret").redirectErrorStream(true).start();
        String peerOutput = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), peerOutput);
        assertEquals(0, exit.get(30, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
        assertEquals("def f():\n    return 42\n", Files.readString(root.resolve("lib/util.py")));
        assertTrue(Files.readString(transcript).contains("\"event\":\"reboot\""));
    }

    @Test
    void onceExitsOneAfterAFailedUpdate() throws Exception {
        PipedInputStream stdout = new PipedInputStream();
        PrintStream out = new PrintStream(new PipedOutputStream(stdout), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {
            "--root", dir.resolve("board").toString(), "--port", "0", "--password", "secret", "--once"},
                out, new PrintStream(err, true)));
        String ready = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
        int port = Integer.parseInt(ready.substring("READY ".length()));
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.getInputStream().readNBytes(8);
            s.getOutputStream().write("0".repeat(64).getBytes(StandardCharsets.US_ASCII));
            s.getInputStream().readNBytes(9);
        }
        assertEquals(1, exit.get(30, TimeUnit.SECONDS));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the update failed"));
    }

    private static boolean pythonAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
