package io.github.mpota.maven;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.codehaus.plexus.util.AbstractScanner;
import org.codehaus.plexus.util.SelectorUtils;

/**
 * The plugin's own file rule, on {@code /}-separated paths relative to the source folder: Maven-style
 * include and exclude globs ({@code **}/*.py, {@code lib/**}), the usual SCM and editor leftovers that every
 * Maven plugin leaves out ({@code .git}, {@code .svn}, {@code *~}...), and Python's {@code __pycache__}, which a
 * board recompiles itself. The core's {@code pymakr.conf} rule applies on top of it.
 */
public final class MavenFileFilter implements Predicate<String> {

    /** Bytecode caches of the host's CPython: useless on a board and often large. */
    static final String PYCACHE_EXCLUDE = "**/__pycache__/**";

    /** SCM control files that plexus-utils' list lacks; no board needs them either. */
    static final List<String> SCM_FILE_EXCLUDES = List.of("**/.gitignore", "**/.gitattributes", "**/.gitmodules",
            "**/.hgignore", "**/.hgtags", "**/.bzrignore");

    private final List<String> includes;
    private final List<String> excludes;

    /**
     * @param includes globs a file must match; none means every file
     * @param excludes globs that drop a file
     * @param defaultExcludes whether to add the SCM default excludes and {@code __pycache__}
     */
    public MavenFileFilter(List<String> includes, List<String> excludes, boolean defaultExcludes) {
        this.includes = normalise(includes);
        List<String> ex = new ArrayList<>(normalise(excludes));
        if (defaultExcludes) {
            Collections.addAll(ex, AbstractScanner.DEFAULTEXCLUDES);
            ex.addAll(SCM_FILE_EXCLUDES);
            ex.add(PYCACHE_EXCLUDE);
        }
        this.excludes = List.copyOf(ex);
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
