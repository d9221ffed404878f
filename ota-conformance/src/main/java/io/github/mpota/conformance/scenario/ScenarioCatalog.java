package io.github.mpota.conformance.scenario;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The scenarios of {@code conformance/scenarios.json}, versioned with the contract, checked for consistency when
 * they are loaded (a typo in the data fails there, not in the middle of a run against a board).
 */
public final class ScenarioCatalog {

    public static final String RESOURCE = "/conformance/scenarios.json";
    static final Set<String> GROUPS = Set.of("auth", "header", "metadata", "space", "payload", "apply",
            "connection", "timing");
    static final Set<String> OPS = Set.of("read", "send", "pause", "halfClose", "close");
    static final Set<String> PARTS = Set.of("response", "response-upper", "response-wrong", "response-previous",
            "header", "metadata", "payload");
    static final Set<String> NEEDS = Set.of("freeBytes");

    /** The file's top level. */
    record Document(String contract, int version, List<Scenario> scenarios) {
    }

    private final String contract;
    private final int version;
    private final List<Scenario> scenarios;

    private ScenarioCatalog(Document doc) {
        this.contract = doc.contract();
        this.version = doc.version();
        this.scenarios = List.copyOf(doc.scenarios());
    }

    /** The kit's own scenarios. */
    public static ScenarioCatalog load() {
        try (InputStream in = ScenarioCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the kit's jar");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static ScenarioCatalog parse(InputStream in) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        ScenarioCatalog catalog = new ScenarioCatalog(mapper.readValue(in, Document.class));
        catalog.check();
        return catalog;
    }

    public String contract() {
        return contract;
    }

    public int version() {
        return version;
    }

    public List<Scenario> all() {
        return scenarios;
    }

    /**
     * The scenarios a run plays, in catalogue order.
     *
     * @param ids ids or id prefixes ({@code 3} selects 3.1, 3.2.4...); empty for all
     * @param mode safe leaves out the scenarios that write or reboot
     * @param strict whether the strict scenarios run too
     * @param facts the facts about the board that are known ({@code freeBytes})
     */
    public List<Scenario> select(List<String> ids, RunMode mode, boolean strict, Set<String> facts) {
        for (String id : ids) {
            if (scenarios.stream().noneMatch(s -> matches(s.id(), id))) {
                throw new IllegalArgumentException("no scenario has the id " + id + " (the dry run lists them)");
            }
        }
        List<Scenario> chosen = new ArrayList<>();
        for (Scenario s : scenarios) {
            boolean named = ids.isEmpty() || ids.stream().anyMatch(id -> matches(s.id(), id));
            if (named && (mode == RunMode.FULL || !s.full()) && (strict || !s.strict())
                    && (s.needs() == null || facts.contains(s.needs()))) {
                chosen.add(s);
            }
        }
        return chosen;
    }

    /** Orders ids as sections: 3.2 before 3.10. */
    public static int compareIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    static boolean matches(String id, String wanted) {
        String w = wanted.trim();
        return id.equals(w) || id.startsWith(w + ".");
    }

    private void check() {
        Set<String> ids = new HashSet<>();
        for (Scenario s : scenarios) {
            String where = "scenario " + s.id() + " (" + s.name() + ")";
            require(s.id() != null && s.id().matches("\\d+(\\.\\d+)*"), where + ": id must be dotted numbers");
            require(ids.add(s.id()), where + ": the id is used twice");
            require(s.name() != null && s.name().matches("[a-z0-9]+(-[a-z0-9]+)*"), where + ": name must be hyphenated");
            require(GROUPS.contains(s.group()), where + ": unknown group " + s.group());
            require("safe".equals(s.run()) || "full".equals(s.run()), where + ": run must be safe or full");
            require(s.proves() != null && !s.proves().isBlank(), where + ": says nothing of what it proves");
            require(s.needs() == null || NEEDS.contains(s.needs()), where + ": unknown need " + s.needs());
            require(s.setup() == null || s.full(), where + ": a safe scenario cannot have a setup update");
            require(s.script() != null && !s.script().isEmpty(), where + ": has no script");
            for (Step step : s.script()) {
                require(OPS.contains(step.op()), where + ": unknown op " + step.op());
                if (step.parts() != null) {
                    for (String part : step.parts()) {
                        require(PARTS.contains(part), where + ": unknown part " + part);
                        require(s.update() != null || part.startsWith("response"),
                                where + ": the part " + part + " needs an update");
                    }
                }
            }
            require(s.expect() != null, where + ": has no expectations");
            for (ExpectationSet set : ExpectationSet.values()) {
                Expectation e = s.expect().of(set);
                require(e != null && e.words() != null && e.end() != null && !e.end().isEmpty(),
                        where + ": no words or end for " + set.label());
                e.end().forEach(ConnectionEnd::parse);
                require(s.full() || (!e.rebootExpected() && e.files() == null),
                        where + ": a safe scenario cannot expect a reboot or files");
                if (e.files() != null) {
                    for (JsonNode f : e.files().values()) {
                        require(f.isTextual() || f.has("hex") || f.has("size"), where + ": a file needs text, hex"
                                + " or size");
                    }
                }
            }
        }
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException(RESOURCE + ": " + problem);
        }
    }
}
