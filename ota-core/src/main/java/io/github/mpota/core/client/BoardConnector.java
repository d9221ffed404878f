package io.github.mpota.core.client;

import io.github.mpota.core.protocol.Phase;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Opening the connection to a board, the same way for every client of ours (a v1 push, the negotiating client):
 * attempts, back-off and the words of each failure in one place.
 */
public final class BoardConnector {

    private BoardConnector() {
    }

    /**
     * A connected socket to the board of {@code options}: up to {@code connectAttempts} attempts, the pause
     * doubling from {@code retryDelay}, each retry told to {@code progress}; a name that does not resolve is not
     * retried.
     */
    public static Socket connect(ClientOptions options, ProgressListener progress) throws PushException {
        long delay = options.retryDelay().toMillis();
        PushException last = null;
        for (int attempt = 1; attempt <= options.connectAttempts(); attempt++) {
            if (attempt > 1) {
                progress.onRetry(attempt, options.connectAttempts(), last.getMessage(), Duration.ofMillis(delay));
                pause(delay);
                delay *= 2;
            }
            try {
                InetAddress address = InetAddress.getByName(options.host());
                Socket socket = new Socket();
                try {
                    socket.setTcpNoDelay(true);
                    socket.connect(new InetSocketAddress(address, options.port()),
                            (int) options.connectTimeout().toMillis());
                    return socket;
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
            } catch (UnknownHostException e) {
                // A name that does not resolve now will not resolve in a second either: no retry.
                throw new PushException(PushFailure.HOST_NOT_FOUND, Phase.CONNECT, "host " + options.host()
                        + " was not found" + (options.host().endsWith(".local")
                                ? " (names ending in .local are resolved by mDNS through the system resolver)"
                                : ""), e);
            } catch (SocketTimeoutException e) {
                last = new PushException(PushFailure.CONNECT_TIMEOUT, Phase.CONNECT, "no answer from "
                        + where(options) + " within " + options.connectTimeout().toMillis() + " ms", e);
            } catch (ConnectException | NoRouteToHostException e) {
                last = new PushException(PushFailure.CONNECTION_REFUSED, Phase.CONNECT, "cannot connect to "
                        + where(options) + ": " + e.getMessage(), e);
            } catch (IOException e) {
                last = new PushException(PushFailure.CONNECTION_REFUSED, Phase.CONNECT, "cannot connect to "
                        + where(options) + ": " + e.getMessage(), e);
            }
        }
        throw new PushException(last.failure(), last.phase(), last.getMessage() + " (after "
                + options.connectAttempts() + (options.connectAttempts() == 1 ? " attempt)" : " attempts)"),
                last.getCause());
    }

    private static String where(ClientOptions options) {
        return options.host() + ":" + options.port();
    }

    private static void pause(long millis) throws PushException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushException(PushFailure.LOCAL_ERROR, Phase.CONNECT, "interrupted while waiting to retry");
        }
    }
}
