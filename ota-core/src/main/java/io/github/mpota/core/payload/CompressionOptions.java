package io.github.mpota.core.payload;

import io.github.mpota.core.protocol.Protocol;
import java.time.Duration;

/**
 * How to deflate a payload.
 *
 * @param compression auto, best or fast
 * @param budget the time {@link Compression#AUTO} may spend on {@link Compression#BEST} before it settles for fast
 * @param windowBits the window the board inflates with, 9 (512 bytes) to 15 (32 KiB); below 15 every mode uses
 *     jzlib at level 9 with that window, since neither the JDK's zlib nor zopfli can be held to a smaller one
 * @param threads the most segments encoded at once by {@link Compression#BEST}
 */
public record CompressionOptions(Compression compression, Duration budget, int windowBits, int threads) {

    /** How long auto spends on best by default before it settles for fast. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(2);
    /** The smallest deflate window a board may ask for, 512 bytes. */
    public static final int MIN_WINDOW_BITS = 9;

    public CompressionOptions {
        if (compression == null) {
            throw new IllegalArgumentException("compression must be auto, best or fast");
        }
        if (budget == null || budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the compression budget must be more than 0 ms, was "
                    + (budget == null ? "none" : budget.toMillis() + " ms"));
        }
        if (windowBits < MIN_WINDOW_BITS || windowBits > Protocol.DEFLATE_WINDOW_BITS) {
            throw new IllegalArgumentException("the deflate window must be " + MIN_WINDOW_BITS + " to "
                    + Protocol.DEFLATE_WINDOW_BITS + " bits, was " + windowBits);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("the encoder needs at least 1 thread, was " + threads);
        }
    }

    /** {@code compression} with the given budget, a 32 KiB window and the threads this JVM can afford. */
    public static CompressionOptions of(Compression compression, Duration budget) {
        return new CompressionOptions(compression, budget, Protocol.DEFLATE_WINDOW_BITS, defaultThreads());
    }

    /** auto, 2 s, 32 KiB window. */
    public static CompressionOptions defaults() {
        return of(Compression.AUTO, DEFAULT_BUDGET);
    }

    /** The same options for a board that inflates with a {@code 2^bits}-byte window. */
    public CompressionOptions withWindowBits(int bits) {
        return new CompressionOptions(compression, budget, bits, threads);
    }

    /** The same options with at most {@code n} segments encoded at once by best. */
    public CompressionOptions withThreads(int n) {
        return new CompressionOptions(compression, budget, windowBits, n);
    }

    /**
     * One thread per core, but no more than the heap holds: each zopfli segment in flight needs about
     * {@link ZopfliEncoder#HEAP_PER_THREAD} bytes, and a client limited to a small heap must still get through.
     */
    static int defaultThreads() {
        long heap = Runtime.getRuntime().maxMemory();
        long byHeap = Math.max(1, heap / 2 / ZopfliEncoder.HEAP_PER_THREAD);
        return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), byHeap));
    }
}
