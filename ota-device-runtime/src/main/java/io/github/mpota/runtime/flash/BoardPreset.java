package io.github.mpota.runtime.flash;

import java.util.Locale;

/**
 * Boards whose default MicroPython filesystem size the runtime knows. The figures come from MicroPython's own
 * port sources (the filesystem's partition or flash-storage size of the board's default build):
 * <ul>
 *   <li>esp32: ports/esp32/partitions-4MiB.csv, the {@code vfs} partition of the generic 4 MiB build,
 *       {@code vfs, data, fat, 0x200000, 0x200000}: 0x200000 = 2 MiB.</li>
 *   <li>esp8266: ports/esp8266/boards/esp8266_2MiB.ld (the filesystem starts at 1 MiB, "1M+ filesystem") and
 *       ports/esp8266/modules/flashbdev.py (it runs to the end of flash less 20 KiB of SDK parameters, after one
 *       reserved sector): on the usual 4 MiB module (4 MiB - 20 KiB) / 4096 - (256 + 1) = 762 blocks of 4096
 *       bytes.</li>
 *   <li>rp2-pico: ports/rp2/boards/RPI_PICO/mpconfigboard.h, {@code MICROPY_HW_FLASH_STORAGE_BYTES (1408 * 1024)}.</li>
 *   <li>rp2-pico-w: ports/rp2/boards/RPI_PICO_W/mpconfigboard.h,
 *       {@code MICROPY_HW_FLASH_STORAGE_BYTES (848 * 1024)} (the CYW43 WiFi firmware takes the rest).</li>
 * </ul>
 */
public enum BoardPreset {
    ESP32("esp32", Port.ESP32, 0x200000L),
    ESP8266("esp8266", Port.ESP8266, 762L * FlashFilesystem.DEFAULT_BLOCK_SIZE),
    RP2_PICO("rp2-pico", Port.RP2, 1408L * 1024),
    RP2_PICO_W("rp2-pico-w", Port.RP2, 848L * 1024);

    /** The MicroPython port a board belongs to: it decides status codes and the default hostname. */
    public enum Port {
        ESP32("mpy-esp32"),
        ESP8266("mpy-esp8266"),
        RP2("PicoW");

        private final String defaultHostname;

        Port(String defaultHostname) {
            this.defaultHostname = defaultHostname;
        }

        /** MICROPY_PY_NETWORK_HOSTNAME_DEFAULT of the port. */
        public String defaultHostname() {
            return defaultHostname;
        }
    }

    private final String label;
    private final Port port;
    private final long filesystemBytes;

    BoardPreset(String label, Port port, long filesystemBytes) {
        this.label = label;
        this.port = port;
        this.filesystemBytes = filesystemBytes;
    }

    /** The name used on the command line: {@code esp32}, {@code esp8266}, {@code rp2-pico}, {@code rp2-pico-w}. */
    public String label() {
        return label;
    }

    public Port port() {
        return port;
    }

    /** The size of the board's default filesystem in bytes. */
    public long filesystemBytes() {
        return filesystemBytes;
    }

    public static BoardPreset byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (BoardPreset b : values()) {
            if (b.label.equals(wanted)) {
                return b;
            }
        }
        StringBuilder known = new StringBuilder();
        for (BoardPreset b : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(b.label);
        }
        throw new IllegalArgumentException("unknown board '" + name + "': use one of " + known
                + ", or give the filesystem size in bytes");
    }
}
