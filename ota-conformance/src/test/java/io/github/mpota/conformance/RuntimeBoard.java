package io.github.mpota.conformance;

import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import io.github.mpota.conformance.scenario.Scenario;
import io.github.mpota.conformance.scenario.ScenarioCatalog;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** A device runtime on a loopback port, and the kit's options that point at it. */
final class RuntimeBoard implements AutoCloseable {

    static final String PASSWORD = "conformance-secret";

    final DeviceRuntime runtime;
    final Path root;

    RuntimeBoard(Path root, Profile profile) throws Exception {
        this.root = root;
        this.runtime = DeviceRuntime.builder().root(root).bindAddress("127.0.0.1").port(0).password(PASSWORD)
                .profile(profile).log(line -> { }).build().start();
    }

    /** Every scenario, strict ones included, with the board's files and free bytes visible to the kit. */
    ConformanceOptions options(ExpectationSet expect, RunMode run, Path reports) {
        ConformanceOptions o = ConformanceOptions.of("127.0.0.1", runtime.port(), PASSWORD, expect).withRun(run)
                .withStrict(true).withBoardRoot(root).withReportDir(reports).withWatch(this::afterConnection);
        if (run == RunMode.SAFE) {
            // Exact only while nothing is written: the full runs leave the boundary scenarios out.
            o = o.withFreeBytes(OptionalLong.of(runtime.flash().freeBytes()));
        } else {
            o = o.withIds(fullScenarioIds());
        }
        return o;
    }

    private int reboots;

    /**
     * The runtime reboots in 0.5 s: on a loaded machine the network probe may come too late to see its listener
     * gone, so these tests ask the runtime itself, once the session is over.
     */
    private boolean afterConnection(int connection, java.time.Duration bound) throws InterruptedException {
        try {
            runtime.awaitSession(connection, bound);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the runtime did not finish session " + connection + " within " + bound, e);
        }
        int now = runtime.rebootCount();
        boolean rebooted = now > reboots;
        reboots = now;
        return rebooted;
    }

    static List<String> fullScenarioIds() {
        return ScenarioCatalog.load().all().stream().filter(Scenario::full).map(Scenario::id).toList();
    }

    static Consumer<String> printer(List<String> lines) {
        List<String> sink = lines == null ? new ArrayList<>() : lines;
        return line -> {
            sink.add(line);
            System.out.println(line);
        };
    }

    static String failures(ConformanceReport report) {
        StringBuilder b = new StringBuilder(report.summary());
        for (ScenarioResult r : report.failures()) {
            b.append('\n').append(r.line());
        }
        return b.toString();
    }

    @Override
    public void close() {
        runtime.close();
    }
}
