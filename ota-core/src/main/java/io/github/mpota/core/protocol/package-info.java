/**
 * The v1 wire contract of PROTOCOL.md in one place: its constants and words ({@link Protocol}, {@link Reply}), the
 * length header, exact reads, and the phases a user names when something goes wrong.
 *
 * <p>Both sides of the wire take their numbers and byte layouts from here. It depends on the JDK alone and on no other
 * package of the project; it must not learn of a client, a device or Maven.
 */
package io.github.mpota.core.protocol;
