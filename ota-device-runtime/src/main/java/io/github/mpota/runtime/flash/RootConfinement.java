package io.github.mpota.runtime.flash;

import io.github.mpota.core.metadata.DevicePath;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps every path of the device inside its root folder: a path is resolved segment by segment, and a segment that
 * is {@code ..}, names another drive or root, or is a link already inside the root is refused.
 */
public final class RootConfinement {

    private final Path root;

    /** @param root the root folder, as a real path */
    RootConfinement(Path root) {
        this.root = root;
    }

    /** Resolves a path that follows every rule of {@link DevicePath}; anything else is refused. */
    public Path resolveStrict(String devicePath) throws ConfinementException {
        Optional<String> problem = DevicePath.problem(devicePath);
        if (problem.isPresent()) {
            throw new ConfinementException("refused path '" + devicePath + "': " + problem.get());
        }
        return resolveSegments(devicePath, List.of(devicePath.split("/")));
    }

    /**
     * Resolves a path as a board whose working directory is {@code /} would: leading {@code /}, empty and
     * {@code .} segments name nothing, and {@code ..} goes back up one folder, which must exist (as on a board's
     * filesystem: {@code a/../b.txt} writes {@code b.txt} when {@code a} is a folder). A {@code ..} that would go
     * above the root is refused: the one thing the runtime never does is leave its root folder.
     */
    public Path resolveLenient(String path) throws ConfinementException {
        List<String> segments = lenientSegments(path);
        if (segments.isEmpty()) {
            throw new ConfinementException("refused path '" + path + "': it names the root folder itself");
        }
        return resolveSegments(path, segments);
    }

    /** The plain names that {@code path} comes to under {@link #resolveLenient}; empty when it names the root. */
    public List<String> lenientSegments(String path) throws ConfinementException {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (segments.isEmpty()) {
                    throw new ConfinementException("refused path '" + path
                            + "': a '..' segment would leave the device's root folder");
                }
                Path folder = resolveSegments(path, segments);
                if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    throw new ConfinementException("cannot open '" + path + "': " + String.join("/", segments)
                            + " is not a folder (ENOENT)");
                }
                segments.remove(segments.size() - 1);
                continue;
            }
            segments.add(s);
        }
        return segments;
    }

    /** The device path of a host path inside the root, {@code /}-separated. */
    public String devicePath(Path p) {
        Path rel = root.relativize(p);
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            sb.append(sb.length() == 0 ? "" : "/").append(part);
        }
        return sb.toString();
    }

    private Path resolveSegments(String shown, List<String> segments) throws ConfinementException {
        Path current = root;
        for (String s : segments) {
            if (s.indexOf('\0') >= 0 || s.indexOf('\\') >= 0 || s.equals("..") || s.equals(".")) {
                throw new ConfinementException("refused path '" + shown + "': segment '" + s
                        + "' is not a plain name");
            }
            Path next;
            try {
                next = current.resolve(s);
            } catch (java.nio.file.InvalidPathException e) {
                throw new ConfinementException("refused path '" + shown + "': " + e.getReason());
            }
            // A segment that the host reads as a root, a drive or several names would not stay one level down.
            if (!current.equals(next.getParent()) || !next.getFileName().toString().equals(s)) {
                throw new ConfinementException("refused path '" + shown + "': segment '" + s
                        + "' is not a plain name on this host");
            }
            current = next;
        }
        checkInside(current);
        return current;
    }

    /** Refuses a path outside the root, or one that goes through or ends in a link. */
    void checkInside(Path p) throws ConfinementException {
        Path n = p.normalize();
        if (!n.startsWith(root) || n.equals(root)) {
            throw new ConfinementException("refused path " + p + ": it is not inside the device's root " + root);
        }
        Path current = root;
        for (Path part : root.relativize(n)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw new ConfinementException("refused path '" + devicePath(n) + "': '" + devicePath(current)
                        + "' is a link, and the runtime never follows links out of its root");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
        }
    }
}
