package io.github.mpota.core.selection;

import io.github.mpota.core.metadata.DevicePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Chooses the files of an update: every regular file under the source folder, minus what {@code pymakr.conf}
 * and the caller's filter leave out.
 *
 * <p>The order is fixed: within a folder, its files sorted by name, then its subfolders sorted by name. Boards
 * running the reference server create folders one level at a time and depend on a folder's own files coming
 * before the files of its subfolders.
 *
 * <p>On top of pymakr.conf and the caller's filter, the {@link FileRules}: the default excludes and the board's
 * settings files, which the same rules leave out for the plugin and the command line alike.
 *
 * <p>Symbolic links never lead out of the source folder, so a link cannot pull in a file from elsewhere on the
 * developer's machine. A link to a file inside it is sent under the link's name. A link to a folder is not
 * followed: a folder inside the source folder is walked under its own name anyway, and following the link as
 * well would send its files twice, or under the link's name only, or loop.
 */
public final class FileSelector {

    private final Predicate<String> filter;
    private final FileRules rules;

    /**
     * @param filter the caller's own rule on {@code /}-separated relative paths; true keeps the file
     * @param rules the shared rules applied on top
     */
    public FileSelector(Predicate<String> filter, FileRules rules) {
        this.filter = filter;
        this.rules = rules;
    }

    /** Every file that {@code filter} and pymakr.conf keep ({@link FileRules#NONE}). */
    public FileSelector(Predicate<String> filter) {
        this(filter, FileRules.NONE);
    }

    /** Every file that pymakr.conf keeps ({@link FileRules#NONE}). */
    public FileSelector() {
        this(path -> true);
    }

    /**
     * Walks {@code sourceDir} and returns the files to send in payload order, with what was left out and why. It only
     * reads the folder; links that lead out of it, or to a folder, are listed as skipped, never followed.
     *
     * @throws SelectionException when the folder does not exist, cannot be listed or read, or its {@code pymakr.conf}
     *     is not what the reference client reads; the message says what to fix
     */
    public FileSelection select(Path sourceDir) throws SelectionException {
        if (!Files.isDirectory(sourceDir)) {
            throw new SelectionException("source folder " + sourceDir + " does not exist or is not a folder; "
                    + "create it or point to your MicroPython sources");
        }
        Path root;
        try {
            root = sourceDir.toRealPath();
        } catch (IOException e) {
            throw new SelectionException("cannot resolve source folder " + sourceDir + ": " + e.getMessage(), e);
        }
        PymakrConfig config = PymakrConfig.read(root);
        Walk walk = new Walk(root, config);
        walk.folder(root, "");
        return new FileSelection(walk.files, walk.ignored, walk.skippedLinks, walk.settingsLeftOut);
    }

    private final class Walk {
        final Path root;
        final PymakrConfig config;
        final List<SourceFile> files = new ArrayList<>();
        final List<String> ignored = new ArrayList<>();
        final List<String> skippedLinks = new ArrayList<>();
        final List<String> settingsLeftOut = new ArrayList<>();

        Walk(Path root, PymakrConfig config) {
            this.root = root;
            this.config = config;
        }

        void folder(Path dir, String prefix) throws SelectionException {
            List<Path> children;
            try (Stream<Path> list = Files.list(dir)) {
                children = new ArrayList<>(list.toList());
            } catch (IOException e) {
                throw new SelectionException("cannot list folder " + dir + ": " + e.getMessage(), e);
            }
            children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            List<Path> subfolders = new ArrayList<>();
            for (Path child : children) {
                String rel = prefix + child.getFileName().toString();
                Path target = child;
                if (Files.isSymbolicLink(child)) {
                    Optional<Path> inside = insideRoot(child);
                    if (inside.isEmpty() || Files.isDirectory(inside.get(), LinkOption.NOFOLLOW_LINKS)) {
                        skippedLinks.add(rel);
                        continue;
                    }
                    target = inside.get();
                }
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException e) {
                    throw new SelectionException("cannot read " + child + ": " + e.getMessage(), e);
                }
                if (attrs.isDirectory()) {
                    subfolders.add(child);
                } else if (attrs.isRegularFile()) {
                    if (config.ignores(rel) || !filter.test(rel)
                            || (rules.defaultExcludes() && DefaultExcludes.excludes(rel))) {
                        ignored.add(rel);
                        continue;
                    }
                    if (!rules.pushSettings() && SettingsFiles.isSettings(rel)) {
                        settingsLeftOut.add(rel);
                        continue;
                    }
                    Optional<String> problem = DevicePath.problem(rel);
                    if (problem.isPresent()) {
                        throw new SelectionException("cannot send " + child + ": " + problem.get()
                                + "; rename it or exclude it");
                    }
                    files.add(new SourceFile(target, rel, attrs.size()));
                }
            }
            for (Path sub : subfolders) {
                folder(sub, prefix + sub.getFileName().toString() + "/");
            }
        }

        private Optional<Path> insideRoot(Path link) throws SelectionException {
            Path real;
            try {
                real = link.toRealPath();
            } catch (IOException e) {
                return Optional.empty(); // dangling link
            }
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        }
    }
}
