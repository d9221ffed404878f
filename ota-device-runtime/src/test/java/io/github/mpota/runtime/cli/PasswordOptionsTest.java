package io.github.mpota.runtime.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.runtime.config.DeviceConfig;
import io.github.mpota.runtime.wifi.Network;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 6: the password without {@code --password} (which {@code ps} shows): {@code --password-file} and
 * the environment variable OTA_PASSWORD; and no record prints a password.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PasswordOptionsTest {

    @TempDir
    Path dir;

    /** Starts the runtime with --once, answers its challenge with {@code password}; returns the reply. */
    private String authenticate(Map<String, String> env, String password, String... options) throws Exception {
        PipedInputStream stdout = new PipedInputStream();
        PrintStream out = new PrintStream(new PipedOutputStream(stdout), true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[options.length + 5];
        System.arraycopy(new String[] {"--root", dir.resolve("board").toString(), "--port", "0", "--once"}, 0, args,
                0, 5);
        System.arraycopy(options, 0, args, 5, options.length);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> Main.run(args, env, out, new PrintStream(err, true)));
        String ready = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8)).readLine();
        assertTrue(ready != null && ready.startsWith("READY "), ready + " " + err);
        String reply;
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(ready.substring(6)))) {
            s.setSoTimeout(10_000);
            String challenge = new String(s.getInputStream().readNBytes(8), StandardCharsets.US_ASCII);
            s.getOutputStream().write(ChallengeResponse.compute(challenge, password)
                    .getBytes(StandardCharsets.US_ASCII));
            reply = new String(s.getInputStream().readNBytes(2), StandardCharsets.US_ASCII);
        }
        exit.get(30, TimeUnit.SECONDS); // the session ends without an update: --once exits
        return reply;
    }

    private static String[] usageError(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, env, new PrintStream(out, true), new PrintStream(err, true));
        return new String[] {String.valueOf(code), err.toString(StandardCharsets.UTF_8).strip()};
    }

    @Test
    void thePasswordFileGivesThePassword() throws Exception {
        Path pw = dir.resolve("board.pw");
        Files.writeString(pw, "from the file\n");
        assertEquals("OK", authenticate(Map.of(), "from the file", "--password-file", pw.toString()));
    }

    @Test
    void theEnvironmentVariableGivesThePasswordWhenNoOptionNamesOne() throws Exception {
        assertEquals("OK", authenticate(Map.of("OTA_PASSWORD", "from the environment"), "from the environment"));
        assertEquals("OK", authenticate(Map.of("OTA_PASSWORD", "from the environment"), "the option wins",
                "--password", "the option wins"));
    }

    @Test
    void aMissingFileOrTwoSourcesAreOneLineAndExitCodeTwo() {
        String root = dir.resolve("b").toString();
        Path missing = dir.resolve("nope.pw");
        assertEquals("ota-device-runtime: password file " + missing + " does not exist",
                usageError(Map.of(), "--root", root, "--password-file", missing.toString())[1]);
        String[] both = usageError(Map.of(), "--root", root, "--password-file", missing.toString(), "--password",
                "x");
        assertEquals("2", both[0]);
        assertEquals("ota-device-runtime: give only one of --password-file, --password and --config", both[1]);
        assertEquals("ota-device-runtime: the environment variable OTA_PASSWORD is set but empty; set it to the OTA"
                + " password or unset it", usageError(Map.of("OTA_PASSWORD", ""), "--root", root)[1]);
    }

    @Test
    void theUsageRecommendsTheFileAndTheEnvironment() {
        assertTrue(CliOptions.USAGE.contains("--password-file FILE  read the OTA password from the first line of FILE"
                + " (recommended)"));
        assertTrue(CliOptions.USAGE.contains("prefer\n                        --password-file or the environment"
                + " variable OTA_PASSWORD"));
    }

    @Test
    void recordsThatHoldPasswordsDoNotPrintThem() {
        DeviceConfig c = new DeviceConfig("home", "wifi-secret", "ota-secret", "board", 8266);
        assertFalse(c.toString().contains("wifi-secret"), c.toString());
        assertFalse(c.toString().contains("ota-secret"), c.toString());
        assertTrue(c.toString().contains("home"), c.toString());
        Network n = new Network("home", "wifi-secret");
        assertFalse(n.toString().contains("wifi-secret"), n.toString());
        assertTrue(n.toString().contains("home"), n.toString());
    }
}
