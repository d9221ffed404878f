package io.github.mpota.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mpota.conformance.scenario.ConnectionEnd;
import io.github.mpota.conformance.scenario.Expectation;
import io.github.mpota.core.protocol.Printable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Holds an observation against an expectation; each difference is one sentence: expected, then seen. */
final class Verdict {

    private Verdict() {
    }

    static List<String> differences(Expectation e, Observation seen) {
        List<String> out = new ArrayList<>();
        List<List<String>> allowed = new ArrayList<>();
        allowed.add(e.words());
        if (e.orWords() != null) {
            allowed.addAll(e.orWords());
        }
        if (!allowed.contains(seen.words())) {
            out.add("words: expected " + String.join(" or ", allowed.stream().map(Verdict::words).toList())
                    + ", seen " + words(seen.words()));
        }
        if (!e.end().contains(seen.end().label())) {
            out.add("end: expected " + String.join(" or ", e.end()) + ", seen " + seen.end().label()
                    + (seen.note() == null ? "" : " (" + seen.note() + ")"));
        }
        if (e.endAfterMs() != null && (seen.end() == ConnectionEnd.CLOSE || seen.end() == ConnectionEnd.RESET)
                && seen.endDelayMillis() < e.endAfterMs()) {
            out.add("end: expected no sooner than " + e.endAfterMs() + " ms after the client's last action, seen after "
                    + seen.endDelayMillis() + " ms");
        }
        if (e.rebootExpected() != seen.reboot()) {
            out.add("reboot: expected " + (e.rebootExpected() ? "a reboot" : "none") + ", seen "
                    + (seen.reboot() ? "a reboot" : "none"));
        }
        if (e.files() != null && seen.files() != null) {
            String files = files(e.files(), seen.files());
            if (files != null) {
                out.add(files);
            }
        }
        return out;
    }

    private static String words(List<String> words) {
        return "[" + String.join(", ", words) + "]";
    }

    private static String files(Map<String, JsonNode> expected, Map<String, byte[]> seen) {
        List<String> problems = new ArrayList<>();
        for (String path : new TreeSet<>(expected.keySet())) {
            byte[] actual = seen.get(path);
            JsonNode want = expected.get(path);
            if (actual == null) {
                problems.add(path + " missing");
            } else if (want.isTextual()) {
                if (!Arrays.equals(want.textValue().getBytes(StandardCharsets.UTF_8), actual)) {
                    problems.add(path + " holds " + Printable.quote(actual) + " instead of "
                            + Printable.quote(want.textValue().getBytes(StandardCharsets.UTF_8)));
                }
            } else if (want.has("hex")) {
                if (!Arrays.equals(HexFormat.of().parseHex(want.get("hex").textValue()), actual)) {
                    problems.add(path + " holds other bytes (" + actual.length + " bytes)");
                }
            } else if (want.get("size").asLong() != actual.length) {
                problems.add(path + " has " + actual.length + " bytes instead of " + want.get("size").asLong());
            }
        }
        for (String path : new TreeSet<>(seen.keySet())) {
            if (!expected.containsKey(path)) {
                problems.add(path + " should not be there (" + seen.get(path).length + " bytes)");
            }
        }
        return problems.isEmpty() ? null : "files: " + String.join("; ", problems);
    }
}
