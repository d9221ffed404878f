package io.github.mpota.runtime;

import io.github.mpota.runtime.config.ConfigException;
import io.github.mpota.runtime.config.DeviceConfig;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.server.UpdateJournal;
import io.github.mpota.runtime.transcript.Transcript;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import io.github.mpota.runtime.wifi.Network;
import io.github.mpota.runtime.wifi.StationInterface;
import io.github.mpota.runtime.wifi.WifiException;
import io.github.mpota.runtime.wifi.WlanStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the board does when it starts and after each reset: finish an interrupted update (hardened), count its
 * flash again, read its configuration and join its WiFi network, as {@code boot.py} does on a board.
 */
final class BoardBoot {

    /** What a boot leaves in force. */
    record Booted(DeviceConfig config, StationInterface station) {
    }

    private final DeviceRuntimeBuilder options;
    private final FlashFilesystem flash;
    private final Path configFile;
    private final InetAddress bindAddress;
    private final Transcript transcript;
    private List<Network> networksInReach;

    BoardBoot(DeviceRuntimeBuilder options, FlashFilesystem flash, Path configFile, InetAddress bindAddress,
            Transcript transcript) {
        this.options = options;
        this.flash = flash;
        this.configFile = configFile;
        this.bindAddress = bindAddress;
        this.transcript = transcript;
        this.networksInReach = List.copyOf(options.networks);
    }

    /** @param bootNumber 1 at start, then one more after each reboot */
    Booted boot(int bootNumber) throws BootProblem {
        if (options.profile == Profile.HARDENED) {
            try {
                new UpdateJournal(flash).recover(options.log);
            } catch (IOException e) {
                throw new BootProblem("cannot finish the interrupted update in " + flash.root() + ": "
                        + e.getMessage());
            }
        }
        try {
            flash.rescan();
        } catch (IOException e) {
            throw new BootProblem("cannot read the device folder " + flash.root() + ": " + e.getMessage());
        }
        DeviceConfig c = options.config;
        if (c == null) {
            if (!Files.isRegularFile(configFile)) {
                throw new BootProblem(DeviceConfig.missingPassword(configFile + " (no such file)").getMessage());
            }
            try {
                c = DeviceConfig.read(configFile);
            } catch (ConfigException e) {
                throw new BootProblem(e.getMessage());
            }
        }
        StationInterface sta = new StationInterface(options.board.port(), networksFor(c),
                bindAddress.getHostAddress());
        try {
            if (c.deviceName() != null) {
                sta.hostname(c.deviceName());
            }
            if (c.wifiSsid() != null) {
                options.log.accept("Connecting to WiFi '" + c.wifiSsid() + "'...");
                WlanStatus status = sta.connect(c.wifiSsid(), c.wifiPassword());
                if (status != WlanStatus.GOT_IP) {
                    throw new BootProblem("WiFi: cannot join '" + c.wifiSsid() + "': status "
                            + status.constantName() + " (" + sta.statusCode() + ")"
                            + (status == WlanStatus.WRONG_PASSWORD ? "; check WIFI_PASSWORD"
                                    : "; no such network in reach, check WIFI_SSID"));
                }
                options.log.accept("WiFi connected: " + sta.ifconfig() + ", hostname '" + sta.hostname() + "'");
            }
        } catch (WifiException e) {
            throw new BootProblem("WiFi: " + e.getMessage());
        }
        transcript.record(0, TranscriptEvent.Type.BOOT, "boot", bootNumber, "hostname", sta.hostname(),
                "wifi", sta.isconnected() ? sta.ssid() : null, "ifconfig", sta.ifconfig().toString(),
                "capacity", flash.capacityBytes(), "free", flash.freeBytes(), "profile", options.profile.label());
        return new Booted(c, sta);
    }

    /** The networks in reach; when none were described, the first configured network is assumed in reach. */
    private List<Network> networksFor(DeviceConfig c) {
        if (networksInReach.isEmpty() && c.wifiSsid() != null) {
            networksInReach = List.of(new Network(c.wifiSsid(), c.wifiPassword()));
        }
        return networksInReach;
    }

    /** A reason the board cannot boot, in a sentence. */
    static final class BootProblem extends Exception {
        private static final long serialVersionUID = 1L;

        BootProblem(String message) {
            super(message);
        }
    }
}
