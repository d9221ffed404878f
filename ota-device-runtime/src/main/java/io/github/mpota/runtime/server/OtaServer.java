package io.github.mpota.runtime.server;

import io.github.mpota.core.auth.ChallengeSequence;
import io.github.mpota.core.device.AuthOutcome;
import io.github.mpota.core.device.DeviceConnection;
import io.github.mpota.core.device.DeviceListener;
import io.github.mpota.core.device.FixedLengthReads;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.SessionOutcome;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.transcript.Transcript;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The board's OTA server: one client at a time (listen backlog 1), the sequence of PROTOCOL.md by the chosen
 * profile, and after {@code UPDATE_SUCCESS} the reset: the listener closes, the board waits
 * {@link Protocol#REBOOT_DELAY} and boots again through {@link Board#reboot}.
 */
public final class OtaServer implements AutoCloseable {

    /** What the server needs from the board around it. */
    public interface Board {
        /** The OTA password of the configuration in force. */
        String otaPassword();

        /**
         * Resets the board after the successful update {@code outcome}; returns the port to listen on again, or a
         * negative number when the board does not come back online.
         */
        int reboot(SessionOutcome outcome);

        /** Told when a session has ended (on success, after the reboot has completed). */
        void sessionEnded(SessionOutcome outcome);
    }

    private final InetAddress bindAddress;
    private final Profile profile;
    private final SessionHandler handler;
    /** How the profile reads the response of step 2 (its handler reads the length field of step 4 alike). */
    private final FixedLengthReads reads;
    private final FlashFilesystem flash;
    private final Transcript transcript;
    private final Consumer<String> log;
    private final Duration ioTimeout;
    private final Board board;
    private final Duration rebootDelay;
    private final ChallengeSequence challenges = new ChallengeSequence(new SecureRandom());
    private final HardenedLimits limits;
    private final SessionClock clock;
    /** The hardened profile's protocol v2 (beside its v1); none for upstream, which speaks v1 only. */
    private final HardenedV2Session v2;
    /**
     * The hardened profile's count of wrong responses, for the pause before each AUTH_FAIL; none for upstream, as
     * the reference. Like a board's memory, it does not outlive a reset.
     */
    private final AuthThrottle throttle;

    private final Object lock = new Object();
    private ServerSocket listener;
    private Socket client;
    private Thread thread;
    private volatile boolean stopping;
    /** Written by the serving thread only; read by others to learn how many sessions have begun. */
    private volatile int sessions;
    /** Set by the serving thread: a v2 session that changed nothing succeeds without a reset. */
    private boolean rebootAfterSession;

    public OtaServer(InetAddress bindAddress, Profile profile, FlashFilesystem flash, Transcript transcript,
            Consumer<String> log, Duration ioTimeout, Duration rebootDelay, UpdateJournal.MoveObserver moveObserver,
            Board board, HardenedLimits limits, SessionClock clock, V2Settings v2) {
        this.bindAddress = bindAddress;
        this.profile = profile;
        this.limits = limits;
        this.clock = clock;
        this.throttle = profile == Profile.UPSTREAM ? null : new AuthThrottle(limits, clock);
        this.v2 = profile == Profile.UPSTREAM ? null
                : new HardenedV2Session(new HardenedUpdate(moveObserver), v2, throttle);
        this.handler = profile == Profile.UPSTREAM ? new UpstreamUpdate() : this.v2;
        this.reads = profile == Profile.UPSTREAM ? FixedLengthReads.REFERENCE : FixedLengthReads.EXACT;
        this.flash = flash;
        this.transcript = transcript;
        this.log = log;
        this.ioTimeout = ioTimeout;
        this.rebootDelay = rebootDelay;
        this.board = board;
    }

    /** Listens on {@code port} (0 = a free one) with a backlog of 1; returns the bound port. */
    public int bind(int port) throws IOException {
        ServerSocket s = profile == Profile.HARDENED ? PhaseDeadlines.listener(limits, clock) : new ServerSocket();
        try {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(bindAddress, port), 1);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        synchronized (lock) {
            listener = s;
        }
        // Bound at boot and after every reset: the wrong responses counted before start again from 0.
        if (throttle != null) {
            throttle.forgetAll();
        }
        transcript.record(0, TranscriptEvent.Type.LISTENING, "address", bindAddress.getHostAddress(),
                "port", s.getLocalPort());
        log.accept("OTA server listening on " + bindAddress.getHostAddress() + ":" + s.getLocalPort() + " ("
                + profile.label() + " profile)");
        return s.getLocalPort();
    }

    /** Serves in a background thread until {@link #close()}. */
    public void start(String threadName) {
        Thread t = new Thread(this::serveLoop, threadName);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Sessions begun so far: a client counts from the moment it is accepted. */
    public int sessionsBegun() {
        return sessions;
    }

    private void serveLoop() {
        try {
            serveUntilStopped();
        } finally {
            // A reboot may have bound a new listener after close() closed the old one: it must not outlive us.
            closeListener();
        }
    }

    private void serveUntilStopped() {
        while (!stopping) {
            ServerSocket s;
            synchronized (lock) {
                s = listener;
            }
            if (s == null) {
                return;
            }
            Socket accepted;
            try {
                accepted = s.accept();
            } catch (IOException e) {
                if (!stopping) {
                    log.accept("OTA server stopped accepting: " + e.getMessage());
                }
                return;
            }
            int number = ++sessions;
            SessionOutcome outcome = serve(accepted, number);
            if (!outcome.success() || !rebootAfterSession) {
                board.sessionEnded(outcome);
                continue;
            }
            closeListener();
            try {
                Thread.sleep(rebootDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                board.sessionEnded(outcome);
                return;
            }
            if (stopping) {
                board.sessionEnded(outcome);
                return;
            }
            int port = board.reboot(outcome);
            board.sessionEnded(outcome);
            if (port < 0) {
                return;
            }
        }
    }

    private SessionOutcome serve(Socket socket, int number) {
        synchronized (lock) {
            client = socket;
        }
        SessionRecorder rec = new SessionRecorder(number, transcript, log);
        String remote = socket.getInetAddress().getHostAddress();
        rec.event(TranscriptEvent.Type.CONNECT, "address", remote, "port", socket.getPort());
        rec.log("Client connected from ('" + remote + "', " + socket.getPort() + ")");
        boolean success = false;
        String reason = null;
        String reply;
        DeviceConnection conn = null;
        try {
            conn = new DeviceConnection(socket, throttle == null ? rec : throttled(rec, socket));
            socket.setSoTimeout((int) ioTimeout.toMillis());
            BoardContext ctx = new BoardContext(flash, board.otaPassword(), challenges, ioTimeout, socket);
            AuthOutcome auth;
            try {
                auth = conn.authenticate(ctx.otaPassword(), challengeFor(socket), reads, v2 == null
                        ? DeviceConnection.ResponseFilter.NONE
                        : (attempt, challenge, response) -> v2.inspect(attempt, challenge, response,
                                ctx.otaPassword(), rec));
            } catch (IOException e) {
                auth = AuthOutcome.ABORTED;
            }
            if (auth == AuthOutcome.REFUSED) {
                reason = "authentication failed " + Protocol.MAX_AUTH_ATTEMPTS
                        + " times: the response does not match the OTA password; the device closed the connection";
                reply = Reply.AUTH_FAIL.word();
                rec.log("Authentication failed " + Protocol.MAX_AUTH_ATTEMPTS + " times; closing");
            } else if (auth == AuthOutcome.ABORTED) {
                reason = PhaseDeadlines.expired(socket).map(d -> d + "; closed without a word").orElse(
                        "the client sent no valid response during authentication (it went away, timed out after "
                        + ioTimeout.toSeconds() + " s, or sent bytes that are not text); closed without a word");
                reply = rec.lastReply();
                rec.log("Authentication aborted; closing");
            } else {
                if (v2 != null && v2.handedOver()) {
                    // Not authenticated yet: the v2 proofs follow, and the v2 session counts the folder after them.
                    rec.log("Protocol v2 opening; the proofs follow");
                } else {
                    rec.log("Authenticated");
                    // Counted only now: an unauthenticated client must not make the board walk its whole folder.
                    flash.rescan();
                }
                try {
                    handler.update(conn, ctx, rec);
                    success = true;
                    rec.log("Update successful (" + rec.filesWritten().size() + " files)"
                            + (rec.rebootSkipped() ? "; no reboot" : "; rebooting"));
                } catch (UpdateFailure f) {
                    reason = f.getMessage();
                    if (!f.silent()) {
                        conn.trySend(Reply.FAIL);
                    }
                    rec.log("Update failed: " + reason);
                }
                reply = rec.lastReply();
            }
        } catch (IOException e) {
            reason = "connection error: " + e.getMessage();
            reply = rec.lastReply();
        } catch (RuntimeException | Error e) {
            // A bug in one session must not stop the board: as the MicroPython server, log it and keep serving.
            reason = "unexpected error: " + e + "; the board keeps serving";
            reply = rec.lastReply();
            java.io.StringWriter trace = new java.io.StringWriter();
            e.printStackTrace(new java.io.PrintWriter(trace));
            rec.log("Unexpected error in session " + number + ": " + trace.toString().stripTrailing());
        } finally {
            if (conn != null) {
                conn.close();
            } else {
                closeQuietly(socket);
            }
            synchronized (lock) {
                client = null;
            }
        }
        rebootAfterSession = success && !rec.rebootSkipped();
        rec.event(TranscriptEvent.Type.CLOSE, "success", success, "reason", reason);
        return new SessionOutcome(number, success, reply, reason, rec.filesWritten());
    }

    /**
     * The next challenge; on a hardened board the response's deadline starts as the challenge is handed to the
     * socket (the MicroPython server starts it just after), so a client cannot begin before its deadline does.
     */
    private Supplier<String> challengeFor(Socket socket) {
        if (throttle == null) {
            return challenges::next;
        }
        return () -> {
            String challenge = challenges.next();
            PhaseDeadlines.responsePhase(socket);
            return challenge;
        };
    }

    /**
     * The recorder, also telling the hardened throttle how each response went (a wrong one waits out its pause
     * before AUTH_FAIL), and starting the header phase's deadline before the OK goes out, so that the client's
     * next phase cannot begin before its deadline does.
     */
    private DeviceListener throttled(SessionRecorder rec, Socket socket) {
        InetAddress from = socket.getInetAddress();
        return new DeviceListener() {
            @Override
            public void challengeSent(int attempt, String challenge) {
                rec.challengeSent(attempt, challenge);
            }

            @Override
            public void responseChecked(int attempt, boolean accepted, int receivedBytes) {
                rec.responseChecked(attempt, accepted, receivedBytes);
                if (accepted) {
                    throttle.succeeded(from);
                    PhaseDeadlines.headerPhase(socket);
                } else {
                    // Before AUTH_FAIL goes out (also after the third): guessing costs the guesser time.
                    try {
                        throttle.pauseBeforeAuthFail(from, attempt, rec::log);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt(); // the board is stopping: its close ends this connection
                    }
                }
            }

            @Override
            public void responseUnreadable(int attempt, String why) {
                rec.responseUnreadable(attempt, why);
            }

            @Override
            public void replySent(Reply reply) {
                rec.replySent(reply);
            }
        };
    }

    private void closeListener() {
        ServerSocket s;
        synchronized (lock) {
            s = listener;
            listener = null;
        }
        closeQuietly(s);
    }

    /** Closes the listener and any connection, and waits for the serving thread to end. */
    @Override
    public void close() {
        stopping = true;
        Socket c;
        synchronized (lock) {
            c = client;
        }
        closeListener();
        closeQuietly(c);
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing is all that is wanted
        }
    }
}
