/**
 * The client side of the v1 wire: {@link OtaClient} pushes one packed payload to one board. Around it, what every
 * front end shares: options, the board address a user types, progress and its words, the dry-run and summary lines,
 * advice for each failure, the space an update needs on a board, the record of the last push.
 *
 * <p>It may depend on {@code protocol}, {@code auth}, {@code metadata}, {@code payload}, {@code selection} and Jackson
 * (the push record); it must not depend on {@code device} (the other end of the wire), on {@code v2} or {@code fleet}
 * (which build on it), nor on Maven: front ends pass their words in (a property name, a flag) and print what it
 * returns.
 */
package io.github.mpota.core.client;
