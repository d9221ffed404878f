/**
 * The simulated station interface ({@code network.WLAN(network.STA_IF)}): the networks in reach, joining one with the
 * board's argument checks, and the status numbers of each port.
 *
 * <p>It may depend on {@code flash} (the board preset, for the port's numbers); it must not depend on the server or
 * the wire.
 */
package io.github.mpota.runtime.wifi;
