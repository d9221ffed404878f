package io.github.mpota.runtime;

import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.runtime.config.DeviceConfig;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.server.OtaServer;
import io.github.mpota.runtime.server.V2Settings;
import io.github.mpota.runtime.transcript.Transcript;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import io.github.mpota.runtime.wifi.StationInterface;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A MicroPython board running the OTA server of PROTOCOL.md, on the JVM: a host folder is its filesystem, a
 * loopback port its WiFi address. Build it, {@link #start()} it, push to {@link #port()}, then read
 * {@link #awaitSession}, {@link #awaitReboot} and {@link #transcript()}.
 */
public final class DeviceRuntime implements AutoCloseable {

    private final DeviceRuntimeBuilder options;
    private final FlashFilesystem flash;
    private final Transcript transcript;
    private final Consumer<String> log;
    private final Path configFile;
    private final InetAddress bindAddress;
    private final Object lock = new Object();
    private final List<SessionOutcome> sessions = new ArrayList<>();
    private final List<RebootEvent> reboots = new ArrayList<>();

    private volatile DeviceConfig config;
    private volatile StationInterface station;
    private final BoardBoot boot;
    private OtaServer server;
    private volatile int port = -1;
    private boolean started;
    private boolean closed;

    DeviceRuntime(DeviceRuntimeBuilder b) throws IOException {
        this.options = b;
        this.log = b.log;
        this.bindAddress = resolveBindAddress(b.bindAddress);
        long capacity = b.capacityBytes != null ? b.capacityBytes : b.board.filesystemBytes();
        this.flash = new FlashFilesystem(b.root, capacity, b.blockSize);
        if (b.config == null && b.configFile == null) {
            this.configFile = flash.root().resolve(DeviceConfig.DEVICE_FILE);
        } else {
            this.configFile = b.configFile;
        }
        this.transcript = new Transcript(b.transcriptFile, log);
        this.boot = new BoardBoot(b, flash, configFile, bindAddress, transcript);
    }

    public static DeviceRuntimeBuilder builder() {
        return new DeviceRuntimeBuilder();
    }

    /**
     * Boots the board (finishing an interrupted update, reading the configuration, joining WiFi) and starts
     * serving in a background thread.
     *
     * @throws DeviceStartException when the board cannot start; the message says why and what to change
     */
    public DeviceRuntime start() throws IOException {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("the device runtime is already started");
            }
            started = true;
        }
        try {
            boot(1);
        } catch (BoardBoot.BootProblem e) {
            transcript.close();
            throw new DeviceStartException(e.getMessage());
        }
        server = new OtaServer(bindAddress, options.profile, flash, transcript, log, options.ioTimeout,
                options.rebootDelay, options.moveObserver, new ServerBoard(), options.hardenedLimits, options.clock,
                V2Settings.defaults().withV1(options.v1Enabled));
        try {
            port = server.bind(listenPort());
        } catch (IOException e) {
            transcript.close();
            throw new DeviceStartException("cannot listen on " + bindAddress.getHostAddress() + ":" + listenPort()
                    + ": " + e.getMessage() + "; choose another port (0 picks a free one)", e);
        }
        server.start("ota-device-runtime-" + port);
        return this;
    }

    /** The port the board listens on (after a reboot, the port it listens on again). */
    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the device runtime is not started");
        }
        return port;
    }

    public Profile profile() {
        return options.profile;
    }

    public FlashFilesystem flash() {
        return flash;
    }

    /** The configuration in force (after a reboot, the one read again). */
    public DeviceConfig config() {
        return config;
    }

    /** The simulated WiFi station interface. */
    public StationInterface station() {
        return station;
    }

    public int rebootCount() {
        synchronized (lock) {
            return reboots.size();
        }
    }

    /**
     * Client sessions begun so far, ended or not: {@code awaitSession(sessionsBegun(), ...)} waits for the one in
     * progress, and on success for its reboot.
     */
    public int sessionsBegun() {
        return server == null ? 0 : server.sessionsBegun();
    }

    /** Blocks until the {@code n}-th client session (1-based) has ended; on success, after its reboot. */
    public SessionOutcome awaitSession(int n, Duration timeout) throws TimeoutException {
        return await(sessions, n, timeout, "session");
    }

    /** Blocks until the {@code n}-th reboot (1-based) has completed. */
    public RebootEvent awaitReboot(int n, Duration timeout) throws TimeoutException {
        return await(reboots, n, timeout, "reboot");
    }

    /** An interrupt ends the wait like a timeout, with the interrupt flag kept. */
    private <T> T await(List<T> list, int n, Duration timeout, String what) throws TimeoutException {
        if (n < 1) {
            throw new IllegalArgumentException(what + " numbers start at 1, was " + n);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (list.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no " + what + " " + n + " within " + timeout.toMillis() + " ms ("
                            + list.size() + " so far)");
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TimeoutException("interrupted while waiting for " + what + " " + n);
                }
            }
            return list.get(n - 1);
        }
    }

    /**
     * The events of the last {@link Transcript#DEFAULT_SESSIONS_KEPT} sessions, with the board's own events among
     * them; the transcript file, when one was given, has every event.
     */
    public List<TranscriptEvent> transcript() {
        return transcript.snapshot();
    }

    /** Stops the board: closes the listener and any connection and waits for the serving thread. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (server != null) {
            server.close();
        }
        transcript.close();
    }

    // ---- boot ----

    private int listenPort() {
        int wanted = options.port != null ? options.port
                : config.port() != null ? config.port() : Protocol.DEFAULT_PORT;
        // An ephemeral port stays the board's address across reboots.
        return wanted == 0 && port >= 0 ? port : wanted;
    }

    /** @param bootNumber 1 at start, then one more after each reboot (the reboot is counted after its boot) */
    private void boot(int bootNumber) throws BoardBoot.BootProblem {
        BoardBoot.Booted booted = boot.boot(bootNumber);
        config = booted.config();
        station = booted.station();
    }

    private final class ServerBoard implements OtaServer.Board {
        @Override
        public String otaPassword() {
            return config.otaPassword();
        }

        @Override
        public int reboot(SessionOutcome outcome) {
            int session = outcome.number();
            int number;
            synchronized (lock) {
                number = reboots.size() + 1;
            }
            log.accept("Rebooting...");
            boolean configReloaded = configFile != null && options.config == null && wroteConfig(outcome);
            String problem = null;
            int newPort = -1;
            try {
                boot(number + 1);
                newPort = server.bind(listenPort());
                port = newPort;
            } catch (BoardBoot.BootProblem e) {
                problem = e.getMessage();
            } catch (IOException e) {
                problem = "cannot listen again on port " + listenPort() + ": " + e.getMessage();
            }
            if (problem != null) {
                log.accept("The board did not come back online: " + problem);
            }
            RebootEvent event = new RebootEvent(number, session, configReloaded, problem == null, problem);
            transcript.record(0, TranscriptEvent.Type.REBOOT, "reboot", number, "after_session", session,
                    "config_reloaded", configReloaded, "online", problem == null, "problem", problem);
            synchronized (lock) {
                reboots.add(event);
                lock.notifyAll();
            }
            return newPort;
        }

        @Override
        public void sessionEnded(SessionOutcome outcome) {
            synchronized (lock) {
                sessions.add(outcome);
                lock.notifyAll();
            }
        }
    }

    /** True when the session of {@code outcome} wrote the configuration file (a file inside the root). */
    private boolean wroteConfig(SessionOutcome outcome) {
        Path real;
        try {
            real = configFile.toAbsolutePath().normalize();
            Path parent = real.getParent();
            if (parent != null && Files.isDirectory(parent)) {
                real = parent.toRealPath().resolve(real.getFileName());
            }
        } catch (IOException e) {
            return false;
        }
        return real.startsWith(flash.root()) && outcome.filesWritten().contains(flash.devicePath(real));
    }

    private static InetAddress resolveBindAddress(String host) throws IOException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IOException("cannot bind to '" + host + "': unknown host", e);
        }
    }
}
