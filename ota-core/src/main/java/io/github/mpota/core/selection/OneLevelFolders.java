package io.github.mpota.core.selection;

import io.github.mpota.core.metadata.DevicePath;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference OTA server's folder rule seen from the client: for each file it makes the file's folder with a
 * single mkdir, so a folder whose own parent no earlier file has made cannot be created on an empty board. A
 * device that answers FAIL after the payload gives no reason; this names the likely one.
 */
public final class OneLevelFolders {

    /** The first file that an empty board running the reference server cannot place, and the folder it lacks. */
    public record Blocked(String file, String missingFolder) {
    }

    private OneLevelFolders() {
    }

    /** @param devicePaths the update's files in the order they are sent, {@code /}-separated */
    public static Optional<Blocked> firstBlocked(List<String> devicePaths) {
        Set<String> made = new HashSet<>();
        for (String path : devicePaths) {
            String folder = DevicePath.parent(path);
            if (folder.isEmpty() || made.contains(folder)) {
                continue;
            }
            String above = DevicePath.parent(folder);
            if (!above.isEmpty() && !made.contains(above)) {
                return Optional.of(new Blocked(path, above));
            }
            made.add(folder);
        }
        return Optional.empty();
    }
}
