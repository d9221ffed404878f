package io.github.mpota.core.payload;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import lu.luz.jzopfli.Deflate;
import lu.luz.jzopfli.ZopfliH;

/**
 * Optimal parsing (jzopfli, a Java port of zopfli) on segments of the stream, encoded in parallel, improved by
 * our own pass, and joined bit to bit by a {@link BitJoiner} into one raw deflate stream.
 *
 * <p>Each segment is handed to zopfli with the 32 KiB before it as its window ({@code ZopfliDeflatePart} with
 * {@code instart} past that window), so matches reach across a join as in one stream. zopfli's blocks are then
 * read back as LZ77 symbols ({@link DeflateBlockReader}), each block parsed again under its own Huffman code
 * ({@link ExactCostParser}), the block boundaries revised ({@link BlockSplitOptimizer}) and every block written
 * in its cheapest coding ({@link HuffmanBlockWriter}); the symbols are checked to give the segment's bytes back
 * before they are used. A segment's last block is held until the next segment's first block is known, so the
 * boundary at a join is not forced either. Up to a segment of a file that does not compress (already compressed
 * images, random bytes) makes a segment of its own, written as stored blocks: zopfli 1.0, which jzopfli ports,
 * always writes Huffman blocks, which cost about 1 % more than the bytes on such data. Memory stays flat: a
 * segment is read, encoded and written, and at most {@code threads + 2} segments are held at once (and one held
 * block), whatever the project's size.
 */
final class ZopfliEncoder implements PayloadEncoder {

    /** 128 KiB left medium 0.1 % short of 0.96 of zlib-9, 256 KiB reaches it (docs/PERFORMANCE.md). */
    static final int SEGMENT_SIZE = 256 * 1024;
    static final int WINDOW_SIZE = 32 * 1024;
    /** Zopfli's own default is 15; 5 gives within 0.1 % of its size in 60 % of its time (docs/PERFORMANCE.md). */
    static final int ITERATIONS = 5;
    /**
     * The heap one segment in flight needs (zopfli's match cache is ~30 bytes per input byte, our pass's arrays
     * about 20 more): two threads got medium through at -Xmx48m, not at -Xmx40m; one at -Xmx32m.
     */
    static final long HEAP_PER_THREAD = 16L * 1024 * 1024;
    /**
     * More than zopfli was ever seen to encode per second on one thread (0.3 to 0.5 MB/s on Python source here):
     * a project too large for the budget even at this rate goes to fast at once, without a first segment to time.
     */
    static final long CEILING_BYTES_PER_SECOND = 1_000_000;
    /**
     * Files smaller than this are never set apart as stored: a segment of their own would cost a block header more
     * than it saves. (A segment whose zopfli output is larger than its bytes is stored anyway.)
     */
    static final int STORED_FILE_MIN = 1024;

