package io.github.mpota.conformance.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a board of one kind must show in a scenario.
 *
 * @param words the device's words in order ({@code challenge} for a challenge)
 * @param orWords other word sequences the contract allows as well, or null
 * @param end how the connection may end: {@code close}, {@code reset}, {@code timeout}, {@code nothing}
 * @param reboot whether the board reboots afterwards (null: false)
 * @param files the scenario folder's files afterwards, relative to it (a string is the text; {@code {"hex": ...}}
 *     or {@code {"size": n}} otherwise), checked when the kit sees the board's files; null: not checked
 * @param endAfterMs the device must not end the connection sooner than this after the client's last action
 */
public record Expectation(List<String> words, List<List<String>> orWords, List<String> end, Boolean reboot,
        Map<String, JsonNode> files, Integer endAfterMs) {

    public boolean rebootExpected() {
        return Boolean.TRUE.equals(reboot);
    }
}
