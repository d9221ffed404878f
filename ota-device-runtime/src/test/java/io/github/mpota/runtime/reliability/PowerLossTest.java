package io.github.mpota.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.ReliabilityHooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power lost at every step of a hardened apply: the device folder is copied as it stands after each file is moved
 * into place (what the flash holds when the power goes), and a new board boots on each copy. Each must come up
 * with all the new files, byte for byte; an update that fails before its journal
 * leaves all the old ones (every refused case of ConnectionFaultTest and HostileInputTest checks that).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PowerLossTest {

    @TempDir
    Path sandbox;
    @TempDir
    Path snapshots;

    @Test
    void aBoardThatLosesPowerAfterAnyMoveBootsWithAllTheNewFiles() throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Bench.Update u = Bench.update(21, "main.py", "lib/util.py", "lib/more/helpers.py", "boot.py", "empty.txt");
        Map<String, String> old = bench.deviceFiles();
        Map<String, String> expected = u.appliedTo(old);
        List<Path> states = new ArrayList<>();
        try (DeviceRuntime device = bench.start(Profile.HARDENED,
                b -> ReliabilityHooks.moveObserver(b, path -> states.add(copy(bench.root,
                        snapshots.resolve("after-" + states.size())))));
             Bench.Raw c = new Bench.Raw(device.port())) {
            assertEquals("OK", c.authenticate(Bench.PASSWORD));
            assertEquals("OKOKUPDATE_SUCCESS", c.converse(Bench.header(u.metadata().length), u.metadata(),
                    u.payload()));
            assertTrue(device.awaitSession(1, Bench.WAIT).success());
        }
        assertEquals(u.files().size(), states.size(), "one power cut per file moved");
        for (int i = 0; i < states.size(); i++) {
            Path state = states.get(i);
            assertTrue(Files.exists(state.resolve(".ota/journal.json")), "the journal is there at step " + i);
            List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (DeviceRuntime reborn = DeviceRuntime.builder().root(state).port(0).password(Bench.PASSWORD)
                    .log(log::add).build().start()) {
                assertEquals(expected, Bench.fingerprint(state, null), "power lost after move " + (i + 1));
                assertFalse(Files.exists(state.resolve(".ota")));
                assertTrue(log.stream().anyMatch(l -> l.startsWith("Finishing an update")), log.toString());
            }
        }
        bench.assertNothingOutsideTheRoot();
    }

    @Test
    void aPowerCutInTheMiddleOfFinishingIsFinishedAtTheNextBootAgain() throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Bench.Update u = Bench.update(22, "main.py", "lib/util.py", "new.py");
        Map<String, String> old = bench.deviceFiles();
        try (DeviceRuntime device = bench.start(Profile.HARDENED, b -> ReliabilityHooks.moveObserver(b, path -> {
            throw new IOException("power cut after " + path);
        })); Bench.Raw c = new Bench.Raw(device.port())) {
            assertEquals("OK", c.authenticate(Bench.PASSWORD));
            assertEquals("OKOKFAIL", c.converse(Bench.header(u.metadata().length), u.metadata(), u.payload()));
            device.awaitSession(1, Bench.WAIT);
        }
        // Boot twice on copies: one boot that itself is cut short is simulated by the second copy's plain boot.
        for (int boot = 0; boot < 2; boot++) {
            try (DeviceRuntime reborn = DeviceRuntime.builder().root(bench.root).port(0).password(Bench.PASSWORD)
                    .log(l -> { }).build().start()) {
                assertEquals(u.appliedTo(old), bench.deviceFiles(), "boot " + boot);
            }
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
