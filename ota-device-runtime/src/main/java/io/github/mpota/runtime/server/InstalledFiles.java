package io.github.mpota.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.mpota.core.v2.Manifest;
import io.github.mpota.core.v2.ManifestEntry;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The board's list of the paths that updates installed (a JSON array in {@link #FILE}, which no update may
 * write): the only files a v2 push may delete, and the only ones its manifest describes. The manifest is made from
 * the CURRENT content of those files at each session, so a file changed by other means is never taken as
 * unchanged.
 */
final class InstalledFiles {

    /** In the root, not in the staging folder (which every update empties). */
    static final String FILE = ".ota_installed.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private InstalledFiles() {
    }

    static Set<String> read(FlashFilesystem flash) throws IOException {
        Path file = flash.resolveStrict(FILE);
        Set<String> out = new LinkedHashSet<>();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        JsonNode a;
        try {
            a = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            // A damaged list only means that nothing is deleted and everything is sent: the safe direction.
            return out;
        }
        for (JsonNode p : a) {
            if (p.isTextual()) {
                out.add(p.asText());
            }
        }
        return out;
    }

    /** Adds {@code written} and removes {@code deleted}; written after the apply (see docs/PROTOCOL.md why). */
    static void update(FlashFilesystem flash, Collection<String> written, Collection<String> deleted)
            throws IOException {
        Set<String> paths = read(flash);
        paths.removeAll(deleted);
        paths.addAll(written);
        ArrayNode a = JSON.createArrayNode();
        paths.forEach(a::add);
        Path file = flash.resolveStrict(FILE);
        Path tmp = flash.resolveStrict(FILE + ".tmp");
        try (OutputStream out = flash.create(tmp)) {
            out.write(JSON.writeValueAsBytes(a));
        }
        flash.move(tmp, file);
    }

    /** The manifest: every listed path that is a file now, with its current size and SHA-256. */
    static Manifest manifest(FlashFilesystem flash) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        byte[] buf = new byte[4096];
        for (String p : read(flash)) {
            Path file;
            try {
                file = flash.resolveStrict(p);
            } catch (IOException e) {
                continue;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            MessageDigest md = sha256();
            long size = 0;
            try (InputStream in = Files.newInputStream(file)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    size += n;
                }
            }
            entries.add(new ManifestEntry(p, size, md.digest()));
        }
        return new Manifest(entries);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
