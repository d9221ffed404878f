/**
 * Finding OTA servers on a subnet without changing them: connect to each address, read the challenge an OTA server
 * sends first, and close before any response.
 *
 * <p>It may depend on {@code protocol} and {@code auth} (to recognise a challenge); it must not send a response or an
 * update, nor depend on {@code client} or {@code fleet}.
 */
package io.github.mpota.core.discovery;
