package io.github.mpota.runtime.server;

import io.github.mpota.core.device.AuthOutcome;
import io.github.mpota.core.device.DeviceConnection;
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
import io.github.mpota.core.auth.ChallengeSequence;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Consumer;

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
         * Resets the board after a successful update of session {@code session}; returns the port to listen on
         * again, or a negative number when the board does not come back online.
         */
        int reboot(int session);

        /** Told when a session has ended (on success, after the reboot has completed). */
        void sessionEnded(SessionOutcome outcome);
    }

    private final InetAddress bindAddress;
    private final Profile profile;
    private final SessionHandler handler;
    private final FlashFilesystem flash;
    private final Transcript transcript;
    private final Consumer<String> log;
    private final Duration ioTimeout;
    private final Board board;
    private final Duration rebootDelay;
    private final ChallengeSequence challenges = new ChallengeSequence(new SecureRandom());

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
            Board board) {
        this(bindAddress, profile, flash, transcript, log, ioTimeout, rebootDelay, moveObserver, board,
                V2Settings.defaults());
    }

    /** With the hardened profile's protocol v2 settings (the upstream profile speaks v1 only). */
    public OtaServer(InetAddress bindAddress, Profile profile, FlashFilesystem flash, Transcript transcript,
            Consumer<String> log, Duration ioTimeout, Duration rebootDelay, UpdateJournal.MoveObserver moveObserver,
            Board board, V2Settings v2) {
        this.bindAddress = bindAddress;
        this.profile = profile;
        this.handler = profile == Profile.UPSTREAM ? new UpstreamUpdate()
                : new HardenedV2Session(new HardenedUpdate(moveObserver), v2);
        this.flash = flash;
        this.transcript = transcript;
        this.log = log;
        this.ioTimeout = ioTimeout;
        this.rebootDelay = rebootDelay;
        this.board = board;
    }

    /** Listens on {@code port} (0 = a free one) with a backlog of 1; returns the bound port. */
    public int bind(int port) throws IOException {
        ServerSocket s = new ServerSocket();
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
            int port = board.reboot(number);
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
            conn = new DeviceConnection(socket);
            socket.setSoTimeout((int) ioTimeout.toMillis());
            flash.rescan();
            BoardContext ctx = new BoardContext(flash, board.otaPassword(), challenges, ioTimeout);
            AuthOutcome auth;
            try {
                auth = handler.authenticate(conn, ctx, rec);
            } catch (IOException e) {
                auth = AuthOutcome.ABORTED;
            }
            if (auth == AuthOutcome.REFUSED) {
                reason = "authentication failed " + Protocol.MAX_AUTH_ATTEMPTS
                        + " times: the response does not match the OTA password; the device closed the connection";
                reply = Reply.AUTH_FAIL.word();
                rec.log("Authentication failed " + Protocol.MAX_AUTH_ATTEMPTS + " times; closing");
            } else if (auth == AuthOutcome.ABORTED) {
                reason = "the client sent no valid response during authentication (it went away, timed out after "
                        + ioTimeout.toSeconds() + " s, or sent bytes that are not text); closed without a word";
                reply = rec.lastReply();
                rec.log("Authentication aborted; closing");
            } else {
                rec.log("Authenticated");
                try {
                    handler.update(conn, ctx, rec);
                    success = true;
                    rec.log("Update successful (" + rec.filesWritten().size() + " files)"
                            + (rec.rebootSkipped() ? "; no reboot" : "; rebooting"));
                } catch (UpdateFailure f) {
                    reason = f.getMessage();
                    if (!f.silent()) {
                        rec.trySendFail(conn);
                    }
                    rec.log("Update failed: " + reason);
                }
                reply = rec.lastReply();
            }
        } catch (IOException e) {
            reason = "connection error: " + e.getMessage();
            reply = rec.lastReply();
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
