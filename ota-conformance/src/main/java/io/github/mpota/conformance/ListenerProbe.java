package io.github.mpota.conformance;

import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sees a reboot as the board's listener going away and coming back: right after a connection, a probe connects
 * and waits for a challenge. A challenge means the board is serving and did not reboot; a refused connection, a
 * connection reset or closed before a challenge, or silence past the probe's patience means it is going away;
 * then the probe retries until a challenge arrives again (the reboot) or the bound runs out. A probe answers the
 * challenge rightly and closes after the OK, so that it never counts as a wrong guess on a board that slows down
 * after wrong answers; the board takes it as a client that went away before the length header.
 */
public final class ListenerProbe implements BoardWatch {

    private final String host;
    private final int port;
    private final Duration patience;
    private final String password;

    /**
     * @param patience how long a probe waits for a challenge: longer than any delay the board may add before a
     *     challenge (a hardened board slows down after repeated wrong answers, by up to 8 s)
     */
    public ListenerProbe(String host, int port, Duration patience, String password) {
        this.host = host;
        this.port = port;
        this.patience = patience;
        this.password = password;
    }

    @Override
    public boolean afterConnection(int connection, Duration bound) throws BoardGoneException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        if (challenged()) {
            return false;
        }
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            if (challenged()) {
                return true;
            }
        }
        throw new BoardGoneException("the board at " + host + ":" + port + " went away and did not answer again within "
                + bound.toSeconds() + " s");
    }

    /** One probe: did a challenge arrive? */
    private boolean challenged() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.min(patience.toMillis(), 5000));
            s.setSoTimeout((int) patience.toMillis());
            InputStream in = s.getInputStream();
            int got = 0;
            byte[] buf = new byte[Protocol.CHALLENGE_LENGTH];
            while (got < buf.length) {
                int n = in.read(buf, got, buf.length - got);
                if (n < 0) {
                    return false;
                }
                got += n;
            }
            try {
                s.getOutputStream().write(ChallengeAnswer.of(new String(buf, StandardCharsets.US_ASCII), password));
                in.read(new byte[Reply.OK.word().length()]);
            } catch (IOException e) {
                // the challenge already showed that the board is serving
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
