package io.github.mpota.core.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The rules for a path in the metadata: relative to the device's working directory, {@code /}-separated,
 * and unable to name anything outside it on a board or on the host that runs the device runtime.
 */
public final class DevicePath {

    /** littlefs and FAT both stop at 255 bytes for a name. */
    public static final int MAX_NAME_BYTES = 255;
    public static final int MAX_PATH_BYTES = 4096;

    private DevicePath() {
    }

    /** Why {@code path} is not a valid device path, or empty when it is. */
    public static Optional<String> problem(String path) {
        if (path.isEmpty()) {
            return Optional.of("path is empty");
        }
        if (path.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            return Optional.of("path is longer than " + MAX_PATH_BYTES + " bytes");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of(String.format("path contains the control character U+%04X", (int) c));
            }
            if (c == '\\') {
                return Optional.of("path contains a backslash; use '/' to separate folders");
            }
            if (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < path.length()
                            && Character.isLowSurrogate(path.charAt(i + 1)))
                    && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(path.charAt(i - 1)))) {
                return Optional.of("path contains an unpaired surrogate");
            }
        }
        if (path.startsWith("/")) {
            return Optional.of("path is absolute; it must be relative to the device's root");
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            return Optional.of("path starts with a drive letter; it must be relative to the device's root");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                return Optional.of("path has an empty segment ('//' or a trailing '/')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("path has a '" + segment + "' segment");
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
                return Optional.of("path has a name longer than " + MAX_NAME_BYTES + " bytes");
            }
        }
        return Optional.empty();
    }

    /** The folder part of a path ({@code "lib"} for {@code "lib/util.py"}), empty for a top-level file. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
