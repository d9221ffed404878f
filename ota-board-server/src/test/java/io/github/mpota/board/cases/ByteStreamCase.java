package io.github.mpota.board.cases;

import java.util.List;
import java.util.Map;

/**
 * One replayable session (see src/test/python/generate_byte_streams.py for the format): what to send, what the
 * device must answer byte for byte, and the files it must hold before and after.
 *
 * @param timeoutMillis the device's receive timeout that the case relies on, or null for the device's default
 * @param freeBytes the free space the device must report, or null for its default
 */
public record ByteStreamCase(String name, String description, String password, Integer timeoutMillis,
        Long freeBytes, Map<String, byte[]> before, List<Step> steps, Map<String, byte[]> after, boolean reset) {

    /** One step of a case. */
    public sealed interface Step {
    }

    /** Read the 8-character challenge and remember it. */
    public record ExpectChallenge() implements Step {
    }

    /** Answer the last challenge for {@code password}, in {@code writes} writes, in upper case when asked. */
    public record Respond(String password, boolean uppercase, int writes) implements Step {
    }

    /** Send these bytes in one write. */
    public record Send(byte[] bytes) implements Step {
    }

    /** Read exactly these bytes. */
    public record Expect(byte[] bytes) implements Step {
    }

    /** Stop sending (TCP half-close), as a client whose connection is cut. */
    public record ShutdownOutput() implements Step {
    }

    /** The device closes the connection without sending anything more. */
    public record ExpectClose() implements Step {
    }

    @Override
    public String toString() {
        return name;
    }
}
