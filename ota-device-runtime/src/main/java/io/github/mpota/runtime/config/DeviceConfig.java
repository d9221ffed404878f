package io.github.mpota.runtime.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The board's configuration, with the keys of the reference {@code OTAUpdater}'s config dict: WIFI_SSID,
 * WIFI_PASSWORD, OTA_PASSWORD, DEVICE_NAME, and optionally PORT.
 *
 * @param wifiSsid the network to join, or null when the runtime does not simulate joining one
 * @param wifiPassword its passphrase, empty for an open network
 * @param otaPassword the OTA password; never empty
 * @param deviceName the hostname the board reports; null for the board's default
 * @param port the OTA port, or null for the default
 */
public record DeviceConfig(String wifiSsid, String wifiPassword, String otaPassword, String deviceName,
        Integer port) {

    public static final String KEY_WIFI_SSID = "WIFI_SSID";
    public static final String KEY_WIFI_PASSWORD = "WIFI_PASSWORD";
    public static final String KEY_OTA_PASSWORD = "OTA_PASSWORD";
    public static final String KEY_DEVICE_NAME = "DEVICE_NAME";
    public static final String KEY_PORT = "PORT";

    /** The name under which the board keeps its configuration in its filesystem root. */
    public static final String DEVICE_FILE = "ota_config.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public DeviceConfig {
        Objects.requireNonNull(otaPassword, "otaPassword");
        if (otaPassword.isEmpty()) {
            throw new IllegalArgumentException("OTA_PASSWORD is empty");
        }
        if (wifiPassword == null) {
            wifiPassword = "";
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("PORT must be 0 to 65535, was " + port);
        }
    }

    /** Never the passwords: a configuration ends up in logs and assertion messages. */
    @Override
    public String toString() {
        return "DeviceConfig[wifiSsid=" + wifiSsid + ", wifiPassword=(hidden), otaPassword=(hidden), deviceName="
                + deviceName + ", port=" + port + "]";
    }

    /** A configuration with only the OTA password (no WiFi to join, default name and port). */
    public static DeviceConfig ofPassword(String otaPassword) {
        return new DeviceConfig(null, "", otaPassword, null, null);
    }

    public DeviceConfig withPort(Integer newPort) {
        return new DeviceConfig(wifiSsid, wifiPassword, otaPassword, deviceName, newPort);
    }

    /** Reads a JSON file with the board's keys. */
    public static DeviceConfig read(Path file) throws ConfigException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist; create it with at least {\""
                    + KEY_OTA_PASSWORD + "\": \"...\"} or pass the password as an option");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses the JSON text of a configuration; {@code source} names it in messages. */
    public static DeviceConfig parse(byte[] json, String source) throws ConfigException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("configuration " + source + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("configuration " + source + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("configuration " + source + " must be a JSON object with the keys "
                    + KEY_WIFI_SSID + ", " + KEY_WIFI_PASSWORD + ", " + KEY_OTA_PASSWORD + ", " + KEY_DEVICE_NAME);
        }
        String ota = text(root, KEY_OTA_PASSWORD, source);
        if (ota == null || ota.isEmpty()) {
            throw missingPassword(source);
        }
        Integer port = null;
        JsonNode p = root.get(KEY_PORT);
        if (p != null && !p.isNull()) {
            if (!p.isIntegralNumber() || !p.canConvertToInt() || p.intValue() < 0 || p.intValue() > 65535) {
                throw new ConfigException("configuration " + source + ": " + KEY_PORT
                        + " must be a whole number from 0 to 65535, found " + p);
            }
            port = p.intValue();
        }
        return new DeviceConfig(text(root, KEY_WIFI_SSID, source), text(root, KEY_WIFI_PASSWORD, source), ota,
                text(root, KEY_DEVICE_NAME, source), port);
    }

    /** The message for a configuration without OTA_PASSWORD: the board cannot serve updates without it. */
    public static ConfigException missingPassword(String source) {
        return new ConfigException("OTA_PASSWORD is missing" + (source == null ? "" : " in " + source)
                + ": the OTA server cannot start without it; set OTA_PASSWORD in the configuration file or give"
                + " the password as an option (--password)");
    }

    private static String text(JsonNode root, String key, String source) throws ConfigException {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            // Name the type, never the value: it may be a password.
            throw new ConfigException("configuration " + source + ": " + key + " must be a string in quotes, found "
                    + kind(n));
        }
        return n.textValue();
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
