package io.github.mpota.runtime;

import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.runtime.config.DeviceConfig;
import io.github.mpota.runtime.flash.BoardPreset;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.server.UpdateJournal;
import io.github.mpota.runtime.wifi.Network;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Options of a {@link DeviceRuntime}; see the module's README for their meaning. */
public final class DeviceRuntimeBuilder {
    Path root;
    String bindAddress = "127.0.0.1";
    Integer port;
    DeviceConfig config;
    Path configFile;
    BoardPreset board = BoardPreset.ESP32;
    Long capacityBytes;
    int blockSize = FlashFilesystem.DEFAULT_BLOCK_SIZE;
    Profile profile = Profile.HARDENED;
    Path transcriptFile;
    Consumer<String> log = System.err::println;
    Duration ioTimeout = Protocol.DEVICE_TIMEOUT;
    List<Network> networks = List.of();
    UpdateJournal.MoveObserver moveObserver = UpdateJournal.MoveObserver.NONE;
    Duration rebootDelay = Protocol.REBOOT_DELAY;
    boolean v1Enabled = true;

    DeviceRuntimeBuilder() {
    }

    /** The host folder that is the board's filesystem root (created if missing). */
    public DeviceRuntimeBuilder root(Path root) {
        this.root = Objects.requireNonNull(root, "root");
        return this;
    }

    public DeviceRuntimeBuilder bindAddress(String host) {
        this.bindAddress = Objects.requireNonNull(host, "host");
        return this;
    }

    /** 0 picks a free port; default: the configuration's PORT, else {@link Protocol#DEFAULT_PORT}. */
    public DeviceRuntimeBuilder port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        this.port = port;
        return this;
    }

    /** A configuration with only the OTA password. */
    public DeviceRuntimeBuilder password(String otaPassword) {
        this.config = DeviceConfig.ofPassword(otaPassword);
        this.configFile = null;
        return this;
    }

    /** A fixed configuration (not read again at reboot). */
    public DeviceRuntimeBuilder config(DeviceConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.configFile = null;
        return this;
    }

    /**
     * A JSON configuration file, read at every boot; when it is inside the root, an update can replace it.
     * Without password, config or configFile the board reads {@code ota_config.json} in its root.
     */
    public DeviceRuntimeBuilder configFile(Path file) {
        this.configFile = Objects.requireNonNull(file, "file");
        this.config = null;
        return this;
    }

    public DeviceRuntimeBuilder board(BoardPreset board) {
        this.board = Objects.requireNonNull(board, "board");
        return this;
    }

    /** The filesystem size in bytes, instead of the board preset's, rounded down to whole blocks; 0 is full. */
    public DeviceRuntimeBuilder capacityBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("filesystem size must be 0 bytes or more, was " + bytes);
        }
        this.capacityBytes = bytes;
        return this;
    }

    /**
     * {@code f_bsize}: the unit in which files take space and free space is reported; default
     * {@link FlashFilesystem#DEFAULT_BLOCK_SIZE} (littlefs), 512 for FAT on an SD card, 1 for byte-exact tests.
     */
    public DeviceRuntimeBuilder blockSize(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("block size must be 1 byte or more, was " + bytes);
        }
        this.blockSize = bytes;
        return this;
    }

    /**
     * false turns protocol v1 off on the hardened profile: every v1 response, right or wrong, gets
     * {@code AUTH_FAIL}, so only v2 clients are served (docs/PROTOCOL.md "Turning v1 off"). The upstream profile
     * speaks v1 only and refuses this at start.
     */
    public DeviceRuntimeBuilder v1Enabled(boolean enabled) {
        this.v1Enabled = enabled;
        return this;
    }

    public DeviceRuntimeBuilder profile(Profile profile) {
        this.profile = Objects.requireNonNull(profile, "profile");
        return this;
    }

    public DeviceRuntimeBuilder transcriptFile(Path jsonl) {
        this.transcriptFile = jsonl;
        return this;
    }

    public DeviceRuntimeBuilder log(Consumer<String> log) {
        this.log = Objects.requireNonNull(log, "log");
        return this;
    }

    /** The timeout on every receive of a connection; default {@link Protocol#DEVICE_TIMEOUT}. */
    public DeviceRuntimeBuilder ioTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("I/O timeout must be positive, was " + timeout);
        }
        this.ioTimeout = timeout;
        return this;
    }

    /** The WiFi networks in reach; by default only the configured one, with the configured passphrase. */
    public DeviceRuntimeBuilder networks(List<Network> networks) {
        this.networks = List.copyOf(networks);
        return this;
    }

    /** Test hook: told after each file of a hardened apply is moved into place. */
    DeviceRuntimeBuilder moveObserver(UpdateJournal.MoveObserver observer) {
        this.moveObserver = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /**
     * Test hook: the pause between {@code UPDATE_SUCCESS} and the reset (the board's is
     * {@link Protocol#REBOOT_DELAY}); load tests that push a thousand times shorten it.
     */
    DeviceRuntimeBuilder rebootDelay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("reboot delay must not be negative, was " + delay);
        }
        this.rebootDelay = delay;
        return this;
    }

    /**
     * Opens the root folder as the board's filesystem.
     *
     * @throws IllegalStateException when no root was given
     * @throws java.io.UncheckedIOException when the root cannot be created or read
     */
    public DeviceRuntime build() {
        if (root == null) {
            throw new IllegalStateException("no root folder: set root(Path), the folder that is the board's"
                    + " filesystem");
        }
        if (!v1Enabled && profile == Profile.UPSTREAM) {
            throw new IllegalStateException("v1 cannot be turned off on the upstream profile: the reference device"
                    + " speaks v1 only; use the hardened profile");
        }
        try {
            return new DeviceRuntime(this);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open the device folder " + root + ": "
                    + e.getMessage(), e);
        }
    }
}
