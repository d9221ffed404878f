package io.github.mpota.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 4: the board counts its folder after authentication, not for every accepted connection (an
 * unauthenticated client must not make it walk the whole filesystem). Seen from outside: a file that appears while
 * the client answers the challenge is counted in the space check.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RescanAfterAuthenticationTest {

    @TempDir
    Path root;

    @Test
    void theFolderIsCountedAfterAuthenticationNotAtAccept() throws Exception {
        for (Profile profile : Profile.values()) {
            try (DeviceRuntime device = Devices.start(root.resolve(profile.label()), profile);
                 RawClient c = new RawClient(device.port())) {
                long capacity = device.flash().capacityBytes();
                String challenge = c.read(8);
                // Ten blocks appear on the board between the challenge and the response.
                Files.write(device.flash().root().resolve("arrived.bin"), new byte[10 * FlashFilesystem.DEFAULT_BLOCK_SIZE]);
                c.send(io.github.mpota.core.auth.ChallengeResponse.compute(challenge, Devices.PASSWORD));
                assertEquals("OK", c.read(2));
                assertEquals("OK,OK", c.sendMetadata(RawClient.VECTOR_METADATA), profile.label());
                c.send(RawClient.VECTOR_PAYLOAD);
                c.readToEnd();
                device.awaitSession(1, Devices.WAIT);
                TranscriptEvent check = device.transcript().stream()
                        .filter(e -> TranscriptEvent.Type.SPACE_CHECK.equals(e.type())).findFirst().orElseThrow();
                assertEquals(capacity - 10L * FlashFilesystem.DEFAULT_BLOCK_SIZE, ((Number) check.get("free")).longValue(),
                        profile.label());
            }
        }
    }
}
