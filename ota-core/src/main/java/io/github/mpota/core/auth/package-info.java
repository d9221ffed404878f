/**
 * Authentication of v1 (steps 1 to 3): the challenge and a device's never-repeating sequence of them, the SHA-256
 * response, and the ways a command line is given the password without putting it in the process arguments.
 *
 * <p>Used by both sides of the wire. It may depend on {@code protocol} only; it must not depend on {@code client},
 * {@code device} or anything that opens a connection.
 */
package io.github.mpota.core.auth;
