package io.github.mpota.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mpota.core.metadata.DevicePath;
import io.github.mpota.core.selection.SourceFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the last successful push to one board sent: each file's device path and SHA-256. Kept on the developer's
 * machine (the plugin keeps it in {@code target/}), it tells what a push changes, and which folders an earlier
 * push created on the board. A v1 board cannot be asked for its files, so this is the client's own memory.
 */
public final class PushRecord {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What a push changes against the record, for one line of the summary. */
    public record Changes(int changed, int unchanged, List<String> gone) {
        public Changes {
            gone = List.copyOf(gone);
        }

        /** {@code 3 files changed, 15 unchanged, 1 no longer in the project (still on the board)}. */
        public String line() {
            return PushSummary.files(changed) + " changed, " + unchanged + " unchanged, " + gone.size()
                    + " no longer in the project (still on the board"
                    + (gone.isEmpty() ? ")" : ": " + String.join(", ", gone) + ")");
        }
    }

    private final Map<String, String> files;

    private PushRecord(Map<String, String> files) {
        this.files = Map.copyOf(files);
    }

    /** No earlier push known. */
    public static PushRecord none() {
        return new PushRecord(Map.of());
    }

    /** Reads a record; a missing or unreadable one is no record (a push never fails for it). */
    public static PushRecord read(Path file) {
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            Map<String, String> files = new LinkedHashMap<>();
            root.path("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
            return new PushRecord(files);
        } catch (NoSuchFileException e) {
            return none();
        } catch (IOException | RuntimeException e) {
            return none();
        }
    }

    /** The record of a push of {@code sent}: their contents are hashed as they are now. */
    public static PushRecord of(List<SourceFile> sent) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (SourceFile f : sent) {
            files.put(f.devicePath(), sha256(f.localPath()));
        }
        return new PushRecord(files);
    }

    /** True when no earlier push to the board was recorded: every file is new to the record. */
    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** Every folder that the recorded push put on the board, at every level. */
    public Set<String> folders() {
        Set<String> folders = new LinkedHashSet<>();
        for (String path : files.keySet()) {
            for (String p = DevicePath.parent(path); !p.isEmpty(); p = DevicePath.parent(p)) {
                folders.add(p);
            }
        }
        return folders;
    }

    /** What {@code next} changes against this record. */
    public Changes compare(PushRecord next) {
        int changed = 0;
        int unchanged = 0;
        for (Map.Entry<String, String> e : next.files.entrySet()) {
            if (e.getValue().equals(files.get(e.getKey()))) {
                unchanged++;
            } else {
                changed++;
            }
        }
        List<String> gone = new ArrayList<>();
        for (String path : files.keySet()) {
            if (!next.files.containsKey(path)) {
                gone.add(path);
            }
        }
        gone.sort(null);
        return new Changes(changed, unchanged, gone);
    }

    /** Writes the record (atomically: a record half written would be worse than none). */
    public void write(Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode map = root.putObject("files");
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> map.put(e.getKey(), e.getValue()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".ota-push-", ".tmp");
        try {
            Files.write(temp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                digest.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
