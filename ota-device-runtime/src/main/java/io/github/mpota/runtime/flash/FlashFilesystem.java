package io.github.mpota.runtime.flash;

import io.github.mpota.core.metadata.DevicePath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host folder as the board's filesystem root, with the board's capacity.
 *
 * <p>Space is counted in blocks (4096 bytes as littlefs on the presets' ports, 512 as FAT on an SD card, 1 for
 * byte-exact tests) the way a board runs out: every file takes whole blocks (an empty file none: littlefs keeps it
 * in its folder's metadata, FAT gives it no cluster), and every folder one block. {@link #freeBytes()} is what
 * {@code os.statvfs('/')} gives as {@code f_bsize * f_bfree}, so always a multiple of the block size, and 0 on a
 * full board. An empty root has {@link #capacityBytes()} free.
 *
 * <p>Every operation is confined to the root: a path is resolved segment by segment, and a segment that is
 * {@code ..}, names another drive or root, or is a link already inside the root is refused before anything is
 * touched. Files are opened without following links.
 */
public final class FlashFilesystem {

    /** littlefs's block size on the ports the presets describe (f_bsize of statvfs). */
    public static final int DEFAULT_BLOCK_SIZE = 4096;

    private final Path root;
    private final int blockSize;
    private final long totalBlocks;
    private long usedBlocks;

    /** Opens {@code root} as a filesystem of {@code capacityBytes} in blocks of {@link #DEFAULT_BLOCK_SIZE}. */
    public FlashFilesystem(Path root, long capacityBytes) throws IOException {
        this(root, capacityBytes, DEFAULT_BLOCK_SIZE);
    }

    /**
     * Opens {@code root} (created when missing) as a filesystem of {@code capacityBytes}, rounded down to whole
     * blocks of {@code blockSize} bytes; 0 is a board with no space at all.
     */
    public FlashFilesystem(Path root, long capacityBytes, int blockSize) throws IOException {
        if (blockSize < 1) {
            throw new IllegalArgumentException("block size must be at least 1 byte, was " + blockSize);
        }
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("filesystem capacity must not be negative, was " + capacityBytes);
        }
        Files.createDirectories(root);
        this.root = root.toRealPath();
        this.blockSize = blockSize;
        this.totalBlocks = capacityBytes / blockSize;
        rescan();
    }

    public Path root() {
        return root;
    }

    public long capacityBytes() {
        return totalBlocks * blockSize;
    }

    /** {@code f_bsize} of statvfs. */
    public int blockSize() {
        return blockSize;
    }

    public synchronized long freeBlocks() {
        return Math.max(0, totalBlocks - usedBlocks);
    }

    /** {@code f_bsize * f_bfree}: the free figure of step 8's space check. */
    public synchronized long freeBytes() {
        return freeBlocks() * blockSize;
    }

    /** Blocks a file of {@code size} bytes takes: whole blocks, none for an empty file. */
    private long blocksFor(long size) {
        return (size + blockSize - 1) / blockSize;
    }

    /** Counts the blocks in use again from what the root holds (files may have changed between sessions). */
    public synchronized void rescan() throws IOException {
        long[] used = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    used[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                used[0] += attrs.isRegularFile() ? blocksFor(attrs.size()) : 1;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                used[0]++;
                return FileVisitResult.CONTINUE;
            }
        });
        usedBlocks = used[0];
    }

    // ---- confined path resolution ----

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
     * {@code .} segments name nothing. A {@code ..} segment is refused (on the host it could leave the root).
     */
    public Path resolveLenient(String path) throws ConfinementException {
        List<String> segments = new ArrayList<>();
        for (String s : path.split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                throw new ConfinementException("refused path '" + path
                        + "': a '..' segment would leave the device's root folder");
            }
            segments.add(s);
        }
        if (segments.isEmpty()) {
            throw new ConfinementException("refused path '" + path + "': it names the root folder itself");
        }
        return resolveSegments(path, segments);
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
    private void checkInside(Path p) throws ConfinementException {
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

    // ---- operations ----

    public boolean isDirectory(Path p) throws ConfinementException {
        checkInside(p);
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    public boolean exists(Path p) throws ConfinementException {
        checkInside(p);
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    /** {@code os.mkdir}: one level; the parent must exist. Fails with EEXIST when the name exists. */
    public synchronized void mkdir(Path dir) throws IOException {
        checkInside(dir);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(devicePath(dir), null, "[Errno 17] EEXIST");
        }
        Path parent = dir.getParent();
        if (!parent.equals(root) && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(devicePath(dir), null, "[Errno 2] ENOENT: "
                    + devicePath(parent) + " does not exist");
        }
        reserve(1, "create folder " + devicePath(dir));
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            usedBlocks--;
            throw e;
        }
    }

    /** Creates {@code dir} and every missing folder above it; returns the folders created, outermost first. */
    public synchronized List<Path> mkdirs(Path dir) throws IOException {
        checkInside(dir);
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; !p.equals(root); p = p.getParent()) {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new NotDirectoryException(devicePath(p) + " is a file, not a folder");
            }
            missing.add(0, p);
        }
        for (Path p : missing) {
            mkdir(p);
        }
        return missing;
    }

    /** {@code open(path, 'wb')}: creates or truncates the file, never through a link; writes count blocks. */
    public synchronized OutputStream create(Path file) throws IOException {
        checkInside(file);
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("[Errno 21] EISDIR: " + devicePath(file) + " is a folder");
        }
        Path parent = file.getParent();
        if (!parent.equals(root) && !Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(devicePath(file), null, "[Errno 2] ENOENT: folder "
                    + devicePath(parent) + " does not exist");
        }
        long old = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? blocksFor(Files.size(file)) : 0;
        SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        // Truncated: its blocks are free again; an empty file takes none.
        usedBlocks -= old;
        return new FlashOutputStream(file, channel);
    }

    /** Removes a file or an empty folder. */
    public synchronized void delete(Path p) throws IOException {
        checkInside(p);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        long blocks = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? blocksFor(Files.size(p)) : 1;
        try {
            Files.delete(p);
        } catch (DirectoryNotEmptyException e) {
            throw new IOException(devicePath(p) + " is a folder that is not empty", e);
        }
        usedBlocks -= blocks;
    }

    /** Removes a folder and everything in it (links are removed, never followed). */
    public synchronized void deleteTree(Path p) throws IOException {
        checkInside(p);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
        rescan();
    }

    /** {@code os.rename}: moves a file inside the root, replacing a file at the target. */
    public synchronized void move(Path from, Path to) throws IOException {
        checkInside(from);
        checkInside(to);
        long replaced = Files.isRegularFile(to, LinkOption.NOFOLLOW_LINKS) ? blocksFor(Files.size(to)) : 0;
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        usedBlocks -= replaced;
    }

    private void reserve(long blocks, String what) throws FlashFullException {
        if (blocks > totalBlocks - usedBlocks) {
            throw new FlashFullException("[Errno 28] ENOSPC: no space left on the device to " + what + " ("
                    + freeBytes() + " bytes free of " + capacityBytes() + ")");
        }
        usedBlocks += blocks;
    }

    /** Counts the blocks a file grows into; a write past the last free block fails like a full board. */
    private final class FlashOutputStream extends OutputStream {
        private final Path file;
        private final SeekableByteChannel channel;
        private long size;
        private boolean closed;

        FlashOutputStream(Path file, SeekableByteChannel channel) {
            this.file = file;
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("file " + devicePath(file) + " is closed");
            }
            if (len == 0) {
                return;
            }
            synchronized (FlashFilesystem.this) {
                long more = blocksFor(size + len) - blocksFor(size);
                if (more > 0) {
                    reserve(more, "write " + devicePath(file));
                }
            }
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            size += len;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                channel.close();
            }
        }
    }
}