    private static final int BTYPE_DYNAMIC = 2;
    /** The most symbols a block held at a join may span once merged with the next segment's first block. */
    private static final int MAX_JOINED_SYMBOLS = 2 * SEGMENT_SIZE;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
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
    public void encode(InputStream in, List<Long> fileSizes, OutputStream out, Duration budget)
            throws IOException, OverBudgetException {
        long size = fileSizes.stream().mapToLong(Long::longValue).sum();
        if (budget != null && size * 1000 / (CEILING_BYTES_PER_SECOND * threads) > budget.toMillis()) {
            throw new OverBudgetException("zopfli would need more than "
                    + size * 1000 / (CEILING_BYTES_PER_SECOND * threads) + " ms for " + size + " bytes on " + threads
                    + (threads == 1 ? " thread" : " threads") + ", over the budget");
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
        try {
            Run run = new Run(pool, new BitJoiner(out), size, budget);
            byte[] piece = new byte[SEGMENT_SIZE];
            for (long fileSize : fileSizes) {
                long left = fileSize;
                while (left > 0) {
                    int n = (int) Math.min(left, SEGMENT_SIZE);
                    if (in.readNBytes(piece, 0, n) < n) {
                        throw new EOFException("the files ended before their listed sizes");
                    }
                    run.append(piece, n, fileSize >= STORED_FILE_MIN && incompressible(piece, n));
                    left -= n;
                }
            }
            run.finish();
        } finally {
            // zopfli cannot be interrupted: a segment cut short by the budget ends on its own daemon thread.
            pool.shutdownNow();
        }
    }

    /** zlib level 1 saves less than half a percent on these bytes: already compressed, or random. */
    private static boolean incompressible(byte[] data, int n) {
        Deflater probe = new Deflater(1, true);
        try {
            probe.setInput(data, 0, n);
            probe.finish();
            byte[] sink = new byte[16 * 1024];
            long written = 0;
            while (!probe.finished()) {
                written += probe.deflate(sink);
            }
            return written >= n - n / 200;
        } finally {
            probe.end();
        }
    }

    /** One encoding: segments cut, queued, encoded, joined in order, with the time budget watched. */
    private final class Run {
        final ExecutorService pool;
        final BitJoiner joiner;
        final long size;
        final long start = System.nanoTime();
        final long deadline;
        final Deque<Task> inFlight = new ArrayDeque<>();
        final AtomicLong busyNanos = new AtomicLong();
        final byte[] segment = new byte[SEGMENT_SIZE];
        int fill;
        boolean segmentStored;
        byte[] window = new byte[0];
        /** The last segment cut, held back until it is known whether it ends the stream. */
        byte[] pendingInput;
        int pendingStart;
        boolean pendingStored;
        long doneBytes;
        /** The last block of the last segment, not written yet: the next one may move or drop its end. */
        LzSymbols held;
        int heldFrom;
        int heldTo;

        Run(ExecutorService pool, BitJoiner joiner, long size, Duration budget) {
            this.pool = pool;
            this.joiner = joiner;
            this.size = size;
            this.deadline = budget == null ? Long.MAX_VALUE : start + budget.toNanos();
        }

        void append(byte[] data, int len, boolean stored) throws IOException, OverBudgetException {
            if (fill > 0 && stored != segmentStored) {
                cut();
            }
            segmentStored = stored;
            int off = 0;
            while (off < len) {
                int n = Math.min(len - off, SEGMENT_SIZE - fill);
                System.arraycopy(data, off, segment, fill, n);
                fill += n;
                off += n;
                if (fill == SEGMENT_SIZE) {
                    cut();
                }
            }
        }

        private void cut() throws IOException, OverBudgetException {
            byte[] input = Arrays.copyOf(window, window.length + fill);
            System.arraycopy(segment, 0, input, window.length, fill);
            submitPending(false);
            pendingInput = input;
            pendingStart = window.length;
            pendingStored = segmentStored;
            window = Arrays.copyOfRange(input, Math.max(0, input.length - WINDOW_SIZE), input.length);
            fill = 0;
        }

        private void submitPending(boolean last) throws IOException, OverBudgetException {
            if (pendingInput == null) {
                return;
            }
            byte[] input = pendingInput;
            int instart = pendingStart;
            boolean stored = pendingStored;
            pendingInput = null;
            AtomicLong startedAt = new AtomicLong();
            Future<Encoded> f = pool.submit(() -> {
                startedAt.set(System.nanoTime());
                return encodeSegment(input, instart, last, stored, busyNanos);
            });
            inFlight.add(new Task(f, startedAt, stored ? 0 : input.length - instart));
            if (inFlight.size() > threads) {
                drainOne();
            }
        }

        void finish() throws IOException, OverBudgetException {
            if (fill > 0) {
                cut();
            }
            submitPending(true);
            while (!inFlight.isEmpty()) {
                drainOne();
            }
            writeHeld(true);
            joiner.finish();
        }

        private void drainOne() throws IOException, OverBudgetException {
            Task task = inFlight.removeFirst();
            Encoded e;
            try {
                e = deadline == Long.MAX_VALUE ? task.future.get() : await(task);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while deflating the payload", ex);
            } catch (ExecutionException ex) {
                throw new IOException("the zopfli encoder failed: " + ex.getCause(), ex.getCause());
            }
            if (e.stored) {
                writeHeld(false);
                joiner.writeStored(e.bytes, e.storedOffset, e.rawBytes, e.last);
            } else {
                join(e.symbols, e.starts);
            }
            doneBytes += e.rawBytes;
            checkProjection();
        }

        /**
         * Writes a segment's blocks but its last, which is held until the next segment shows whether a boundary
         * elsewhere (or none) around the join costs less: the block boundary at a join was only forced by the cut.
         */
        private void join(LzSymbols symbols, int[] starts) throws IOException {
            BitWriter bits = new BitWriter(SEGMENT_SIZE / 2);
            int first = 0;
            if (held != null) {
                int heldSize = heldTo - heldFrom;
                if (heldSize + starts[1] > MAX_JOINED_SYMBOLS) {
                    HuffmanBlockWriter.write(bits, held, heldFrom, heldTo, false);
                } else {
                    LzSymbols joined = LzSymbols.concat(held, heldFrom, heldTo, symbols, 0, starts[1]);
                    int[] around = new BlockSplitOptimizer(joined).optimize(new int[] {0, heldSize, joined.size()});
                    int keep = starts.length == 2 ? around.length - 2 : around.length - 1;
                    for (int k = 0; k < keep; k++) {
                        HuffmanBlockWriter.write(bits, joined, around[k], around[k + 1], false);
                    }
                    first = 1;
                    if (starts.length == 2) {
                        held = joined;
                        heldFrom = around[around.length - 2];
                        heldTo = around[around.length - 1];
                        joiner.write(bits.toByteArray(), bits.bits());
                        return;
                    }
                }
            }
            for (int k = first; k < starts.length - 2; k++) {
                HuffmanBlockWriter.write(bits, symbols, starts[k], starts[k + 1], false);
            }
            held = symbols;
            heldFrom = starts[starts.length - 2];
            heldTo = starts[starts.length - 1];
            joiner.write(bits.toByteArray(), bits.bits());
        }

        /** Writes the block held back for the next join, final when nothing follows it. */
        private void writeHeld(boolean last) throws IOException {
            if (held == null) {
                return;
            }
            BitWriter bits = new BitWriter(SEGMENT_SIZE / 2);
            HuffmanBlockWriter.write(bits, held, heldFrom, heldTo, last);
            joiner.write(bits.toByteArray(), bits.bits());
            held = null;
        }

        /**
         * Waits for {@code task} while it can still end in time: a segment still running after {@code e} ns shows
         * that one thread does fewer than {@code bytes / e} bytes a second, and gives up as soon as the bytes left
         * could not be done by the deadline even at that rate, without waiting for the segment to end.
         */
        private Encoded await(Task task) throws InterruptedException, ExecutionException, OverBudgetException {
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new OverBudgetException("zopfli did not finish within the budget");
                }
                long started = task.startedAt.get();
                if (started > 0 && task.zopfliBytes > 0) {
                    double perByte = (double) (now - started) / task.zopfliBytes;
                    double atLeast = (size - doneBytes) * perByte / threads;
                    if (now + atLeast > deadline) {
                        throw new OverBudgetException("zopfli would take more than "
                                + Math.round((now - start + atLeast) / 1e6) + " ms, over the budget");
                    }
                }
                try {
                    return task.future.get(Math.min(POLL_NANOS, deadline - now), TimeUnit.NANOSECONDS);
                } catch (TimeoutException stillRunning) {
                    // look again at how long it has run
                }
            }
        }

