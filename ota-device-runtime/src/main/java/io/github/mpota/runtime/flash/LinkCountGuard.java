package io.github.mpota.runtime.flash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Refuses to open for writing a file that has more than one hard link. A hard link in the root shares its content
 * with another name, possibly outside the root, so writing it in place (the upstream profile's way) would change a
 * file the board does not own. Confinement by path cannot see this: the link's own name is inside the root.
 */
final class LinkCountGuard {

    private LinkCountGuard() {
    }

    /**
     * @param file the host file about to be opened for writing
     * @param shown its device path, for the message
     * @throws IOException when the file exists with two links or more
     */
    static void checkSingleLink(Path file, String shown) throws IOException {
        int links = links(file);
        if (links > 1) {
            throw new IOException(shown + " has " + links + " links (a hard link shares its content with a file that"
                    + " may be outside the board's folder); the runtime never writes through a hard link: remove"
                    + " the link or replace it with a copy");
        }
    }

    /** The link count, 1 for a missing file or where the host does not report one (no unix attribute view). */
    private static int links(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || !file.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return 1;
        }
        Object n = Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        return n instanceof Integer i ? i : 1;
    }
}
