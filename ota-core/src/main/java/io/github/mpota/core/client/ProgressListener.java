package io.github.mpota.core.client;

/** Told as the payload goes out, so that a front end can draw progress. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (sent, total) -> { };

    /** {@code sent} of {@code total} payload bytes are written to the connection. */
    void onProgress(long sent, long total);
}
