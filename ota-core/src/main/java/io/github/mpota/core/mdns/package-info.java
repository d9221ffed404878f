/**
 * Resolving a board's {@code .local} name: the system resolver first, then one multicast DNS query of our own for
 * machines whose resolver does not ask mDNS.
 *
 * <p>It depends on the JDK alone and on no other package of the project; the others call it with a host name and get
 * an address back.
 */
package io.github.mpota.core.mdns;
