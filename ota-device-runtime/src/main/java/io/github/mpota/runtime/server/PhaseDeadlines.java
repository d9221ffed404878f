package io.github.mpota.runtime.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * The hardened board's deadline per phase, by the MicroPython server's rule ({@code ota/wire.py}, {@code Deadline};
 * figures in {@link HardenedLimits}): each response within 10 s of the challenge it answers; the length header and the
 * metadata within 10 s of the {@code OK} of step 3, plus the metadata's length at the floor rate once the length is
 * parsed; the payload within 10 s of the {@code OK} of step 7, plus {@code compressed_size} at the floor rate. The
 * reference's rule, a timeout per receive, lets a client that sends a byte every few seconds hold the one-client board
 * for as long as it likes; a deadline bounds each phase as a whole, and does not move when a byte arrives.
 *
 * <p>The connections of a {@link #listener} read through a stream that, before every read, shortens the socket's
 * receive timeout to what is left of the phase, so the rule needs no change to the code that reads. The session
 * moves the phase on at the points where the MicroPython server starts its deadlines; on any other socket these do
 * nothing, which is how the upstream profile keeps the reference's rule.
 */
final class PhaseDeadlines {

    private PhaseDeadlines() {
    }

    /** A listener whose connections can be given phases; none has one until its first challenge is sent. */
    static ServerSocket listener(HardenedLimits limits, SessionClock clock) throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                PhasedSocket s = new PhasedSocket(limits, clock);
                implAccept(s);
                return s;
            }
        };
    }

    /** Once a challenge has been sent: its response. Missed, the board closes without a word. */
    static void responsePhase(Socket s) {
        if (s instanceof PhasedSocket p) {
            p.enter("its response", "the challenge", p.limits.responseDeadline().toMillis(), "");
        }
    }

    /** Once the {@code OK} of step 3 has been sent: the length header and the metadata. */
    static void headerPhase(Socket s) {
        if (s instanceof PhasedSocket p) {
            p.enter("the length header and the metadata", "the OK after authentication",
                    p.limits.headerDeadline().toMillis(), ", plus the metadata's length at " + rate(p.limits)
                    + " once it is known");
        }
    }

    /** Once the length header is parsed, before its {@code OK}: the metadata's length at the floor rate is added. */
    static void metadataLength(Socket s, int length) {
        if (s instanceof PhasedSocket p) {
            p.extend(p.limits.atFloorMillis(length), " plus the metadata's " + length + " bytes at " + rate(p.limits));
        }
    }

    /** Once the {@code OK} of step 7 has been sent: the payload, its deadline scaled by its size. */
    static void payloadPhase(Socket s, long compressedSize) {
        if (s instanceof PhasedSocket p) {
            p.enter("the " + compressedSize + "-byte payload", "the OK after the metadata",
                    p.limits.payloadDeadline().toMillis(), "");
            p.extend(p.limits.atFloorMillis(compressedSize), " plus " + compressedSize + " bytes at " + rate(p.limits));
        }
    }

    /** After the payload: only the receive timeout is left. */
    static void noPhase(Socket s) {
        if (s instanceof PhasedSocket p) {
            p.leave();
        }
    }

    /** The sentence of the deadline that ended the connection, if one did. */
    static Optional<String> expired(Socket s) {
        return s instanceof PhasedSocket p ? Optional.ofNullable(p.expired) : Optional.empty();
    }

    private static String rate(HardenedLimits limits) {
        long floor = limits.floorBytesPerSecond();
        return floor % 1024 == 0 ? floor / 1024 + " KiB/s" : floor + " bytes/s";
    }

    /** A phase's deadline passed; the message is the user's explanation. */
    static final class DeadlineException extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlineException(String message) {
            super(message);
        }
    }

    /** One phase: what must arrive, since when, and its deadline in milliseconds from {@code startNanos}. */
    private record Phase(String what, String since, long startNanos, long ms, long baseMs, String added) {

        Phase extended(long extraMs, String how) {
            return new Phase(what, since, startNanos, Math.min(HardenedLimits.MAX_PHASE_MS, ms + extraMs), baseMs,
                    how);
        }

        long endNanos() {
            return startNanos + ms * 1_000_000;
        }

        String sentence() {
            return "the client did not send " + what + " within " + ms + " ms of " + since + " (the hardened board's"
                    + " deadline" + (added.isEmpty() ? " for this phase)" : ": " + baseMs + " ms" + added + ")");
        }
    }

    private static final class PhasedSocket extends Socket {
        private final HardenedLimits limits;
        private final SessionClock clock;
        private volatile int receiveTimeout;
        private volatile Phase phase;
        private volatile String expired;
        private InputStream in;

        PhasedSocket(HardenedLimits limits, SessionClock clock) {
            this.limits = limits;
            this.clock = clock;
        }

        void enter(String what, String since, long ms, String added) {
            long bounded = Math.min(HardenedLimits.MAX_PHASE_MS, ms);
            phase = new Phase(what, since, clock.nanoTime(), bounded, bounded, added);
        }

        void extend(long extraMs, String how) {
            Phase p = phase;
            if (p != null) {
                phase = p.extended(extraMs, how);
            }
        }

        void leave() {
            phase = null;
        }

        @Override
        public void setSoTimeout(int timeout) throws SocketException {
            receiveTimeout = timeout;
            super.setSoTimeout(timeout);
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        byte[] one = new byte[1];
                        int r = read(one, 0, 1);
                        return r < 0 ? -1 : one[0] & 0xff;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        Phase p = phase;
                        if (p == null) {
                            return super.read(b, off, len);
                        }
                        long leftNanos = p.endNanos() - clock.nanoTime();
                        if (leftNanos <= 0) {
                            throw expire(p);
                        }
                        long leftMillis = Math.max(1, (leftNanos + 999_999) / 1_000_000);
                        int base = receiveTimeout;
                        // Whichever is shorter: the receive timeout, or what is left of the phase.
                        boolean deadlineFirst = base == 0 || leftMillis < base;
                        PhasedSocket.super.setSoTimeout(deadlineFirst ? (int) Math.min(leftMillis, Integer.MAX_VALUE)
                                : base);
                        try {
                            return super.read(b, off, len);
                        } catch (SocketTimeoutException e) {
                            if (deadlineFirst) {
                                throw expire(p);
                            }
                            throw e;
                        }
                    }
                };
            }
            return in;
        }

        private DeadlineException expire(Phase p) {
            expired = p.sentence();
            return new DeadlineException(expired);
        }
    }
}
