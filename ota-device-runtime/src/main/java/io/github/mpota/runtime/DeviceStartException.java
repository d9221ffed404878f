package io.github.mpota.runtime;

import java.io.IOException;

/** The board cannot start: a configuration without OTA_PASSWORD, WiFi that does not connect, a port in use. */
public class DeviceStartException extends IOException {
    private static final long serialVersionUID = 1L;

    public DeviceStartException(String message) {
        super(message);
    }

    public DeviceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
