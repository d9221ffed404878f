package io.github.mpota.core.v2;

import io.github.mpota.core.payload.CompressionOptions;

/**
 * The user's choices for a push that the board may skip in part.
 *
 * @param rebootAlways reboot even when nothing changed (v2 boards reboot only when files changed)
 * @param deleteRemoved remove from a v2 board the files that updates installed and the project no longer has
 * @param changedOnly to a v1 board, send only the files changed since the last successful push to it (opt-in:
 *     a v1 board cannot tell what it holds, see docs/PROTOCOL.md)
 * @param compression how the files sent are compressed; a v2 board's announced window replaces its window
 */
public record DeltaOptions(boolean rebootAlways, boolean deleteRemoved, boolean changedOnly,
        CompressionOptions compression) {

    public DeltaOptions(boolean rebootAlways, boolean deleteRemoved, boolean changedOnly) {
        this(rebootAlways, deleteRemoved, changedOnly, CompressionOptions.defaults());
    }

    public static DeltaOptions defaults() {
        return new DeltaOptions(false, true, false);
    }
}
