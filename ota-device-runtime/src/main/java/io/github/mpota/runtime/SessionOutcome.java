package io.github.mpota.runtime;

import java.util.List;

/**
 * How one client session ended.
 *
 * @param number the session's number, 1-based, counted over the runtime's life
 * @param success true when the update was applied and {@code UPDATE_SUCCESS} sent
 * @param reply the last word the device sent: {@code "UPDATE_SUCCESS"}, {@code "FAIL"}, {@code "AUTH_FAIL"}, or
 *     null when it closed without a word (the client went away, or a silent close after the third failed attempt)
 * @param reason why the session did not succeed, in a sentence; null on success
 * @param filesWritten the device paths written to the filesystem root, in order (on the upstream profile this
 *     includes files written before a failure)
 */
public record SessionOutcome(int number, boolean success, String reply, String reason, List<String> filesWritten) {
    public SessionOutcome {
        filesWritten = List.copyOf(filesWritten);
    }
}
