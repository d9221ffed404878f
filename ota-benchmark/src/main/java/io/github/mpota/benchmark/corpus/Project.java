package io.github.mpota.benchmark.corpus;

import java.nio.file.Path;

/** A benchmark project as built on disk: its source folder and what it holds. */
public record Project(ProjectSpec spec, Path sourceDir, int textFiles, long textBytes, int binaryFiles,
        long binaryBytes) {

    public String name() {
        return spec.name();
    }

    public int files() {
        return textFiles + binaryFiles;
    }

    public long bytes() {
        return textBytes + binaryBytes;
    }
}
