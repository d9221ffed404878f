package io.github.mpota.core.selection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The board's settings files at the root of the source folder: {@code ota_config.json} (what
 * {@code ota:install-server} writes) and {@code config.py} (the original server's). They hold the WiFi and OTA
 * passwords, and a push sends its files in clear to whatever answers on the port, so they are left out unless
 * asked for. When they do go, the guards here catch the two ways they lock a board out: install-server's
 * placeholders still in place, and an {@code OTA_PASSWORD} that differs from the one of this push.
 */
public final class SettingsFiles {

    /** Our server's settings, as {@code ota:install-server} writes them. */
    public static final String OTA_CONFIG = "ota_config.json";
    /** The original server's settings. */
    public static final String CONFIG_PY = "config.py";

    /** The settings files, as device paths: both live in the board's root. */
    public static final List<String> NAMES = List.of(OTA_CONFIG, CONFIG_PY);

    /** install-server's placeholders for the values that only the user knows. */
    public static final List<String> PLACEHOLDERS = List.of("your-wifi-name", "your-wifi-password");

    private static final Pattern JSON_PASSWORD = Pattern.compile("\"OTA_PASSWORD\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PY_PASSWORD = Pattern.compile("(?m)^\\s*OTA_PASSWORD\\s*=\\s*(['\"])(.*?)\\1");

    private SettingsFiles() {
    }

    /** Whether {@code devicePath} names one of the board's settings files (only at the root). */
    public static boolean isSettings(String devicePath) {
        return NAMES.contains(devicePath);
    }

    /**
     * The starter {@code ota_config.json}: the WiFi values to fill in, and the OTA password that
     * {@code ota:install-server} generated.
     */
    public static String starterConfig(String otaPassword) {
        return """
                {
                  "WIFI_SSID": "%s",
                  "WIFI_PASSWORD": "%s",
                  "OTA_PASSWORD": "%s",
                  "DEVICE_NAME": "myboard"
                }
                """.formatted(PLACEHOLDERS.get(0), PLACEHOLDERS.get(1), otaPassword);
    }

    /** A settings file of the selection that still holds a starter placeholder, in a sentence without the way out. */
    public static Optional<String> placeholderProblem(FileSelection selection) {
        for (SourceFile f : selection.files()) {
            if (!f.devicePath().equals(OTA_CONFIG)) {
                continue;
            }
            String text = read(f);
            for (String placeholder : PLACEHOLDERS) {
                if (text.contains("\"" + placeholder + "\"")) {
                    return Optional.of(f.localPath() + " still holds the placeholder \"" + placeholder
                            + "\" written by ota:install-server: a board that boots with it cannot join WiFi and is"
                            + " out of OTA's reach until it is flashed over USB");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A warning when a settings file of the selection sets an {@code OTA_PASSWORD} other than {@code password}:
     * the board takes it at its next boot, and the next push with the old password is refused.
     */
    public static Optional<String> passwordChange(FileSelection selection, String password) {
        for (SourceFile f : selection.files()) {
            if (!isSettings(f.devicePath())) {
                continue;
            }
            Matcher m = (f.devicePath().equals(OTA_CONFIG) ? JSON_PASSWORD : PY_PASSWORD).matcher(read(f));
            if (m.find()) {
                String pushed = f.devicePath().equals(OTA_CONFIG) ? m.group(1) : m.group(2);
                if (!pushed.equals(password)) {
                    return Optional.of(f.devicePath() + " sets an OTA_PASSWORD different from the one used for"
                            + " this push: after its reboot the board expects the new one, and a push with the"
                            + " current password will be refused (AUTH_FAIL)");
                }
            }
        }
        return Optional.empty();
    }

    /** The warning for settings files that go on purpose. */
    public static String sendingWarning(List<String> settings) {
        return "Pushing " + String.join(" and ", settings) + " on request: it holds the board's WiFi and OTA"
                + " passwords, which travel unencrypted to whatever answers on the board's address";
    }

    /** The notice for settings files left out, naming the front end's way to send them. */
    public static String leftOutNotice(List<String> leftOut, String howToSend) {
        return "Not pushing " + String.join(" and ", leftOut) + ": settings files hold the WiFi and OTA passwords"
                + " and would travel unencrypted (" + howToSend + " sends them)";
    }

    private static String read(SourceFile f) {
        try {
            return Files.readString(f.localPath(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return ""; // unreadable as text: the push reads it again and reports a real problem
        }
    }
}
