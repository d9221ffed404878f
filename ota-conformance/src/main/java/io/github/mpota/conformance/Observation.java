package io.github.mpota.conformance;

import io.github.mpota.conformance.scenario.ConnectionEnd;
import java.util.List;
import java.util.Map;

/**
 * What the kit saw of the board in one scenario.
 *
 * @param words the device's words in order ({@code challenge} for a challenge; anything else as {@code ?"..."})
 * @param end how the connection ended
 * @param endDelayMillis from the client's last action to the device's end, or -1
 * @param reboot whether the board rebooted afterwards
 * @param files the scenario folder's files afterwards (relative paths), or null when the kit cannot see them
 * @param note what else happened on the client's side (a send refused by a closed connection), or null
 */
public record Observation(List<String> words, ConnectionEnd end, long endDelayMillis, boolean reboot,
        Map<String, byte[]> files, String note) {
}
