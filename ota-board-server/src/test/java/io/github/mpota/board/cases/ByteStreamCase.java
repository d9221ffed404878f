package io.github.mpota.board.cases;

import java.util.List;
import java.util.Map;

/**
 * One replayable session (see src/test/python/generate_byte_streams.py for the format): what to send, what the
 * device must answer byte for byte, and the files it must hold before and after.
 *
 * @param timeoutMillis the device's receive timeout that the case relies on, or null for the device's default
 * @param freeBytes the free space the device must report, or null for its default
 * @param v1 false when the device must be started with protocol v1 off (docs/PROTOCOL.md, "Turning v1 off")
 * @param windowBits the deflate window a v2 device must announce, or null for its default
 * @param installedBefore the paths in the device's list of files that v2 updates installed before the session, or
 *     null for no list
 * @param installedAfter the paths that list must hold after the session (in any order), or null when the case says
 *     nothing about it
 */
public record ByteStreamCase(String name, String description, String password, Integer timeoutMillis,
        Long freeBytes, boolean v1, Integer windowBits, Map<String, byte[]> before, List<String> installedBefore,
        List<Step> steps, Map<String, byte[]> after, List<String> installedAfter, boolean reset) {

    /** A protocol v1 case: v1 on, the device's default window, nothing said about the installed list. */
    public ByteStreamCase(String name, String description, String password, Integer timeoutMillis, Long freeBytes,
            Map<String, byte[]> before, List<Step> steps, Map<String, byte[]> after, boolean reset) {
        this(name, description, password, timeoutMillis, freeBytes, true, null, before, null, steps, after, null,
                reset);
    }

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

    /** Protocol v2: send the opening (prefix and a fresh client nonce) in place of the response. */
    public record V2Opening() implements Step {
    }

    /**
     * Protocol v2: read the {@code H} frame; it must announce {@code flags}, {@code wbits} and {@code iterations},
     * and its board proof must be valid for {@code password} exactly when {@code proofValid}. The key derived from
     * {@code password} makes the proofs and MACs of the steps after it.
     */
    public record V2ExpectHello(String password, int flags, int wbits, int iterations, boolean proofValid)
            implements Step {
    }

    /**
     * Protocol v2: send the {@code C} frame: the client proof of this session, or one made with {@code password}
     * (a client that does not know the board's), or exactly {@code proof} (one recorded from another session).
     */
    public record V2SendProof(String password, byte[] proof) implements Step {
    }

    /**
     * Protocol v2: send an authenticated frame of {@code type} with {@code body}, MAC'd with this session's key and
     * the next client sequence number; tampering: {@code flipByte} (that byte of the body changed after the MAC was
     * made, as by a machine on the path), {@code seq} (another sequence number: a repeated or reordered frame),
     * {@code sessionKey} (the key of another session: a replayed frame). Null: no tampering of that kind.
     */
    public record V2Send(char type, byte[] body, Integer flipByte, Integer seq, byte[] sessionKey) implements Step {
    }

    /**
     * Protocol v2: read a frame; it must be of {@code type}, hold {@code body} (null: any body, e.g. the reason of
     * an {@code F}, which is each device's own text) and, except for {@code A}, carry a valid MAC of the board's next
     * sequence number.
     */
    public record V2Expect(char type, byte[] body) implements Step {
    }

    @Override
    public String toString() {
        return name;
    }
}
