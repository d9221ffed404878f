package io.github.mpota.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.fleet.BoardOutcome.Result;
import io.github.mpota.core.protocol.Phase;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The plan's rules (canaries, parallel, failure budget) with a pusher that succeeds or fails on cue. */
@Timeout(20)
class FleetPushTest {

    private static final FleetPlan.SettingNames NAMES = new FleetPlan.SettingNames("parallel", "canary", "max");

    private static List<Board> boards(int n) {
        List<Board> b = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            b.add(new Board("board" + i, 8266));
        }
        return b;
    }

    /** Succeeds for every board but those named, which fail while authenticating; records the order started. */
    private static class ScriptedPusher implements BoardPusher {
        final Set<String> failing;
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostInFlight = new AtomicInteger();
        volatile CountDownLatch gate;

        ScriptedPusher(String... failing) {
            this.failing = Set.of(failing);
        }

        @Override
        public PushResult push(Board board, io.github.mpota.core.client.ProgressListener progress)
                throws PushException {
            started.add(board.host());
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            try {
                if (gate != null) {
                    gate.countDown();
                    gate.await(5, TimeUnit.SECONDS);
                }
                progress.onProgress(100, 100);
                if (failing.contains(board.host())) {
                    throw new PushException(PushFailure.AUTHENTICATION_REFUSED, Phase.AUTHENTICATION,
                            "the device refused the password (AUTH_FAIL 3 times)");
                }
                return new PushResult(new InetSocketAddress("127.0.0.1", board.port()), 2, 300, 100, 1,
                        Duration.ofMillis(5));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    private static FleetReport run(ScriptedPusher pusher, int n, int parallel, int canary, String max)
            throws FleetException {
        FleetPlan plan = FleetPlan.of(boards(n), parallel, canary, FailureBudget.parse(max), NAMES);
        return new FleetPush(pusher, FleetListener.NONE, PushException::getMessage).run(plan);
    }

    private static List<Result> results(FleetReport r) {
        return r.outcomes().stream().map(BoardOutcome::result).toList();
    }

    @Test
    void everyBoardGetsThePushWhenAllSucceed() throws Exception {
        ScriptedPusher pusher = new ScriptedPusher();
        FleetReport r = run(pusher, 5, 4, 1, "0");
        assertEquals(List.of(Result.SUCCEEDED, Result.SUCCEEDED, Result.SUCCEEDED, Result.SUCCEEDED,
                Result.SUCCEEDED), results(r));
        assertEquals("board1", pusher.started.get(0), "the canary goes first");
        assertTrue(r.allSucceeded());
        assertEquals(100, r.outcomes().get(3).bytes());
    }

    @Test
    void aFailedCanaryStopsTheRest() throws Exception {
        ScriptedPusher pusher = new ScriptedPusher("board1");
        FleetReport r = run(pusher, 4, 4, 1, "3");
        assertEquals(List.of("board1"), pusher.started);
        assertEquals(List.of(Result.FAILED, Result.SKIPPED, Result.SKIPPED, Result.SKIPPED), results(r));
        assertEquals(Optional.of(Phase.AUTHENTICATION), r.outcomes().get(0).phase());
        assertEquals("not started: canary board1:8266 failed", r.outcomes().get(1).message());
    }

    @Test
    void theRestStartsOnlyAfterEveryCanarySucceeded() throws Exception {
        ScriptedPusher pusher = new ScriptedPusher("board2");
        FleetReport r = run(pusher, 5, 4, 2, "10");
        assertEquals(Set.of("board1", "board2"), Set.copyOf(pusher.started));
        assertEquals(List.of(Result.SUCCEEDED, Result.FAILED, Result.SKIPPED, Result.SKIPPED, Result.SKIPPED),
                results(r));
    }

    @Test
    void noMoreThanParallelPushesRunAtOnce() throws Exception {
        ScriptedPusher pusher = new ScriptedPusher();
        pusher.gate = new CountDownLatch(3);
        FleetReport r = run(pusher, 10, 3, 0, "0");
        assertTrue(r.allSucceeded());
        assertEquals(3, pusher.mostInFlight.get(), "three at once, never more");
    }

    @Test
    void failuresBeyondTheBudgetStopNewPushes() throws Exception {
        // One at a time, so that the order is fixed: board2 and board3 fail; a budget of 1 stops after board3.
        ScriptedPusher pusher = new ScriptedPusher("board2", "board3");
        FleetReport r = run(pusher, 6, 1, 1, "1");
        assertEquals(List.of("board1", "board2", "board3"), pusher.started);
        assertEquals(List.of(Result.SUCCEEDED, Result.FAILED, Result.FAILED, Result.SKIPPED, Result.SKIPPED,
                Result.SKIPPED), results(r));
        assertEquals("not started: 2 boards failed, more than the 1 allowed", r.outcomes().get(3).message());
    }

    @Test
    void aPercentageBudgetCountsTheFleet() throws Exception {
        // 20% of 10 boards is 2 failures tolerated: the third failure stops the push.
        ScriptedPusher pusher = new ScriptedPusher("board2", "board3", "board4", "board5");
        FleetReport r = run(pusher, 10, 1, 1, "20%");
        assertEquals(List.of("board1", "board2", "board3", "board4"), pusher.started);
        assertEquals(6, r.with(Result.SKIPPED).size());
        assertEquals("not started: 3 boards failed, more than the 20% (2 of 10) allowed",
                r.outcomes().get(4).message());
    }

    @Test
    void pushesAlreadyRunningWhenTheBudgetRunsOutAreLetFinish() throws Exception {
        // board2 and board3 start together (parallel 2) after the canary; board2 fails, board3 still completes
        // (it ends only after board2's failure is known, so that board4 is asked after it).
        CountDownLatch board2Reported = new CountDownLatch(1);
        FleetPlan plan = FleetPlan.of(boards(4), 2, 1, FailureBudget.NONE, NAMES);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        FleetListener listener = new FleetListener() {
            @Override
            public void stopped(String reason) {
                events.add(reason);
            }

            @Override
            public void finished(BoardOutcome outcome) {
                if (outcome.board().host().equals("board2")) {
                    board2Reported.countDown();
                }
            }
        };
        ScriptedPusher paired = new ScriptedPusher("board2") {
            final CountDownLatch both = new CountDownLatch(2);

            @Override
            public PushResult push(Board board, io.github.mpota.core.client.ProgressListener progress)
                    throws PushException {
                if (!board.host().equals("board1")) {
                    both.countDown();
                    try {
                        both.await(5, TimeUnit.SECONDS);
                        if (board.host().equals("board3")) {
                            board2Reported.await(5, TimeUnit.SECONDS);
                        }
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return super.push(board, progress);
            }
        };
        FleetReport r = new FleetPush(paired, listener, PushException::getMessage).run(plan);
        assertEquals(List.of(Result.SUCCEEDED, Result.FAILED, Result.SUCCEEDED, Result.SKIPPED), results(r));
        assertEquals(List.of("1 board failed, more than the 0 allowed; 1 board not started"), events);
    }

    @Test
    void settingsAreChecked() {
        FleetException e = org.junit.jupiter.api.Assertions.assertThrows(FleetException.class,
                () -> FleetPlan.of(boards(2), 0, 1, FailureBudget.NONE, NAMES));
        assertEquals("parallel must be 1 or more, was 0", e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(FleetException.class, () -> FailureBudget.parse("lots"));
        assertEquals("max failures must be a count (0, 2) or a percentage of the fleet (10%), was 'lots'",
                e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(FleetException.class, () -> FailureBudget.parse("150%"));
        assertTrue(e.getMessage().contains("'150%'"));
    }

    @Test
    void everyBoardIsReportedOnceWhateverTheThreads() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        FleetListener listener = new FleetListener() {
            @Override
            public void finished(BoardOutcome outcome) {
                assertTrue(seen.add(outcome.board().host()), "reported twice: " + outcome.board());
            }
        };
        FleetPlan plan = FleetPlan.of(boards(20), 4, 1, FailureBudget.NONE, NAMES);
        FleetReport r = new FleetPush(new ScriptedPusher("board7"), listener, PushException::getMessage).run(plan);
        assertEquals(20, seen.size());
        assertEquals(1, r.with(Result.FAILED).size());
    }
}
