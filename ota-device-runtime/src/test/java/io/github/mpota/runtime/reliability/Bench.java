package io.github.mpota.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.metadata.MetadataCodec;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.testing.Deflate;
import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.RawClient;
import io.github.mpota.runtime.ReliabilityHooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.Deflater;

/**
 * What every reliability case needs: a device root with a sentinel folder beside it, its files as a byte-for-byte
 * fingerprint, the board's log, raw-byte and real clients, and the counts that show a leak.
 */
final class Bench {

    static final String PASSWORD = "secret";
    static final Duration WAIT = Duration.ofSeconds(30);

    final Path root;
    final Path sentinel;
    final List<String> log = new CopyOnWriteArrayList<>();
    private final Map<String, String> sentinelPrint;

    Bench(Path sandbox) throws IOException {
        root = Files.createDirectories(sandbox.resolve("root"));
        sentinel = Files.createDirectories(sandbox.resolve("sentinel"));
        Files.writeString(sentinel.resolve("keep.txt"), "keep");
        sentinelPrint = fingerprint(sandbox.getParent() == null ? sandbox : sandbox, "root");
    }

    /** A runtime on the root, short reboot pause so that load runs are not mostly sleep. */
    DeviceRuntime start(Profile profile, UnaryOperator<DeviceRuntimeBuilder> more) throws IOException {
        DeviceRuntimeBuilder b = DeviceRuntime.builder().root(root).port(0).password(PASSWORD).profile(profile)
                .log(log::add).capacityBytes(64L * 1024 * 1024);
        ReliabilityHooks.rebootDelay(b, Duration.ofMillis(20));
        return more.apply(b).build().start();
    }

    /** Nothing beside the root changed: the sentinel folder and the sandbox's other entries are as they were. */
    void assertNothingOutsideTheRoot() throws IOException {
        assertEquals(sentinelPrint, fingerprint(sentinel.getParent(), "root"), "files beside the device root");
    }

