package io.github.mpota.runtime.wifi;

import io.github.mpota.runtime.flash.BoardPreset;

/**
 * The states of a station interface, named after MicroPython's {@code network.STAT_*} constants, with the number
 * that {@code WLAN.status()} returns on each port (the ESP-IDF reason codes on esp32, the SDK's station_status_t
 * on esp8266, the cyw43 link states on rp2).
 */
public enum WlanStatus {
    IDLE("STAT_IDLE", 1000, 0, 0),
    CONNECTING("STAT_CONNECTING", 1001, 1, 1),
    WRONG_PASSWORD("STAT_WRONG_PASSWORD", 202, 2, -3),
    NO_AP_FOUND("STAT_NO_AP_FOUND", 201, 3, -2),
    GOT_IP("STAT_GOT_IP", 1010, 5, 3);

    private final String constant;
    private final int esp32;
    private final int esp8266;
    private final int rp2;

    WlanStatus(String constant, int esp32, int esp8266, int rp2) {
        this.constant = constant;
        this.esp32 = esp32;
        this.esp8266 = esp8266;
        this.rp2 = rp2;
    }

    /** The name of the constant in MicroPython's {@code network} module, e.g. {@code STAT_GOT_IP}. */
    public String constantName() {
        return constant;
    }

    /** The value of {@code WLAN.status()} on the board's port. */
    public int code(BoardPreset.Port port) {
        return switch (port) {
            case ESP32 -> esp32;
            case ESP8266 -> esp8266;
            case RP2 -> rp2;
        };
    }
}
