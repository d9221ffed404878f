package io.github.mpota.core.selection;

import java.util.List;

/**
 * The outcome of a selection: the files to send, in payload order, and what was left out and why, so that
 * a front end can show it (a dry run, or a debug log).
 *
 * @param settingsLeftOut the board's settings files ({@link SettingsFiles}) that the rules kept back, which a
 *     front end names every time: the user may expect them on the board
 */
public record FileSelection(List<SourceFile> files, List<String> ignored, List<String> skippedLinks,
        List<String> settingsLeftOut) {
    public FileSelection {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
        skippedLinks = List.copyOf(skippedLinks);
        settingsLeftOut = List.copyOf(settingsLeftOut);
    }

    /** The settings files that are sent (only when the rules ask for them). */
    public List<String> settingsSent() {
        return files.stream().map(SourceFile::devicePath).filter(SettingsFiles::isSettings).toList();
    }

    /** The sizes of the files to send, added up: the payload before compression. */
    public long totalBytes() {
        return files.stream().mapToLong(SourceFile::size).sum();
    }
}
