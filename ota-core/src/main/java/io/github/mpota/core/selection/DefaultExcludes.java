package io.github.mpota.core.selection;

import java.util.Set;

/**
 * Files that no board needs and every build tool leaves out: version control (Git, Subversion, Mercurial,
 * Bazaar, CVS...), editor and IDE folders ({@code .vscode}, {@code .idea}), editor backups ({@code *~},
 * {@code #*#}, {@code .#*}), macOS's {@code .DS_Store} and {@code ._*}, and Python's {@code __pycache__}, which
 * holds the host's CPython bytecode (a board compiles its own). Plexus' list of SCM excludes, which Maven's
 * plugins use, plus the editors' folders and the bytecode cache, on {@code /}-separated relative paths.
 */
public final class DefaultExcludes {

    /** A path with one of these as a folder is left out. */
    static final Set<String> FOLDERS = Set.of(".git", ".svn", ".hg", ".bzr", "CVS", "RCS", "SCCS", "_darcs",
            ".darcsrepo", ".arch-ids", "BitKeeper", "ChangeSet", ".metadata", ".vscode", ".idea", "__pycache__");

    /** Files left out by name, wherever they are. */
    static final Set<String> FILES = Set.of(".gitignore", ".gitattributes", ".gitmodules", ".hgignore",
            ".hgtags", ".bzrignore", ".cvsignore", "vssver.scc", "project.pj", ".MySCMServerInfo", ".DS_Store",
            ".darcs-temp-mail");

    private DefaultExcludes() {
    }

    /** True when {@code relativePath} ({@code /}-separated, relative to the source folder) is left out. */
    public static boolean excludes(String relativePath) {
        String[] parts = relativePath.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            if (FOLDERS.contains(parts[i])) {
                return true;
            }
        }
        String name = parts[parts.length - 1];
        return FILES.contains(name) || name.endsWith("~") || name.startsWith(".#") || name.startsWith("._")
                || name.startsWith("-darcs-backup") || (name.length() > 1 && name.startsWith("#") && name.endsWith("#"))
                || (name.length() > 1 && name.startsWith("%") && name.endsWith("%"));
    }
}
