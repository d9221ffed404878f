/**
 * What the board saw and did, session by session: events as JSON lines appended to a file, and in memory only those of
 * the most recent sessions, so that a board that runs for days does not grow.
 *
 * <p>It depends on Jackson alone; the server writes to it, and it must not depend on the server, the wire or the core.
 */
package io.github.mpota.runtime.transcript;
