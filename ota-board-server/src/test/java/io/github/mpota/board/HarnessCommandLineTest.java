package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HarnessCommandLineTest {

    @Test
    void withoutAPasswordItSaysWhatIsMissing() throws Exception {
        try (Harness harness = Harness.start("--once")) {
            assertEquals(2, harness.awaitExit(Duration.ofSeconds(30)));
            assertTrue(harness.output().contains("--password is required"), harness.output());
        }
    }

    @Test
    void anUnknownOptionIsNamed() throws Exception {
        try (Harness harness = Harness.start("--password", "x", "--colour")) {
            assertEquals(2, harness.awaitExit(Duration.ofSeconds(30)));
            assertTrue(harness.output().contains("unknown option \"--colour\""), harness.output());
        }
    }

    @Test
    void aBadPowerLossPointIsNamed() throws Exception {
        try (Harness harness = Harness.start("--password", "x", "--power-loss-at", "halfway")) {
            assertEquals(2, harness.awaitExit(Duration.ofSeconds(30)));
            assertTrue(harness.output().contains("--power-loss-at takes staged, journal or moved:N"), harness.output());
        }
    }

    @Test
    void itPrintsReadyWithTheLoopbackPortItListensOn() throws Exception {
        try (Harness harness = Harness.start("--password", "x")) {
            int port = harness.port();
            assertTrue(port > 0 && port < 65536);
            harness.awaitLine(Pattern.compile("BOOT clean"), Duration.ofSeconds(5));
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                byte[] challenge = s.getInputStream().readNBytes(8);
                assertTrue(new String(challenge, java.nio.charset.StandardCharsets.US_ASCII).matches("[0-9a-f]{8}"));
            }
        }
    }
}
