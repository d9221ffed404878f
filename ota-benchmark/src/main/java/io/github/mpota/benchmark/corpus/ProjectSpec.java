package io.github.mpota.benchmark.corpus;

import java.util.List;

/**
 * The size of a benchmark project: how many files and how many bytes, about 85% of the files and 90% of the bytes
 * Python source text, the rest binary.
 */
public record ProjectSpec(String name, int files, long bytes) {

    public static final ProjectSpec SMALL = new ProjectSpec("small", 20, 100_000);
    public static final ProjectSpec MEDIUM = new ProjectSpec("medium", 200, 2_000_000);
    public static final ProjectSpec LARGE = new ProjectSpec("large", 2_000, 20_000_000);

    public static final List<ProjectSpec> ALL = List.of(SMALL, MEDIUM, LARGE);

    public ProjectSpec {
        if (files < 3) {
            throw new IllegalArgumentException("a project needs at least 3 files (one of each binary kind), was "
                    + files);
        }
        if (bytes < files) {
            throw new IllegalArgumentException("a project of " + files + " files needs at least as many bytes");
        }
    }

    /** Binary files: 15% of the count, at least one of each of the three kinds. */
    public int binaryFiles() {
        return Math.max(3, Math.round(files * 0.15f));
    }

    public int textFiles() {
        return files - binaryFiles();
    }

    /** The bytes aimed at for the binary files: 10% of the project. */
    public long binaryBytes() {
        return bytes / 10;
    }
}