    /** Path -> SHA-256 of every file (folders as "dir") under {@code dir}, skipping the top-level {@code skip}. */
    static Map<String, String> fingerprint(Path dir, String skip) throws IOException {
        Map<String, String> print = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = dir.relativize(p);
                if (p.equals(dir) || (skip != null && rel.getName(0).toString().equals(skip))) {
                    continue;
                }
                String key = rel.toString().replace('\\', '/');
                print.put(key, Files.isDirectory(p) ? "dir" : sha256(Files.readAllBytes(p)));
            }
        }
        return print;
    }

    Map<String, String> deviceFiles() throws IOException {
        return fingerprint(root, null);
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean logHas(String fragment) {
        return log.stream().anyMatch(l -> l.contains(fragment));
    }

    // ---- updates ----

    /** A deterministic update: files, their bytes, and the raw deflate stream of their concatenation. */
    record Update(List<FileEntry> files, List<byte[]> contents, byte[] payload) {
        byte[] metadata() {
            return MetadataCodec.write(Metadata.of(payload.length, files));
        }

        /** The metadata as our client sends it: with the extension "content digest" (SHA-256 of the contents). */
        byte[] metadataWithContentDigest() {
            try {
                MessageDigest d = MessageDigest.getInstance("SHA-256");
                contents.forEach(d::update);
                return MetadataCodec.write(Metadata.of(payload.length, files)
                        .withContentSha256(HexFormat.of().formatHex(d.digest())));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** What the device holds after this update on top of {@code before}. */
        Map<String, String> appliedTo(Map<String, String> before) {
            Map<String, String> after = new TreeMap<>(before);
            for (int i = 0; i < files.size(); i++) {
                String p = files.get(i).path();
                for (String f = io.github.mpota.core.metadata.DevicePath.parent(p); !f.isEmpty();
                        f = io.github.mpota.core.metadata.DevicePath.parent(f)) {
                    after.put(f, "dir");
                }
                after.put(p, sha256(contents.get(i)));
            }
            return after;
        }
    }

    /** Semi-compressible Python-like files (so that the payload is long enough to cut at many offsets). */
    static Update update(long seed, String... paths) {
        Random r = new Random(seed);
        List<FileEntry> files = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String p : paths) {
            int size = p.endsWith("empty.txt") ? 0 : 2000 + r.nextInt(6000);
            byte[] b = new byte[size];
            for (int i = 0; i < size; i++) {
                b[i] = (byte) (r.nextInt(4) == 0 ? 32 + r.nextInt(95) : "def run(x):\n    return x\n".charAt(i % 25));
            }
            files.add(new FileEntry(p, size));
            contents.add(b);
            all.writeBytes(b);
        }
        return new Update(files, contents, deflate(all.toByteArray()));
    }

    static byte[] deflate(byte[] data) {
        return Deflate.raw(data, Deflater.BEST_COMPRESSION);
    }

    /** Writes the "old" files that a failed update must leave alone. */
    void writeOldFiles() throws IOException {
        Files.writeString(root.resolve("main.py"), "print('old main')\n");
        Files.createDirectories(root.resolve("lib"));
        Files.writeString(root.resolve("lib/util.py"), "OLD = True\n");
        Files.writeString(root.resolve("keep_me.txt"), "untouched by every update\n");
    }

    /** The same update packed as the plugin packs it, for pushes through {@link OtaClient}. */
    static PackedPayload pack(Update u, Path dir) throws IOException {
        List<SourceFile> sources = new ArrayList<>();
        for (int i = 0; i < u.files().size(); i++) {
            Path local = dir.resolve("src-" + i);
            Files.write(local, u.contents().get(i));
            sources.add(new SourceFile(local, u.files().get(i).path(), u.contents().get(i).length));
        }
        return new PayloadDeflater().pack(sources, dir);
    }

    static ClientOptions clientTo(int port) {
        return new ClientOptions("127.0.0.1", port, Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(30), 1, Duration.ofMillis(100));
    }

    static PushResult push(int port, PackedPayload p) throws Exception {
        return new OtaClient(clientTo(port)).push(p, () -> PASSWORD, (sent, total) -> { });
    }

    // ---- raw bytes ----

    /** A client that speaks bytes, so that a case sees exactly what the device sends. */
    static final class Raw extends RawClient {

        Raw(int port) throws IOException {
            super(port, Duration.ofSeconds(20));
        }

        /**
         * After authentication: the length field, then (on OK) the metadata, then (on OK) the payload, then every
         * byte until the device closes; the replies in order, as one string.
         */
        String converse(byte[] lengthField, byte[] metadata, byte[] payload) throws IOException {
            StringBuilder replies = new StringBuilder();
            send(lengthField);
            String r = read(2);
            replies.append(r);
            if (!r.equals("OK")) {
                return replies.append(readToEnd()).toString();
            }
            try {
                send(metadata);
            } catch (java.net.SocketException e) {
                // the device may answer FAIL and close right after the OK of a length it cannot hold
            }
            r = read(2);
            replies.append(r);
            if (!r.equals("OK")) {
                return replies.append(readToEnd()).toString();
            }
            if (payload.length > 0) {
                try {
                    send(payload);
                } catch (java.net.SocketException e) {
                    // the device may answer FAIL and close while the payload is still on its way
                }
            }
            return replies.append(readToEnd()).toString();
        }
    }

    static byte[] header(int length) {
        return LengthHeader.encode(length);
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- leaks ----

    static int threadCount() {
        return Thread.activeCount();
    }

    static long openFileDescriptors() throws IOException {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        }
    }

    /** Our temporary files in java.io.tmpdir (the client's packed payloads). */
    static long ourTempFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("ota-payload")).count();
        }
    }

    /** Waits (bounded) until the thread count is back to at most {@code baseline}; returns the last count. */
    static int awaitThreadsBackTo(int baseline, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = threadCount();
        while (n > baseline && System.nanoTime() < deadline) {
            Thread.sleep(20); // polling a count with a deadline, not synchronising on time
            n = threadCount();
        }
        return n;
    }
}
