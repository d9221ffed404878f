package io.github.mpota.maven;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.codehaus.plexus.util.SelectorUtils;

/**
 * The plugin's own file rule, on {@code /}-separated paths relative to the source folder: Maven-style
 * include and exclude globs ({@code **}/*.py, {@code lib/**}). The core's rules shared with the command line
 * (pymakr.conf, the default excludes, the settings files) apply on top of it.
 */
public final class MavenFileFilter implements Predicate<String> {

    private final List<String> includes;
    private final List<String> excludes;

    /**
     * @param includes globs a file must match; none means every file
     * @param excludes globs that drop a file
     */
    public MavenFileFilter(List<String> includes, List<String> excludes) {
        this.includes = normalise(includes);
        this.excludes = normalise(excludes);
    }

    @Override
    public boolean test(String relativePath) {
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> matches(p, relativePath))) {
            return false;
        }
        return excludes.stream().noneMatch(p -> matches(p, relativePath));
    }

    public List<String> includes() {
        return includes;
    }

    public List<String> excludes() {
        return excludes;
    }

    private static boolean matches(String pattern, String path) {
        return SelectorUtils.matchPath(pattern, path, "/", true);
    }

    /** Trims, drops blanks, uses {@code /}, and reads a trailing slash as "everything below", as Ant does. */
    private static List<String> normalise(List<String> patterns) {
        List<String> out = new ArrayList<>();
        if (patterns == null) {
            return out;
        }
        for (String p : patterns) {
            if (p == null || p.isBlank()) {
                continue;
            }
            String s = p.trim().replace('\\', '/');
            if (s.startsWith("./")) {
                s = s.substring(2);
            }
            if (s.endsWith("/")) {
                s = s + "**";
            }
            out.add(s);
        }
        return out;
    }
}
