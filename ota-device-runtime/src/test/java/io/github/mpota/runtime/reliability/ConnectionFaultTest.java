package io.github.mpota.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.protocol.Phase;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.SessionOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flaky network: the connection cut at every phase boundary and at 60 offsets spread over the payload, a client
 * that stalls in every phase, a byte changed in the payload, a second client during an update. After each: the
 * client names the phase, the device logs the problem, keeps its old files (or, cut after the last byte, holds all
 * the new ones) and serves the next push.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConnectionFaultTest {

    /** Single-byte changes tried per profile, spread over the payload. */
    private static final int CHANGED_BYTES = 40;

    @TempDir
    Path sandbox;
    @TempDir
    Path work;

    @ParameterizedTest
    @EnumSource(Profile.class)
    void cutAtEveryPhaseBoundaryAndSixtyPayloadOffsets(Profile profile) throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Bench.Update u = Bench.update(7, "main.py", "lib/util.py", "pkg/deep.py", "empty.txt");
        Map<String, String> old = bench.deviceFiles();
        try (PackedPayload packed = Bench.pack(u, work); DeviceRuntime device = bench.start(profile, b -> b)) {
            long m = io.github.mpota.core.metadata.MetadataCodec.write(packed.metadata()).length;
            long p = packed.compressedSize();
            long response = Protocol.RESPONSE_LENGTH;
            long length = response + Protocol.LENGTH_HEADER_SIZE;
            long meta = length + m;
            long total = meta + p;
            assertTrue(p > 2000, "a payload long enough to cut at 60 places: " + p);
            Set<Long> cuts = new TreeSet<>(List.of(0L, 1L, 32L, response - 1, response, response + 1, length - 1,
                    length, length + 1, meta - 1, meta, meta + 1, total - 1));
            for (int i = 1; i <= 60; i++) {
                cuts.add(meta + (p * i) / 61);
            }
            int session = 0;
            for (long cut : cuts) {
                session++;
                String where = profile + " cut after " + cut + " of " + total + " client bytes";
                PushException e;
                try (CuttingProxy proxy = new CuttingProxy(device.port(), cut)) {
                    new OtaClient(Bench.clientTo(proxy.port())).push(packed, () -> Bench.PASSWORD, (s, t) -> { });
                    fail(where + ": the push succeeded");
                    return;
                } catch (PushException pe) {
                    e = pe;
                }
                Set<Phase> expected = cut == 0 ? Set.of(Phase.CHALLENGE)
                        : cut <= response ? Set.of(Phase.AUTHENTICATION)
                        : cut <= length ? Set.of(Phase.LENGTH)
                        : cut <= meta ? Set.of(Phase.METADATA)
                        // the kernel may have taken the rest of the payload before the cut reached the client
                        : Set.of(Phase.PAYLOAD, Phase.APPLY);
                assertTrue(expected.contains(e.phase()), where + ": client reported " + e.phase() + ": "
                        + e.getMessage());
                assertTrue(e.failure() == PushFailure.CONNECTION_LOST
                        || (profile == Profile.UPSTREAM && e.failure() == PushFailure.AUTHENTICATION_REFUSED),
                        where + ": " + e.failure() + " " + e.getMessage());
                SessionOutcome o = device.awaitSession(session, Bench.WAIT);
                assertFalse(o.success(), where);
                assertTrue(o.reason() != null, where);
                assertTrue(bench.logHas(o.reason().length() > 40 ? o.reason().substring(0, 40) : o.reason())
                        || bench.logHas("Authentication"), where + ": no log line for " + o.reason());
                assertEquals(old, bench.deviceFiles(), where + ": the device's files changed");
                bench.assertNothingOutsideTheRoot();
            }
            // Cut after the last payload byte: the device has it all, applies it, and the client cannot know.
            try (CuttingProxy proxy = new CuttingProxy(device.port(), total)) {
                PushException e = null;
                try {
                    new OtaClient(Bench.clientTo(proxy.port())).push(packed, () -> Bench.PASSWORD, (s, t) -> { });
                } catch (PushException pe) {
                    e = pe;
                }
                assertTrue(e != null && e.phase() == Phase.APPLY, String.valueOf(e));
            }
            SessionOutcome applied = device.awaitSession(++session, Bench.WAIT);
            // Hardened: applied is applied, the board resets into it. Upstream: as the reference, a failed send of
            // UPDATE_SUCCESS is a failure after the files were written in place.
            assertTrue(applied.success() || (profile == Profile.UPSTREAM
                    && applied.reason().startsWith("sending UPDATE_SUCCESS failed")), String.valueOf(applied));
            assertEquals(u.appliedTo(old), bench.deviceFiles(), "all the new files, byte for byte");
            assertTrue(Bench.push(device.port(), packed).files() == 4, "the device serves the next push");
            System.out.println("[reliability] " + profile + ": " + (cuts.size() + 1) + " cuts held");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aClientThatStallsInAnyPhaseIsDroppedAfterTheTimeout(Profile profile) throws Exception {
        stalls(profile, Duration.ofMillis(300));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    @Tag("campaign")
    void aClientThatStallsIsDroppedAfterTheRealTenSeconds(Profile profile) throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Bench.Update u = Bench.update(9, "main.py");
        Map<String, String> old = bench.deviceFiles();
        try (DeviceRuntime device = bench.start(profile, b -> b); Bench.Raw c = new Bench.Raw(device.port())) {
            assertEquals("OK", c.authenticate(Bench.PASSWORD));
            c.send(Bench.header(u.metadata().length));
            assertEquals("OK", c.read(2));
            c.send(u.metadata());
            assertEquals("OK", c.read(2));
            c.send(Arrays.copyOf(u.payload(), u.payload().length / 2));
            long start = System.nanoTime();
            assertEquals("FAIL", c.readToEnd());
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(waited >= 9_500 && waited < 15_000, "FAIL after " + waited + " ms");
            assertTrue(device.awaitSession(1, Bench.WAIT).reason().contains("timed out"));
            assertEquals(old, bench.deviceFiles());
        }
    }

    private void stalls(Profile profile, Duration timeout) throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Bench.Update u = Bench.update(8, "main.py", "lib/util.py");
        byte[] meta = u.metadata();
        Map<String, String> old = bench.deviceFiles();
        try (DeviceRuntime device = bench.start(profile, b -> b.ioTimeout(timeout))) {
            int session = 0;
            // {stage, expected replies after the stall}: the device answers nothing during authentication.
            String[] stages = {"connect", "response", "after-auth", "length", "metadata", "payload"};
            for (String stage : stages) {
                session++;
                String where = profile + " stall at " + stage;
                try (Bench.Raw c = new Bench.Raw(device.port())) {
                    String challenge = c.read(8);
                    assertEquals(8, challenge.length(), where);
                    String tail;
                    if (stage.equals("connect")) {
                        tail = c.readToEnd();
                    } else if (stage.equals("response")) {
                        c.send(Bench.ascii("0123456789abcdef"));
                        tail = c.readToEnd();
                    } else {
                        c.send(Bench.ascii(io.github.mpota.core.auth.ChallengeResponse.compute(challenge,
                                Bench.PASSWORD)));
                        assertEquals("OK", c.read(2), where);
                        if (stage.equals("length")) {
                            c.send(Bench.ascii("     "));
                        } else if (stage.equals("metadata") || stage.equals("payload")) {
                            c.send(Bench.header(meta.length));
                            assertEquals("OK", c.read(2), where);
                            if (stage.equals("metadata")) {
                                c.send(Arrays.copyOf(meta, meta.length / 2));
                            } else {
                                c.send(meta);
                                assertEquals("OK", c.read(2), where);
                                c.send(Arrays.copyOf(u.payload(), u.payload().length / 3));
                            }
                        }
                        tail = c.readToEnd();
                    }
                    boolean inAuth = stage.equals("connect") || stage.equals("response");
                    if (inAuth && profile == Profile.HARDENED) {
                        assertEquals("", tail, where + ": silent close during authentication");
                    } else if (inAuth) {
                        // the reference's single recv takes the 16 bytes as the response: AUTH_FAIL, a new
                        // challenge, then the silent close of the timeout
                        assertTrue(tail.isEmpty() || tail.startsWith("AUTH_FAIL"), where + ": " + tail);
                    } else {
                        assertEquals("FAIL", tail, where);
                    }
                }
                SessionOutcome o = device.awaitSession(session, Bench.WAIT);
                assertFalse(o.success(), where);
                assertTrue(bench.logHas("Update failed") || bench.logHas("Authentication"), where);
                assertEquals(old, bench.deviceFiles(), where);
            }
            bench.assertNothingOutsideTheRoot();
            try (PackedPayload packed = Bench.pack(u, work)) {
                Bench.push(device.port(), packed);
            }
            assertEquals(u.appliedTo(old), bench.deviceFiles());
        }
    }

    /**
     * The metadata carries the content digest, as our client sends it: hardened refuses every change (even one
     * that still inflates to the listed sizes) and keeps every old file; upstream ignores the digest as the
     * reference does, so a change that still inflates is applied whole, as before the extension.
     */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void aByteChangedInThePayloadIsRefusedByHardenedAndFailsOrIsAppliedWholeUpstream(Profile profile)
            throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Bench.Update u = Bench.update(11, "main.py", "lib/util.py", "pkg/new.py");
        byte[] metadata = u.metadataWithContentDigest();
        Map<String, String> old = bench.deviceFiles();
        int detected = 0;
        int byDigest = 0;
        int undetected = 0;
        List<String> undetectedAt = new ArrayList<>();
        java.util.Random r = new java.util.Random(0xC0DEL);
        try (DeviceRuntime device = bench.start(profile, b -> b)) {
            int session = 0;
            for (int i = 0; i < CHANGED_BYTES; i++) {
                int at = (int) ((long) u.payload().length * i / CHANGED_BYTES)
                        + r.nextInt(Math.max(1, u.payload().length / CHANGED_BYTES));
                byte[] corrupt = u.payload().clone();
                corrupt[at] ^= (byte) (1 + r.nextInt(255));
                String replies;
                try (Bench.Raw c = new Bench.Raw(device.port())) {
                    assertEquals("OK", c.authenticate(Bench.PASSWORD));
                    replies = c.converse(Bench.header(metadata.length), metadata, corrupt);
                }
                SessionOutcome o = device.awaitSession(++session, Bench.WAIT);
                Map<String, String> now = bench.deviceFiles();
                String where = profile + " byte " + at + " changed: " + replies + " " + o.reason();
                if (replies.equals("OKOKFAIL")) {
                    detected++;
                    if (o.reason().startsWith("payload content does not match content_sha256")) {
                        byDigest++;
                    }
                    assertTrue(bench.logHas("Update failed: " + o.reason()), where);
                    if (profile == Profile.HARDENED) {
                        assertEquals(old, now, where + ": a refused update left every old file");
                    }
                } else {
                    assertEquals(Profile.UPSTREAM, profile, where + ": hardened checks the content digest");
                    assertEquals("OKOKUPDATE_SUCCESS", replies, where);
                    undetected++;
                    undetectedAt.add(String.valueOf(at));
                    // Applied whole: every listed file has its listed size, nothing else changed.
                    for (int k = 0; k < u.files().size(); k++) {
                        assertEquals(u.files().get(k).size(),
                                java.nio.file.Files.size(bench.root.resolve(u.files().get(k).path())), where);
                    }
                }
                if (profile == Profile.UPSTREAM || !replies.equals("OKOKFAIL")) {
                    // restore the old files for the next case
                    try (var s = java.nio.file.Files.walk(bench.root)) {
                        s.sorted(java.util.Comparator.reverseOrder()).filter(x -> !x.equals(bench.root))
                                .forEach(x -> x.toFile().delete());
                    }
                    bench.writeOldFiles();
                }
                bench.assertNothingOutsideTheRoot();
            }
        }
        System.out.println("[reliability] " + profile + " corrupt payload with content_sha256: " + detected
                + " refused (" + byDigest + " by the digest), " + undetected + " applied with wrong content"
                + (undetected > 0 ? " (upstream ignores the digest) at " + undetectedAt : ""));
        if (profile == Profile.HARDENED) {
            assertEquals(CHANGED_BYTES, detected, "every single-byte change refused");
            assertTrue(byDigest > 0, "some changes still inflate to the listed sizes: only the digest catches them");
        } else {
            assertTrue(detected > 0);
            assertTrue(undetected > 0, "upstream keeps the reference's behaviour: no content check");
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void aSecondClientWaitsAndTheRunningUpdateIsUnaffected(Profile profile) throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Bench.Update u = Bench.update(12, "main.py", "lib/util.py");
        Map<String, String> old = bench.deviceFiles();
        try (DeviceRuntime device = bench.start(profile, b -> b)) {
            Bench.Raw first = new Bench.Raw(device.port());
            assertEquals("OK", first.authenticate(Bench.PASSWORD));
            first.send(Bench.header(u.metadata().length));
            assertEquals("OK", first.read(2));
            try (Bench.Raw second = new Bench.Raw(device.port())) {
                second.socket.setSoTimeout(300);
                // queued: no challenge while the first update runs
                assertThrowsTimeout(second);
                first.send(u.metadata());
                assertEquals("OK", first.read(2));
                first.send(u.payload());
                assertEquals("UPDATE_SUCCESS", first.readToEnd());
                first.close();
                assertTrue(device.awaitSession(1, Bench.WAIT).success());
                assertEquals(u.appliedTo(old), bench.deviceFiles(), "the first update, whole");
            }
            // The queued connection went with the reset (the listener closed); the board serves anew after it.
            try (Bench.Raw third = new Bench.Raw(device.port())) {
                assertEquals("OK", third.authenticate(Bench.PASSWORD));
            }
        }
    }

    private static void assertThrowsTimeout(Bench.Raw c) throws java.io.IOException {
        try {
            int b = c.in.read();
            fail("the queued client got a byte while the first update ran: " + b);
        } catch (java.net.SocketTimeoutException expected) {
            c.socket.setSoTimeout(20_000);
        }
    }
}
