package io.github.mpota.core.selection;

import java.util.List;

/**
 * The outcome of a selection: the files to send, in payload order, and what was left out and why, so that
 * a front end can show it (a dry run, or a debug log).
 */
public record FileSelection(List<SourceFile> files, List<String> ignored, List<String> skippedLinks) {
    public FileSelection {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
        skippedLinks = List.copyOf(skippedLinks);
    }

    public long totalBytes() {
        return files.stream().mapToLong(SourceFile::size).sum();
    }
}
