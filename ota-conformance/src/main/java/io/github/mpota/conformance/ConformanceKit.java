package io.github.mpota.conformance;

import io.github.mpota.conformance.scenario.ConnectionEnd;
import io.github.mpota.conformance.scenario.Expectation;
import io.github.mpota.conformance.scenario.FileSpec;
import io.github.mpota.conformance.scenario.RunMode;
import io.github.mpota.conformance.scenario.Scenario;
import io.github.mpota.conformance.scenario.ScenarioCatalog;
import io.github.mpota.conformance.scenario.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs the catalogue's scenarios against one board and reports, scenario by scenario, what differed from the
 * expectation set; the runners (the Maven goal, the CLI) only read options, call this and print.
 */
public final class ConformanceKit {

    /** The folder a full run writes under on the board; every scenario has its own folder inside. */
    public static final String FOLDER = "conformance";
    private static final List<String> UPDATE_WORDS = List.of(DeviceLink.CHALLENGE, "OK", "OK", "OK",
            "UPDATE_SUCCESS");
    private static final Duration PROBE_PATIENCE = Duration.ofSeconds(15);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int CONNECT_ATTEMPTS = 4;

    private final ScenarioCatalog catalog;
    private final Consumer<String> out;
    private int connections;

    /** @param out where the per-scenario lines and the summary go */
    public ConformanceKit(ScenarioCatalog catalog, Consumer<String> out) {
        this.catalog = catalog;
        this.out = out;
    }

    /** The scenarios the options select, in the order they run. */
    public List<Scenario> plan(ConformanceOptions o) {
        Set<String> facts = o.freeBytes().isPresent() ? Set.of("freeBytes") : Set.of();
        return catalog.select(o.ids(), o.run(), o.strict(), facts);
    }

    /** Lists what a run would do, without connecting. */
    public List<Scenario> dryRun(ConformanceOptions o) {
        List<Scenario> plan = plan(o);
        for (Scenario s : plan) {
            out.accept(s.id() + " [" + s.group() + ", " + s.run() + (s.strict() ? ", strict" : "") + "] " + s.name()
                    + ": " + s.proves());
        }
        out.accept("conformance: " + plan.size() + " scenarios would run (expect=" + o.expect().label() + ", run="
                + o.run().label() + (o.strict() ? ", strict" : "") + "; contract " + catalog.contract() + ", scenarios v"
                + catalog.version() + ")");
        return plan;
    }

    public ConformanceReport run(ConformanceOptions o) throws ConformanceException, InterruptedException {
        List<Scenario> plan = plan(o);
        if (plan.isEmpty()) {
            throw new ConformanceException("no scenario to run: the ids " + o.ids() + " name only "
                    + (o.run() == RunMode.SAFE ? "full or " : "") + "strict scenarios (-Dota.conformance=full,"
                    + " strict) or ones that need the board's free bytes");
        }
        BoardWatch watch = o.watch() != null ? o.watch() : new ListenerProbe(o.host(), o.port(), PROBE_PATIENCE,
                o.password());
        ScenarioRunner runner = new ScenarioRunner(o.password(), o.window());
        connections = 0;
        if (plan.stream().anyMatch(Scenario::full)) {
            long writing = plan.stream().filter(Scenario::full).count();
            out.accept("Full run: " + writing + " scenarios write under " + FOLDER + "/ on the board and reboot it;"
                    + " first a push of " + FOLDER + "/README.txt so that the folder exists");
            List<FileSpec> readme = List.of(new FileSpec(FOLDER + "/README.txt",
                    "Written by the OTA conformance kit (ota:conformance); safe to delete.\n", null, null, null));
            String problem = push(o, watch, readme, FOLDER);
            if (problem != null) {
                throw new ConformanceException("the board did not take the kit's first update (" + FOLDER
                        + "/README.txt): " + problem + "; a full run needs a board that accepts a plain update with"
                        + " this password");
            }
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario s : plan) {
            ScenarioResult r = runOne(o, watch, runner, s);
            out.accept(r.line());
            results.add(r);
        }
        ConformanceReport report = new ConformanceReport(o.expect(), o.run(), results);
        if (o.reportDir() != null) {
            try {
                JUnitXml.write(report, o.reportDir(), o.host() + ":" + o.port());
            } catch (IOException e) {
                throw new ConformanceException("cannot write the JUnit report into " + o.reportDir() + ": "
                        + e.getMessage());
            }
        }
        out.accept(report.summary());
        return report;
    }

