/**
 * Which files of a source folder make an update, and in what order: the selector, {@code pymakr.conf}, the default
 * excludes, and the guards every front end shares (settings files, one-level folders).
 *
 * <p>It reads the local filesystem only. It may depend on {@code metadata} (device paths) and Jackson; it must not
 * depend on {@code payload} or {@code client}, nor on a front end: Maven's or the CLI's filter comes in as {@link
 * FileRules} and a plain predicate.
 */
package io.github.mpota.core.selection;
