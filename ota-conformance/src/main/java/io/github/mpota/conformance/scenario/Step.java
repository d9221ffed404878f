package io.github.mpota.conformance.scenario;

import java.util.List;

/**
 * One action of the client.
 *
 * <ul>
 *   <li>{@code read}: wait for the device's next {@code count} words (default 1); the script stops when the device
 *       ends the connection or says nothing within the kit's window instead.</li>
 *   <li>{@code send}: one write of {@code parts} (response, response-upper, response-wrong, response-previous,
 *       header, metadata, payload) followed by {@code text} and {@code hex}; {@code from} and {@code limit} keep a
 *       slice of those bytes; {@code split} cuts them into writes of these sizes (the rest is one more write),
 *       {@code pauseMs} apart (default 300).</li>
 *   <li>{@code pause}: {@code ms} of silence.</li>
 *   <li>{@code halfClose}: stop sending (TCP FIN), keep reading.</li>
 *   <li>{@code close}: close the connection; the device's end is then not observed.</li>
 * </ul>
 */
public record Step(String op, Integer count, List<String> parts, String text, String hex, Integer from, Integer limit,
        List<Integer> split, Integer pauseMs, Integer ms) {
}
