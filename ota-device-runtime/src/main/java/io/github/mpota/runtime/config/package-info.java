/**
 * The board's configuration as the reference {@code OTAUpdater} reads it (WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD,
 * DEVICE_NAME, PORT), parsed with the boot's own rules.
 *
 * <p>It depends on Jackson alone; it must not depend on the server, the wire or the filesystem.
 */
package io.github.mpota.runtime.config;
