package io.github.mpota.benchmark.memory;

/** The heap of the client side and of the device runtime, each in its own JVM, for one project. */
public record MemoryRow(String project, int files, long bytes, String maxHeap, HeapReport client,
        HeapReport runtime) {
}
