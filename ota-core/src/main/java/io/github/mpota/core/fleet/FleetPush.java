package io.github.mpota.core.fleet;

import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.fleet.BoardOutcome.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Pushes one payload to many boards: the canaries first (all of them must succeed), then the others,
 * {@code parallel} at a time, until the failures exceed the budget; a board never started is reported as
 * skipped with the reason. Pushes already running when the push stops are let finish, since cutting a board
 * off in the middle of its update is worse than one more failure.
 */
public final class FleetPush {

    private static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private final BoardPusher pusher;
    private final FleetListener listener;
    private final Function<PushException, String> explain;

    /**
     * @param explain turns a failed push into the sentence the report keeps (a front end's advice, or the message)
     */
    public FleetPush(BoardPusher pusher, FleetListener listener, Function<PushException, String> explain) {
        this.pusher = pusher;
        this.listener = listener;
        this.explain = explain;
    }

    /**
     * Pushes the plan's boards and returns when every started push has ended. The canaries go first, {@code parallel}
     * at a time; if any fails, no other board starts. The others then start {@code parallel} at a time until the
     * failures exceed the plan's budget; the boards never started are reported as skipped, with the reason.
     *
     * <p>The pushes run on a pool of daemon threads of its own, so the listener is called from them (its
     * {@code heartbeat}, about once a second while it waits, and {@code stopped} from the calling thread). A failed
     * board is an outcome in the report, never an exception: {@code explain} turns its {@link PushException} into
     * the report's sentence. An interrupt stops new pushes; the running ones are let finish.
     *
     * @param plan the boards in order, the canaries, the parallelism and the failure budget
     * @return one outcome per board, in the plan's order, and the whole push's time
     */
    public FleetReport run(FleetPlan plan) {
        long start = System.nanoTime();
        List<Board> boards = plan.boards();
        BoardOutcome[] outcomes = new BoardOutcome[boards.size()];
        AtomicInteger failures = new AtomicInteger();
        int allowed = plan.maxFailures().allowed(boards.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(plan.parallel(), boards.size()),
                daemonThreads());
        try {
            List<Integer> canaries = range(0, plan.canary());
            List<Integer> rest = range(plan.canary(), boards.size());
            wave(pool, plan, canaries, outcomes, () -> failures.get() == 0 ? null : "a canary failed", failures,
                    true);
            if (failures.get() > 0) {
                String failed = failedCanaries(outcomes, canaries);
                skip(rest, boards, outcomes, "not started: " + failed + " failed", false);
                listener.stopped(failed + " failed; " + boards(rest.size()) + " not started");
            } else {
                wave(pool, plan, rest, outcomes, () -> failures.get() <= allowed ? null
                        : boards(failures.get()) + " failed, more than the "
                                + plan.maxFailures().describe(boards.size()) + " allowed", failures, false);
            }
        } finally {
            pool.shutdownNow();
        }
        return new FleetReport(plan, List.of(outcomes), Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Starts the boards of {@code indices} in order, at most {@code parallel} at once, as long as {@code stop}
     * gives no reason to stop (asked before each start); then waits until every started push has finished.
     */
    private void wave(ExecutorService pool, FleetPlan plan, List<Integer> indices, BoardOutcome[] outcomes,
            Supplier<String> stop, AtomicInteger failures, boolean canary) {
        Semaphore slots = new Semaphore(plan.parallel());
        for (int k = 0; k < indices.size(); k++) {
            int i = indices.get(k);
            Board board = plan.boards().get(i);
            String reason;
            try {
                acquire(slots, 1);
                reason = stop.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reason = "the fleet push was interrupted";
            }
            if (reason != null) {
                slots.release();
                List<Integer> left = indices.subList(k, indices.size());
                skip(left, plan.boards(), outcomes, "not started: " + reason, canary);
                if (!canary) {
                    listener.stopped(reason + "; " + boards(left.size()) + " not started");
                }
                break;
            }
            pool.execute(() -> {
                try {
                    BoardOutcome outcome = pushOne(board, canary);
                    if (outcome.result() == Result.FAILED) {
                        failures.incrementAndGet();
                    }
                    outcomes[i] = outcome;
                    listener.finished(outcome);
                } finally {
                    slots.release();
                }
            });
        }
        // Every slot back means every push of this wave has finished.
        try {
            acquire(slots, plan.parallel());
        } catch (InterruptedException e) {
            // The pushes still running are let finish, as on any stop; the pool's threads are daemons.
            Thread.currentThread().interrupt();
            slots.acquireUninterruptibly(plan.parallel());
        }
    }

    /** Waits for {@code n} slots, with a heartbeat to the listener every second meanwhile. */
    private void acquire(Semaphore slots, int n) throws InterruptedException {
        while (!slots.tryAcquire(n, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS)) {
            listener.heartbeat();
        }
    }

    private BoardOutcome pushOne(Board board, boolean canary) {
        listener.started(board, canary);
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        try {
            PushResult r = pusher.push(board, (s, total) -> {
                sent.set(s);
                listener.progress(board, s, total);
            });
            return new BoardOutcome(board, Result.SUCCEEDED, Optional.empty(), "", r.compressedBytes(), r.elapsed(),
                    canary);
        } catch (PushException e) {
            return new BoardOutcome(board, Result.FAILED, Optional.of(e.phase()), explain.apply(e), sent.get(),
                    Duration.ofNanos(System.nanoTime() - start), canary);
        } catch (RuntimeException e) {
            // A bug or a resource problem on this machine must not take the other boards' pushes down with it.
            return new BoardOutcome(board, Result.FAILED, Optional.empty(), "internal error: " + e, sent.get(),
                    Duration.ofNanos(System.nanoTime() - start), canary);
        }
    }

    private void skip(List<Integer> indices, List<Board> boards, BoardOutcome[] outcomes, String why,
            boolean canary) {
        for (int i : indices) {
            outcomes[i] = BoardOutcome.skipped(boards.get(i), why, canary);
            listener.finished(outcomes[i]);
        }
    }

    private static String failedCanaries(BoardOutcome[] outcomes, List<Integer> canaries) {
        List<String> names = new ArrayList<>();
        for (int i : canaries) {
            if (outcomes[i] != null && outcomes[i].result() == Result.FAILED) {
                names.add(outcomes[i].board().label());
            }
        }
        return (names.size() == 1 ? "canary " : "canaries ") + String.join(", ", names);
    }

    private static String boards(int n) {
        return n + (n == 1 ? " board" : " boards");
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) {
            r.add(i);
        }
        return r;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ota-fleet-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
