package io.github.mpota.runtime.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The hardened board's deadline per phase: authentication, length header and metadata, payload (see
 * {@link HardenedLimits}). The reference's rule, a timeout per receive, lets a client that sends a byte every few
 * seconds hold the one-client board for as long as it likes; a deadline per phase bounds each phase as a whole.
 *
 * <p>The connections of a {@link #listener} read through a stream that, before every read, shortens the socket's
 * receive timeout to what is left of the phase, so the rule needs no change to the code that reads. The session
 * moves the phase on with {@link #headerPhase}, {@link #payloadPhase} and {@link #noPhase}; on any other socket
 * these do nothing, which is how the upstream profile keeps the reference's rule.
 */
final class PhaseDeadlines {

    private PhaseDeadlines() {
    }

    /** A listener whose connections start in the authentication phase at accept. */
    static ServerSocket listener(HardenedLimits limits, SessionClock clock) throws IOException {
        return new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                PhasedSocket s = new PhasedSocket(limits, clock);
                implAccept(s);
                s.enter(limits.authDeadline(), "did not authenticate within " + seconds(limits.authDeadline())
                        + " of connecting");
                return s;
            }
        };
    }

    /** After a right response: the length header and the metadata. */
    static void headerPhase(Socket s) {
        if (s instanceof PhasedSocket p) {
            p.enter(p.limits.headerDeadline(), "did not send the length header and metadata within "
                    + seconds(p.limits.headerDeadline()) + " of authenticating");
        }
    }

    /** After the metadata: the payload, with a deadline scaled by its size. */
    static void payloadPhase(Socket s, long compressedSize) {
        if (s instanceof PhasedSocket p) {
            Duration d = p.limits.payloadDeadline(compressedSize);
            p.enter(d, "did not send the " + compressedSize + "-byte payload within " + seconds(d) + " ("
                    + seconds(p.limits.payloadDeadlineBase()) + " plus 1 s per "
                    + p.limits.payloadFloorBytesPerSecond() + " bytes)");
        }
    }

    /** After the payload: only the receive timeout is left. */
    static void noPhase(Socket s) {
        if (s instanceof PhasedSocket p) {
            p.enter(null, null);
        }
    }

    /** The sentence of the deadline that ended the connection, if one did. */
    static Optional<String> expired(Socket s) {
        return s instanceof PhasedSocket p ? Optional.ofNullable(p.expired) : Optional.empty();
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** A phase's deadline passed; the message is the user's explanation. */
    static final class DeadlineException extends IOException {
        private static final long serialVersionUID = 1L;

        DeadlineException(String message) {
            super(message);
        }
    }

    private static final class PhasedSocket extends Socket {
        private final HardenedLimits limits;
        private final SessionClock clock;
        private volatile int receiveTimeout;
        private volatile long deadline;
        private volatile String phase;
        private volatile String expired;
        private InputStream in;

        PhasedSocket(HardenedLimits limits, SessionClock clock) {
            this.limits = limits;
            this.clock = clock;
        }

        void enter(Duration d, String sentence) {
            phase = d == null ? null : "the client " + sentence + " (the hardened board's deadline for this phase)";
            deadline = d == null ? 0 : clock.nanoTime() + d.toNanos();
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
                        String sentence = phase;
                        if (sentence == null) {
                            return super.read(b, off, len);
                        }
                        long leftNanos = deadline - clock.nanoTime();
                        if (leftNanos <= 0) {
                            throw expire(sentence);
                        }
                        long leftMillis = Math.max(1, (leftNanos + 999_999) / 1_000_000);
                        int base = receiveTimeout;
                        boolean deadlineFirst = base == 0 || leftMillis < base;
                        PhasedSocket.super.setSoTimeout(deadlineFirst ? (int) Math.min(leftMillis, Integer.MAX_VALUE)
                                : base);
                        try {
                            return super.read(b, off, len);
                        } catch (SocketTimeoutException e) {
                            if (deadlineFirst) {
                                throw expire(sentence);
                            }
                            throw e;
                        }
                    }
                };
            }
            return in;
        }

        private DeadlineException expire(String sentence) {
            expired = sentence;
            return new DeadlineException(sentence);
        }
    }
}
