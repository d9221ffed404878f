package io.github.mpota.runtime;

/**
 * One reset of the simulated board after a successful update.
 *
 * @param number the reboot's number, 1-based
 * @param session the session whose update caused it
 * @param configReloaded true when the update replaced the configuration file and it was read again
 * @param online true when the board came back and accepts connections again
 * @param problem why it did not come back (a bad pushed configuration, WiFi that does not connect); null when online
 */
public record RebootEvent(int number, int session, boolean configReloaded, boolean online, String problem) {
}
