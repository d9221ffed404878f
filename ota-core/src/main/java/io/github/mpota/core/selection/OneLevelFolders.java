package io.github.mpota.core.selection;

import io.github.mpota.core.metadata.DevicePath;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference OTA server's folder rule seen from the client: for each file it makes the file's folder with a
 * single mkdir, so a folder whose own parent no earlier file has made cannot be created on an empty board. The
 * client knows the file list in advance, so it can refuse such an update before sending anything, instead of
 * leaving the board half updated.
 */
public final class OneLevelFolders {

    /** The first file that a board running the reference server cannot place, and the folder it lacks. */
    public record Blocked(String file, String missingFolder) {
    }

    private OneLevelFolders() {
    }

    /** @param devicePaths the update's files in the order they are sent, {@code /}-separated */
    public static Optional<Blocked> firstBlocked(List<String> devicePaths) {
        return firstBlocked(devicePaths, Set.of());
    }

    /**
     * @param devicePaths the update's files in the order they are sent, {@code /}-separated
     * @param onBoard folders known to be on the board already (an earlier push made them)
     */
    public static Optional<Blocked> firstBlocked(List<String> devicePaths, Set<String> onBoard) {
        Set<String> made = new HashSet<>(onBoard);
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

    /** Why a push stops before sending, without the front end's way out. */
    public static String refusal(Blocked b) {
        return b.file() + " needs the folder " + DevicePath.parent(b.file()) + " inside " + b.missingFolder()
                + ", which has no file of its own in this update and was not made by an earlier push recorded"
                + " here: a board running the original OTA server creates one folder level at a time, so it would"
                + " write the files before it and then fail, half updated";
    }
}
