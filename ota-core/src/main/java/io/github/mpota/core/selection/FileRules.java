package io.github.mpota.core.selection;

/**
 * The file rules every front end applies on top of {@code pymakr.conf}'s {@code py_ignore} and its own filter.
 *
 * @param defaultExcludes leave out {@link DefaultExcludes}: SCM, editor and cache files
 * @param pushSettings send the board's settings files ({@link SettingsFiles}) too; they hold passwords
 */
public record FileRules(boolean defaultExcludes, boolean pushSettings) {

    /** What a push does unless told otherwise: no SCM or editor files, no settings files. */
    public static final FileRules DEFAULT = new FileRules(true, false);

    /** Every file that pymakr.conf and the caller's filter keep. */
    public static final FileRules NONE = new FileRules(false, true);
}