    private ScenarioResult runOne(ConformanceOptions o, BoardWatch watch, ScenarioRunner runner, Scenario s)
            throws ConformanceException, InterruptedException {
        long start = System.nanoTime();
        Expectation expected = s.expect().of(o.expect());
        if (s.setup() != null) {
            String problem = push(o, watch, s.setup(), s.folder());
            if (problem != null) {
                return new ScenarioResult(s, List.of("setup: the update that writes the scenario's old files failed: "
                        + problem), null, millis(start));
            }
        }
        DeviceLink link;
        try {
            link = connect(o);
        } catch (IOException e) {
            return new ScenarioResult(s, List.of("could not connect to " + o.host() + ":" + o.port() + ": "
                    + e.getMessage()), null, millis(start));
        }
        ScenarioRunner.Played played;
        try {
            played = runner.play(link, s, o.freeBytes());
        } finally {
            link.close();
        }
        boolean reboot;
        try {
            reboot = watch.afterConnection(connections, o.rebootBound());
        } catch (BoardWatch.BoardGoneException e) {
            throw new ConformanceException("after scenario " + s + ": " + e.getMessage());
        }
        if (wrongAnswers(s) || played.words().contains("AUTH_FAIL")) {
            forgetWrongAnswers(o, watch);
        }
        Map<String, byte[]> files = o.boardRoot() == null ? null : files(o.boardRoot().resolve(s.folder()));
        Observation seen = new Observation(played.words(), played.end(), played.endDelayMillis(), reboot, files,
                played.note());
        return new ScenarioResult(s, Verdict.differences(expected, seen), seen, millis(start));
    }

    private static boolean wrongAnswers(Scenario s) {
        return s.script().stream().map(Step::parts).filter(p -> p != null).flatMap(List::stream)
                .anyMatch(p -> !p.equals("response") && p.startsWith("response"));
    }

    /**
     * A hardened board slows down after repeated wrong answers from one address; one right answer resets that, so
     * that the next scenario meets a board at its normal pace.
     */
    private void forgetWrongAnswers(ConformanceOptions o, BoardWatch watch)
            throws ConformanceException, InterruptedException {
        try (DeviceLink link = connect(o)) {
            if (link.awaitWords(1, o.window())) {
                link.write(ChallengeAnswer.of(link.challenge(0), o.password()));
                link.awaitWords(2, o.window());
            }
        } catch (IOException e) {
            // the next scenario will say whether the board is reachable
        }
        try {
            watch.afterConnection(connections, o.rebootBound());
        } catch (BoardWatch.BoardGoneException e) {
            throw new ConformanceException(e.getMessage());
        }
    }

    /** A plain update of {@code files}; null when the board took it and came back, else what went wrong. */
    private String push(ConformanceOptions o, BoardWatch watch, List<FileSpec> files, String folder)
            throws ConformanceException, InterruptedException {
        UpdateBytes update = UpdateBytes.plain(files, folder);
        List<String> words;
        ConnectionEnd end;
        try (DeviceLink link = connect(o)) {
            byte[][] sends = {null, update.header(), update.metadata(), update.payload()};
            for (int i = 0; i < sends.length; i++) {
                if (!link.awaitWords(i + 1, o.window())) {
                    break;
                }
                link.write(i == 0 ? ChallengeAnswer.of(link.challenge(0), o.password()) : sends[i]);
            }
            link.awaitWords(UPDATE_WORDS.size(), o.window());
            link.awaitEnd(o.window());
            words = link.words();
            end = link.end();
        } catch (IOException e) {
            return "could not connect to " + o.host() + ":" + o.port() + ": " + e.getMessage();
        }
        try {
            boolean reboot = watch.afterConnection(connections, o.rebootBound());
            if (!words.equals(UPDATE_WORDS)) {
                return "the board answered " + words + (end == null ? "" : " and ended with " + end.label())
                        + " instead of " + UPDATE_WORDS + (words.contains("AUTH_FAIL") ? " (is the password right?)"
                        : "");
            }
            return reboot ? null : "the board answered UPDATE_SUCCESS but did not reboot";
        } catch (BoardWatch.BoardGoneException e) {
            throw new ConformanceException(e.getMessage());
        }
    }

    private DeviceLink connect(ConformanceOptions o) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
            try {
                DeviceLink link = DeviceLink.connect(o.host(), o.port(), CONNECT_TIMEOUT);
                connections++;
                return link;
            } catch (IOException e) {
                last = e;
                Thread.sleep(1000L * attempt);
            }
        }
        throw last;
    }

    /** The files under {@code folder}, by path relative to it; empty when it does not exist. */
    static Map<String, byte[]> files(Path folder) {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the board's files in " + folder, e);
        }
        return files;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
