package io.github.mpota.runtime.server;

import io.github.mpota.core.protocol.Protocol;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Slows down online guessing of the OTA password on the hardened board, by the MicroPython server's rule
 * ({@code ota/auth.py}): after a wrong response the board waits before its {@code AUTH_FAIL} (the third included)
 * {@code min(5 s, 250 ms << (k - 1))} ({@link HardenedLimits#pause(int)}), where {@code k} is the failures of the
 * client's address since that address's last right response, or all failures since the last right response divided
 * by {@link HardenedLimits#failuresPerStep() 3}, whichever is more; both count the failure being answered. A right
 * response resets its address and the overall count and is answered at once: nothing ever waits before a challenge or
 * an {@code OK}. The board serves one client at a time, so every wrong guess costs at least its pause.
 *
 * <p>The address is the IP alone: the port changes with every connection. At most
 * {@link HardenedLimits#maxAddresses()} are kept; a new one, when full, makes the board forget the address with the
 * fewest failures (the least recently failing of them on a tie; the overall count keeps its failures).
 */
final class AuthThrottle {

    private final HardenedLimits limits;
    private final SessionClock clock;
    /** Failures per address, least recently failing first (an address moves to the end at each failure). */
    private final Map<InetAddress, Integer> failures = new LinkedHashMap<>();
    private int overall;

    AuthThrottle(HardenedLimits limits, SessionClock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Counts the wrong response of {@code attempt} from {@code from}, tells {@code log}, and waits the pause before its
     * {@code AUTH_FAIL} on the board's clock.
     *
     * @return the pause
     */
    Duration pauseBeforeAuthFail(InetAddress from, int attempt, Consumer<String> log) throws InterruptedException {
        Duration pause = failed(from);
        log.accept("Wrong response to the challenge (attempt " + attempt + " of " + Protocol.MAX_AUTH_ATTEMPTS
                + "); AUTH_FAIL after " + pause.toMillis() + " ms");
        clock.sleep(pause);
        return pause;
    }

    /** Counts a wrong response from {@code from}; returns the pause before its {@code AUTH_FAIL}. */
    synchronized Duration failed(InetAddress from) {
        Integer before = failures.remove(from);
        if (before == null && failures.size() >= limits.maxAddresses()) {
            forgetFewest();
        }
        int n = before == null ? 1 : before + 1;
        failures.put(from, n);
        if (overall < Integer.MAX_VALUE) {
            overall++;
        }
        return limits.pause(Math.max(n, overall / limits.failuresPerStep()));
    }

    /** A right response from {@code from}: its address and the overall count start again from zero. */
    synchronized void succeeded(InetAddress from) {
        failures.remove(from);
        overall = 0;
    }

    /** The board reset: every count starts again from 0, as in a board's memory. */
    synchronized void forgetAll() {
        failures.clear();
        overall = 0;
    }

    private void forgetFewest() {
        InetAddress fewest = null;
        int least = Integer.MAX_VALUE;
        for (Map.Entry<InetAddress, Integer> e : failures.entrySet()) {
            if (e.getValue() < least) {
                least = e.getValue();
                fewest = e.getKey();
            }
        }
        failures.remove(fewest);
    }
}
