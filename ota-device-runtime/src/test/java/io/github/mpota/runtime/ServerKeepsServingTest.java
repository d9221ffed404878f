package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13, point 9: a session that ends in an unexpected exception is logged and the board keeps serving. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerKeepsServingTest {

    @TempDir
    Path root;

    @Test
    void anUnexpectedExceptionInASessionIsLoggedAndTheNextPushIsServed() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicBoolean armed = new AtomicBoolean(true);
        DeviceRuntimeBuilder b = Devices.builder(root, Profile.HARDENED, log).moveObserver(path -> {
            if (armed.getAndSet(false)) {
                throw new IllegalStateException("a bug nobody expected");
            }
        });
        byte[] payload = RawClient.VECTOR_PAYLOAD;
        try (DeviceRuntime device = b.build().start()) {
            try (RawClient c = new RawClient(device.port())) {
                // The bug strikes after the journal: the client hears nothing more, the connection closes.
                assertEquals("OK,OK,OK,", c.push(Devices.PASSWORD, RawClient.VECTOR_METADATA, payload));
            }
            SessionOutcome first = device.awaitSession(1, Devices.WAIT);
            assertFalse(first.success());
            assertEquals("unexpected error: java.lang.IllegalStateException: a bug nobody expected; the board"
                    + " keeps serving", first.reason());
            assertTrue(log.stream().anyMatch(l -> l.contains("Unexpected error in session 1: "
                    + "java.lang.IllegalStateException: a bug nobody expected")), log.toString());
            try (RawClient c = new RawClient(device.port())) {
                assertEquals("OK,OK,OK,UPDATE_SUCCESS",
                        c.push(Devices.PASSWORD, RawClient.VECTOR_METADATA, payload));
            }
            assertTrue(device.awaitSession(2, Devices.WAIT).success());
        }
        assertEquals("print('hello')\n", Files.readString(root.resolve("main.py")));
        assertFalse(Files.exists(root.resolve(".ota")));
    }
}
