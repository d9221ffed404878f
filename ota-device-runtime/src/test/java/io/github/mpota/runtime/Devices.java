package io.github.mpota.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Starts runtimes for tests: ephemeral port, quiet log kept in memory, short I/O timeout where asked. */
final class Devices {

    static final String PASSWORD = "secret";
    static final Duration WAIT = Duration.ofSeconds(20);

    private Devices() {
    }

    static DeviceRuntimeBuilder builder(Path root, Profile profile, List<String> log) {
        return DeviceRuntime.builder().root(root).port(0).password(PASSWORD).profile(profile).log(log::add);
    }

    static DeviceRuntime start(Path root, Profile profile) throws Exception {
        return builder(root, profile, new CopyOnWriteArrayList<>()).build().start();
    }
}
