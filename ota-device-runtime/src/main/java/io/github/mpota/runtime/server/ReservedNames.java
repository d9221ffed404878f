package io.github.mpota.runtime.server;

import io.github.mpota.core.metadata.DevicePath;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.MetadataException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The hardened board's name checks as a folding filesystem sees names. On FAT (a board's SD card or flash), macOS
 * and Windows, {@code .OTA} and {@code .ota.} are the staging folder {@code .ota}, and {@code MAIN.PY} is
 * {@code main.py}: a check that compares the bytes would let such names reach the staging folder or collide on the
 * board. Names are therefore compared lower-cased, with trailing dots and spaces removed from every segment (what
 * Windows and FAT drop). Lower-casing is {@link String#toLowerCase(Locale)} with {@link Locale#ROOT}, no Unicode
 * normalisation, so that the rule stays one a MicroPython board can apply the same way.
 */
final class ReservedNames {

    static final String FOLDING_NOTE = " (names are compared as FAT, macOS and Windows compare them: without case"
            + " and without trailing dots and spaces)";

    private ReservedNames() {
    }

    /**
     * Refuses a path inside the staging folder, two paths that name the same file, and a file that is also the
     * folder of another, all as a folding filesystem sees them.
     */
    static void check(List<FileEntry> files) throws MetadataException {
        Map<String, String> byFolded = new HashMap<>();
        for (FileEntry f : files) {
            String p = f.path();
            String first = p.split("/", -1)[0];
            if (fold(first).equals(UpdateJournal.WORK_DIR)) {
                throw new MetadataException("path '" + p + "' is inside " + UpdateJournal.WORK_DIR
                        + "/, the folder where the device stages updates"
                        + (first.equals(UpdateJournal.WORK_DIR) ? "" : FOLDING_NOTE));
            }
            String earlier = byFolded.putIfAbsent(fold(p), p);
            if (earlier != null) {
                throw new MetadataException("paths '" + earlier + "' and '" + p + "' name the same file"
                        + FOLDING_NOTE);
            }
        }
        for (FileEntry f : files) {
            String folder = DevicePath.parent(f.path());
            while (!folder.isEmpty()) {
                String file = byFolded.get(fold(folder));
                if (file != null) {
                    throw new MetadataException("path '" + file + "' is a file and also the folder of '" + f.path()
                            + "'" + (file.equals(folder) ? "" : FOLDING_NOTE));
                }
                folder = DevicePath.parent(folder);
            }
        }
    }

    /** The name as a folding filesystem compares it: each segment lower-cased, trailing dots and spaces cut. */
    static String fold(String path) {
        StringJoiner joined = new StringJoiner("/");
        for (String segment : path.split("/", -1)) {
            String s = segment.toLowerCase(Locale.ROOT);
            int end = s.length();
            while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
                end--;
            }
            joined.add(s.substring(0, end));
        }
        return joined.toString();
    }
}
