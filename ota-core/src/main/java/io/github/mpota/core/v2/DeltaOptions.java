package io.github.mpota.core.v2;

/**
 * The user's choices for a push that the board may skip in part.
 *
 * @param rebootAlways reboot even when nothing changed (v2 boards reboot only when files changed)
 * @param deleteRemoved remove from a v2 board the files that updates installed and the project no longer has
 * @param changedOnly to a v1 board, send only the files changed since the last successful push to it (opt-in:
 *     a v1 board cannot tell what it holds, see docs/PROTOCOL.md)
 */
public record DeltaOptions(boolean rebootAlways, boolean deleteRemoved, boolean changedOnly) {

    public static DeltaOptions defaults() {
        return new DeltaOptions(false, true, false);
    }
}
