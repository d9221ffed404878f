/**
 * Protocol v2 (docs/PROTOCOL.md "Protocol v2") on the client side, and the pieces both sides share: the opening, the
 * key schedule, MAC'd frames, the manifest, the delta plan, the per-board cache, and {@link NegotiatingClient}, which
 * speaks v2 to the boards that can and v1, on the same connection, to the others.
 *
 * <p>It builds on v1: it may depend on {@code protocol}, {@code auth}, {@code metadata}, {@code payload}, {@code
 * selection} and {@code client} (options, results, failures). No v1 package may depend on it, and it must not depend
 * on the device runtime, which composes these pieces into the board's side of v2.
 */
package io.github.mpota.core.v2;
