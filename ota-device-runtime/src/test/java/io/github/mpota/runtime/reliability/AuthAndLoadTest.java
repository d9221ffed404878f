package io.github.mpota.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.FakeClock;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.ReliabilityHooks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A hostile machine guessing the password, and load: consecutive pushes, many clients at once, and a 200 MiB push
 * through a runtime with a 64 MiB heap; no thread, file handle or temporary file left behind.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class AuthAndLoadTest {

    @TempDir
    Path sandbox;
    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Profile.class)
    void guessedResponsesNeverSucceedThreeFailuresCloseAndChallengesNeverRepeat(Profile profile) throws Exception {
        guesses(profile, 3_334); // 10,002 challenges
    }

    @Test
    @Tag("campaign")
    void aHundredThousandChallengesAcrossSessionsNeverRepeat() throws Exception {
        guesses(Profile.HARDENED, 33_334);
    }

    private void guesses(Profile profile, int sessions) throws Exception {
        Bench bench = new Bench(sandbox);
        Random r = new Random(0xA17L);
        Set<String> challenges = new HashSet<>();
        String previousGood = null;
        // The hardened board's slow-down waits on this clock: its waits are counted, not slept.
        FakeClock clock = new FakeClock();
        try (DeviceRuntime device = bench.start(profile, b -> ReliabilityHooks.clock(b, clock))) {
            for (int s = 0; s < sessions; s++) {
                try (Bench.Raw c = new Bench.Raw(device.port())) {
                    for (int attempt = 1; attempt <= 3; attempt++) {
                        String challenge = c.read(8);
                        assertTrue(challenges.add(challenge), "challenge " + challenge + " repeated in session " + s);
                        String guess;
                        if (attempt == 1 && previousGood != null) {
                            guess = previousGood; // a recorded response, replayed
                        } else {
                            byte[] b = new byte[32];
                            r.nextBytes(b);
                            guess = java.util.HexFormat.of().formatHex(b);
                        }
                        if (attempt == 3 && s % 2 == 0) {
                            previousGood = ChallengeResponse.compute(challenge, Bench.PASSWORD);
                            guess = ChallengeResponse.compute(challenge, "Secret"); // one letter off
                        }
                        c.send(Bench.ascii(guess));
                        assertEquals("AUTH_FAIL", c.read(9), profile + " session " + s + " attempt " + attempt);
                    }
                    assertEquals("", c.readToEnd(), "closed without a word after the third failure");
                }
            }
            assertEquals(sessions, device.awaitSession(sessions, Bench.WAIT).number());
            assertEquals(0, device.rebootCount());
        }
        System.out.println("[reliability] " + profile + ": " + challenges.size() + " challenges, none repeated; "
                + sessions * 3 + " guessed responses refused"
                + (profile == Profile.HARDENED ? "; the slow-down made them take " + clock.slept().toMinutes()
                        + " min of the board's time (" + Math.round(sessions * 3 / (clock.slept().toMillis() / 3.6e6))
                        + " guesses per hour)" : ""));
        if (profile == Profile.HARDENED) {
            // Before AUTH_FAIL n from one address (docs/PROTOCOL.md): min(5000, 250 << (n - 1)) ms, i.e.
            // 250 + 500 + 1000 + 2000 + 4000 = 7750 ms for the first five, then 5000 ms each.
            long guesses = sessions * 3L;
            assertEquals(Duration.ofMillis(7_750 + 5_000 * (guesses - 5)), clock.slept(),
                    "the board's pauses for " + guesses + " wrong responses from one address");
        }
    }

    @Test
    void responsesAreComparedInConstantTime() throws Exception {
        // Structural: both profiles decide through DeviceConnection, which uses ChallengeResponse.verify, which is MessageDigest.isEqual (its
        // time depends on the length only). A timed test would be flaky; the source is what guarantees it.
        String core = Files.readString(Path.of("../ota-core/src/main/java/io/github/mpota/core/auth/"
                + "ChallengeResponse.java"));
        assertTrue(core.contains("return MessageDigest.isEqual(expected, received);"));
        String device = Files.readString(Path.of("../ota-core/src/main/java/io/github/mpota/core/device/"
                + "DeviceConnection.java"));
        assertTrue(device.contains("ChallengeResponse.verify(challenge, password, response)"));
        assertTrue(!device.contains(".equals(ChallengeResponse.compute"), "no String.equals on the response");
        // Both profiles authenticate through DeviceConnection, and nowhere else.
        String server = Files.readString(Path.of("src/main/java/io/github/mpota/runtime/server/OtaServer.java"));
        assertTrue(server.contains("conn.authenticate("));
        for (String profile : new String[] {"UpstreamUpdate", "HardenedUpdate"}) {
            String source = Files.readString(Path.of("src/main/java/io/github/mpota/runtime/server/" + profile
                    + ".java"));
            assertTrue(!source.contains("ChallengeResponse"), profile + " compares no response itself");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aHundredConsecutivePushesLeakNothing(Profile profile) throws Exception {
        consecutive(profile, 100);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    @Tag("campaign")
    void aThousandConsecutivePushesLeakNothing(Profile profile) throws Exception {
        consecutive(profile, 1000);
    }

    private void consecutive(Profile profile, int pushes) throws Exception {
        Bench bench = new Bench(sandbox);
        int threads = Bench.threadCount();
        long fds = Bench.openFileDescriptors();
        long temps = Bench.ourTempFiles();
        Bench.Update u = Bench.update(31, "main.py", "lib/util.py", "empty.txt");
        Map<String, String> expected = u.appliedTo(Map.of());
        long start = System.nanoTime();
        try (DeviceRuntime device = bench.start(profile, b -> b); PackedPayload packed = Bench.pack(u, work)) {
            for (int i = 1; i <= pushes; i++) {
                Bench.push(device.port(), packed);
                assertTrue(device.awaitSession(i, Bench.WAIT).success(), "push " + i);
            }
            assertEquals(pushes, device.rebootCount());
            assertEquals(expected, bench.deviceFiles(), "the files, and nothing left in the root");
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        int after = Bench.awaitThreadsBackTo(threads, Duration.ofSeconds(10));
        assertTrue(after <= threads, "threads " + threads + " before, " + after + " after");
        long fdsAfter = Bench.openFileDescriptors();
        assertTrue(fdsAfter <= fds + 2, "file descriptors " + fds + " before, " + fdsAfter + " after");
        assertEquals(temps, Bench.ourTempFiles(), "temporary files in java.io.tmpdir");
        bench.assertNothingOutsideTheRoot();
        System.out.println("[reliability] " + profile + ": " + pushes + " consecutive pushes in " + ms
                + " ms; threads " + threads + "->" + after + ", fds " + fds + "->" + fdsAfter);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void fiftyClientsAtOnceAreServedOneAtATime(Profile profile) throws Exception {
        concurrent(profile, 50);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    @Tag("campaign")
    void twoHundredClientsAtOnceAreServedOneAtATime(Profile profile) throws Exception {
        concurrent(profile, 200);
    }

    /**
     * Clients that all connect at once and push an update that the board refuses for space (so that no reboot
     * closes the listener under the queue): each is served in turn, or gives up connecting when the backlog of 1
     * keeps it out longer than its connect timeout; none hangs, and afterwards a valid push goes through.
     */
    private void concurrent(Profile profile, int clients) throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Map<String, String> old = bench.deviceFiles();
        int threads = Bench.threadCount();
        long fds = Bench.openFileDescriptors();
        Bench.Update big = Bench.update(41, "a.py", "b.py", "c.py");
        AtomicInteger refusedForSpace = new AtomicInteger();
        AtomicInteger gaveUp = new AtomicInteger();
        List<String> other = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (DeviceRuntime device = bench.start(profile, b -> b.capacityBytes(4096));
             PackedPayload packed = Bench.pack(big, work)) {
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            ClientOptions options = new ClientOptions("127.0.0.1", device.port(), Duration.ofSeconds(3),
                    Duration.ofSeconds(10), Duration.ofSeconds(10), 1, Duration.ofMillis(200));
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                all.add(pool.submit(() -> {
                    try {
                        new OtaClient(options).push(packed, () -> Bench.PASSWORD, (s, t) -> { });
                        other.add("succeeded");
                    } catch (PushException e) {
                        if (e.getMessage().contains("bytes free")) {
                            refusedForSpace.incrementAndGet();
                        } else if (e.phase() == io.github.mpota.core.protocol.Phase.CONNECT
                                || e.phase() == io.github.mpota.core.protocol.Phase.CHALLENGE) {
                            gaveUp.incrementAndGet();
                        } else {
                            other.add(e.phase() + ": " + e.getMessage());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
            assertEquals(List.of(), other, "every client was refused for space or gave up connecting");
            assertTrue(refusedForSpace.get() >= 1);
            assertEquals(refusedForSpace.get(), device.awaitSession(refusedForSpace.get(), Bench.WAIT).number());
            assertEquals(old, bench.deviceFiles());
            try (Bench.Raw c = new Bench.Raw(device.port())) {
                assertEquals("OK", c.authenticate(Bench.PASSWORD), "the board still serves");
            }
        }
        int after = Bench.awaitThreadsBackTo(threads, Duration.ofSeconds(10));
        assertTrue(after <= threads, "threads " + threads + " before, " + after + " after");
        long fdsAfter = Bench.openFileDescriptors();
        assertTrue(fdsAfter <= fds + 2, "file descriptors " + fds + " before, " + fdsAfter + " after");
        System.out.println("[reliability] " + profile + ": " + clients + " clients at once: " + refusedForSpace
                + " served (refused for space), " + gaveUp + " gave up connecting; threads " + threads + "->"
                + after + ", fds " + fds + "->" + fdsAfter);
    }

    /** The runtime's command line in a JVM of 64 MiB heap receives a 200 MiB push. */
    @Test
    @Tag("campaign")
    void aTwoHundredMebibytePushThroughARuntimeWithSixtyFourMebibytesOfHeap() throws Exception {
        Path root = Files.createDirectories(sandbox.resolve("root"));
        long size = 200L * 1024 * 1024;
        Path src = work.resolve("big.bin");
        Random r = new Random(51);
        try (OutputStream out = Files.newOutputStream(src)) {
            byte[] block = new byte[1024 * 1024];
            for (long written = 0; written < size; written += block.length) {
                for (int i = 0; i < block.length; i++) {
                    block[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 'a' + (i % 7));
                }
                out.write(block);
            }
        }
        PackedPayload packed = new io.github.mpota.core.payload.PayloadDeflater(1).pack(
                List.of(new io.github.mpota.core.selection.SourceFile(src, "big.bin", size)), work);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), "io.github.mpota.runtime.cli.Main", "--root", root.toString(),
                "--port", "0", "--password", Bench.PASSWORD, "--free-bytes", String.valueOf(2L * 1024 * 1024 * 1024),
                "--profile", "hardened", "--once");
        pb.redirectError(work.resolve("runtime.log").toFile());
        Process p = pb.start();
        try (packed) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("READY "), String.valueOf(ready) + " "
                    + Files.readString(work.resolve("runtime.log")));
            long start = System.nanoTime();
            new OtaClient(new ClientOptions("127.0.0.1", Integer.parseInt(ready.substring(6).trim()),
                    Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofMinutes(5), 1, Duration.ofMillis(100)))
                    .push(packed, () -> Bench.PASSWORD, (s, t) -> { });
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "the runtime ends after --once");
            assertEquals(0, p.exitValue(), Files.readString(work.resolve("runtime.log")));
            assertEquals(size, Files.size(root.resolve("big.bin")));
            assertEquals(Files.mismatch(src, root.resolve("big.bin")), -1L, "byte for byte");
            System.out.println("[reliability] 200 MiB push (" + packed.compressedSize() + " bytes compressed) into"
                    + " a -Xmx64m runtime in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        } finally {
            p.destroyForcibly();
        }
    }
}
