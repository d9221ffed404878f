package io.github.mpota.core.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import lu.luz.jzopfli.Deflate;
import lu.luz.jzopfli.ZopfliH;

/**
 * Optimal parsing (jzopfli, a Java port of zopfli) on segments of the stream, encoded in parallel and joined bit
 * to bit by a {@link BitJoiner} into one raw deflate stream.
 *
 * <p>Each segment is handed to zopfli with the 32 KiB before it as its window ({@code ZopfliDeflatePart} with
 * {@code instart} past that window), so matches reach across a join as in one stream; only the block boundaries
 * at the joins are forced. Memory stays flat: a segment is read, encoded and written, and at most
 * {@code threads + 1} segments are held at once, whatever the project's size.
 */
final class ZopfliEncoder implements PayloadEncoder {

    static final int SEGMENT_SIZE = 128 * 1024;
    static final int WINDOW_SIZE = 32 * 1024;
    /** Zopfli's own default is 15; 5 gives within 0.1 % of its size in 60 % of its time (docs/PERFORMANCE.md). */
    static final int ITERATIONS = 5;
    /** The most heap one segment in flight was seen to need (zopfli's match cache is ~30 bytes per input byte). */
    static final long HEAP_PER_THREAD = 12L * 1024 * 1024;

    private static final int BTYPE_DYNAMIC = 2;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;

    ZopfliEncoder(int threads) {
        this.threads = threads;
    }

    @Override
    public String describe() {
        return "zopfli, " + ITERATIONS + " iterations, " + threads + (threads == 1 ? " thread" : " threads");
    }

    @Override
    public void encode(InputStream in, long size, OutputStream out, Duration budget)
            throws IOException, OverBudgetException {
        long start = System.nanoTime();
        long deadline = budget == null ? Long.MAX_VALUE : start + budget.toNanos();
        BitJoiner joiner = new BitJoiner(out);
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        Deque<Future<Encoded>> inFlight = new ArrayDeque<>();
        AtomicLong busyNanos = new AtomicLong();
        long doneBytes = 0;
        try {
            byte[] window = new byte[0];
            byte[] segment = in.readNBytes(SEGMENT_SIZE);
            while (true) {
                byte[] next = segment.length < SEGMENT_SIZE ? new byte[0] : in.readNBytes(SEGMENT_SIZE);
                boolean last = next.length == 0;
                byte[] input = concat(window, segment);
                int instart = window.length;
                inFlight.add(pool.submit(() -> encodeSegment(input, instart, last, busyNanos)));
                if (inFlight.size() > threads) {
                    doneBytes += drain(inFlight.removeFirst(), joiner, deadline);
                    checkProjection(start, deadline, size, doneBytes, busyNanos.get());
                }
                if (last) {
                    break;
                }
                window = Arrays.copyOfRange(input, Math.max(0, input.length - WINDOW_SIZE), input.length);
                segment = next;
            }
            while (!inFlight.isEmpty()) {
                doneBytes += drain(inFlight.removeFirst(), joiner, deadline);
                checkProjection(start, deadline, size, doneBytes, busyNanos.get());
            }
            joiner.finish();
        } finally {
            // zopfli cannot be interrupted: a segment cut short by the budget ends on its own daemon thread.
            pool.shutdownNow();
        }
    }

    /**
     * Gives up once the work still to do cannot end by the deadline: the time per byte that one thread has taken
     * so far, spread over the threads.
     */
    private void checkProjection(long start, long deadline, long size, long doneBytes, long busyNanos)
            throws OverBudgetException {
        if (deadline == Long.MAX_VALUE || doneBytes == 0) {
            return;
        }
        long now = System.nanoTime();
        double remaining = (double) Math.max(0, size - doneBytes) * busyNanos / doneBytes / threads;
        if (now + remaining > deadline) {
            throw new OverBudgetException("zopfli would take about "
                    + Math.round((now - start + remaining) / 1e6) + " ms, over the budget");
        }
    }

    private static long drain(Future<Encoded> f, BitJoiner joiner, long deadline)
            throws IOException, OverBudgetException {
        Encoded e;
        try {
            e = deadline == Long.MAX_VALUE ? f.get() : f.get(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (TimeoutException ex) {
            throw new OverBudgetException("zopfli did not finish within the budget");
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while deflating the payload", ex);
        } catch (ExecutionException ex) {
            throw new IOException("the zopfli encoder failed: " + ex.getCause(), ex.getCause());
        }
        joiner.write(e.bytes, e.bits);
        return e.rawBytes;
    }

    private static Encoded encodeSegment(byte[] input, int instart, boolean last, AtomicLong busyNanos) {
        long t0 = System.nanoTime();
        ZopfliH.ZopfliOptions options = new ZopfliH.ZopfliOptions();
        options.numiterations = ITERATIONS;
        byte[] bitPointer = {0};
        byte[][] out = {new byte[0]};
        int[] outSize = {0};
        Deflate.ZopfliDeflatePart(options, BTYPE_DYNAMIC, last, input, instart, input.length, bitPointer, out,
                outSize);
        // zopfli's bit pointer is the count of bits used in the last byte, 0 when it is full.
        long bits = outSize[0] * 8L - (bitPointer[0] == 0 ? 0 : 8 - bitPointer[0]);
        busyNanos.addAndGet(System.nanoTime() - t0);
        return new Encoded(out[0], bits, input.length - instart);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ota-zopfli-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record Encoded(byte[] bytes, long bits, int rawBytes) {
    }
}
