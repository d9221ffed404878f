package io.github.mpota.runtime.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * Slows down online guessing of the OTA password on the hardened board. After each wrong response from an address,
 * that address's next challenge is held back: the first {@link HardenedLimits#freeFailures()} failures cost
 * nothing, then {@link HardenedLimits#firstDelay()}, doubling up to {@link HardenedLimits#maxDelay()}. Once
 * {@link HardenedLimits#globalThreshold()} failures from all addresses fall within
 * {@link HardenedLimits#globalWindow()}, every challenge is held until {@link HardenedLimits#globalInterval()} after
 * the last failure, whoever sent it. A right response resets its address.
 *
 * <p>Delays are counted from the failure, not from the next connection: a client that comes back later waits
 * only for what is left, and a client that knows the password never waits at all.
 */
final class AuthThrottle {

    private final HardenedLimits limits;
    private final SessionClock clock;
    /** Per address: failures and the time of the last one, oldest first (access order) for eviction. */
    private final LinkedHashMap<InetAddress, long[]> addresses = new LinkedHashMap<>(16, 0.75f, true);
    private final Deque<Long> recentFailures = new ArrayDeque<>();

    AuthThrottle(HardenedLimits limits, SessionClock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /**
     * Waits until a challenge may go to {@code from}; tells {@code log} why when it waits.
     *
     * @return how long it waited
     */
    Duration awaitTurn(InetAddress from, Consumer<String> log) throws InterruptedException {
        Wait w = waitFor(from);
        if (!w.time().isZero()) {
            log.accept("Slowing down: " + w.why() + "; the next challenge to " + from.getHostAddress() + " waits "
                    + w.time().toMillis() + " ms");
            clock.sleep(w.time());
        }
        return w.time();
    }

    /** How long a challenge to {@code from} must wait now, and why. */
    synchronized Wait waitFor(InetAddress from) {
        long now = clock.nanoTime();
        forgetOld(now);
        long wait = 0;
        String why = "";
        long[] a = addresses.get(from);
        if (a != null && a[0] > limits.freeFailures()) {
            long delay = delayAfter((int) a[0]).toNanos();
            wait = Math.max(0, a[1] + delay - now);
            why = a[0] + " wrong responses from this address";
        }
        if (recentFailures.size() >= limits.globalThreshold()) {
            long global = Math.max(0, recentFailures.peekLast() + limits.globalInterval().toNanos() - now);
            if (global > wait) {
                wait = global;
                why = recentFailures.size() + " wrong responses from all addresses in the last "
                        + limits.globalWindow().toSeconds() + " s";
            }
        }
        return new Wait(Duration.ofNanos(wait), why);
    }

    /** The delay after the {@code failures}-th consecutive failure (past the free ones). */
    Duration delayAfter(int failures) {
        int doublings = failures - limits.freeFailures() - 1;
        if (doublings < 0) {
            return Duration.ZERO;
        }
        Duration d = limits.firstDelay();
        for (int i = 0; i < doublings && d.compareTo(limits.maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : d;
    }

    synchronized void failed(InetAddress from) {
        long now = clock.nanoTime();
        long[] a = addresses.computeIfAbsent(from, k -> new long[2]);
        a[0]++;
        a[1] = now;
        recentFailures.addLast(now);
        if (addresses.size() > limits.maxAddresses()) {
            Iterator<InetAddress> stalest = addresses.keySet().iterator();
            stalest.next();
            stalest.remove();
        }
    }

    synchronized void succeeded(InetAddress from) {
        addresses.remove(from);
    }

    private void forgetOld(long now) {
        long window = limits.globalWindow().toNanos();
        while (!recentFailures.isEmpty() && now - recentFailures.peekFirst() > window) {
            recentFailures.removeFirst();
        }
        long forget = limits.forgetAfter().toNanos();
        addresses.values().removeIf(a -> now - a[1] > forget);
    }

    record Wait(Duration time, String why) {
    }
}