        /**
         * Gives up once the work still to do cannot end by the deadline: the time per byte that one thread has
         * taken so far, spread over the threads.
         */
        private void checkProjection() throws OverBudgetException {
            if (deadline == Long.MAX_VALUE || doneBytes == 0) {
                return;
            }
            long now = System.nanoTime();
            double remaining = (double) Math.max(0, size - doneBytes) * busyNanos.get() / doneBytes / threads;
            if (now + remaining > deadline) {
                throw new OverBudgetException("zopfli would take about "
                        + Math.round((now - start + remaining) / 1e6) + " ms, over the budget");
            }
        }
    }

    private static Encoded encodeSegment(byte[] input, int instart, boolean last, boolean stored,
            AtomicLong busyNanos) {
        int raw = input.length - instart;
        if (stored) {
            return new Encoded(input, null, null, raw, true, instart, last);
        }
        long t0 = System.nanoTime();
        ZopfliH.ZopfliOptions options = new ZopfliH.ZopfliOptions();
        options.numiterations = ITERATIONS;
        byte[] bitPointer = {0};
        byte[][] out = {new byte[0]};
        int[] outSize = {0};
        Deflate.ZopfliDeflatePart(options, BTYPE_DYNAMIC, false, input, instart, input.length, bitPointer, out,
                outSize);
        // zopfli's bit pointer is the count of bits used in the last byte, 0 when it is full.
        long bits = outSize[0] * 8L - (bitPointer[0] == 0 ? 0 : 8 - bitPointer[0]);
        // zopfli's blocks read back as symbols, parsed again under their own Huffman codes and coded again.
        DeflateBlockReader.Blocks blocks = DeflateBlockReader.read(out[0], bits);
        if (!blocks.symbols().reproduces(input, instart, input.length)) {
            throw new IllegalStateException("the symbols read back from zopfli's blocks are not the segment's bytes");
        }
        LzSymbols symbols = blocks.symbols();
        int[] starts = blocks.starts();
        ExactCostParser.Parse reparsed = new ExactCostParser(input, instart).improve(symbols, starts);
        // The parser is ours: a parse that does not give the segment's bytes back is not used (zopfli's is).
        if (reparsed.symbols().reproduces(input, instart, input.length)) {
            symbols = reparsed.symbols();
            starts = reparsed.starts();
        }
        starts = new BlockSplitOptimizer(symbols).optimize(starts);
        long coded = 0;
        for (int k = 0; k + 1 < starts.length; k++) {
            coded += HuffmanBlockWriter.cost(symbols, starts[k], starts[k + 1]);
        }
        busyNanos.addAndGet(System.nanoTime() - t0);
        if (BitJoiner.storedBits(raw) < coded) {
            return new Encoded(input, null, null, raw, true, instart, last);
        }
        return new Encoded(null, symbols, starts, raw, false, 0, last);
    }

    private static ThreadFactory daemonThreads() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "ota-zopfli-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A segment queued or being encoded; {@code startedAt} is 0 until a thread takes it. */
    private record Task(Future<Encoded> future, AtomicLong startedAt, int zopfliBytes) {
    }

    /** A segment ready to join: its symbols and block boundaries, or the raw bytes to write as stored blocks. */
    private record Encoded(byte[] bytes, LzSymbols symbols, int[] starts, int rawBytes, boolean stored,
            int storedOffset, boolean last) {
    }
}
