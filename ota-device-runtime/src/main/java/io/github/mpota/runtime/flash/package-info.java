/**
 * The board's filesystem: a host folder as its root, space counted in whole blocks as a board runs out ({@link
 * FlashFilesystem}), every path kept inside the root ({@link RootConfinement}, {@link LinkCountGuard}), the board
 * presets' capacities and the file tree a user reads.
 *
 * <p>It may depend on the core's {@code metadata} (device paths) only; it must not know of the wire, the server or the
 * profiles.
 */
package io.github.mpota.runtime.flash;
