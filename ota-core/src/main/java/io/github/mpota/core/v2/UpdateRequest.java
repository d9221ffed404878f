package io.github.mpota.core.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mpota.core.metadata.DevicePath;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.metadata.MetadataCodec;
import io.github.mpota.core.metadata.MetadataException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code U} frame: v1's metadata (files to write, sizes, content digest) with the paths to delete and whether
 * to reboot even when nothing changes. Written as v1's compact JSON with the two keys appended, so that a board
 * validates the v1 part with its v1 code.
 */
public record UpdateRequest(Metadata metadata, List<String> delete, boolean reboot) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public UpdateRequest {
        delete = List.copyOf(delete);
    }

    public byte[] encode() {
        byte[] v1 = MetadataCodec.write(metadata);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(v1, 0, v1.length - 1);
        try {
            if (!delete.isEmpty()) {
                out.writeBytes((",\"" + V2.KEY_DELETE + "\":" + JSON.writeValueAsString(delete))
                        .getBytes(StandardCharsets.UTF_8));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (reboot) {
            out.writeBytes((",\"" + V2.KEY_REBOOT + "\":true").getBytes(StandardCharsets.UTF_8));
        }
        out.write('}');
        return out.toByteArray();
    }

    /** Parses and checks a {@code U} body as a board does before it answers {@code K}. */
    public static UpdateRequest parse(byte[] json) throws MetadataException {
        Metadata metadata = MetadataCodec.parse(json);
        JsonNode root = MetadataCodec.readTree(json);
        List<String> delete = new ArrayList<>();
        JsonNode d = root.get(V2.KEY_DELETE);
        if (d != null) {
            if (!d.isArray()) {
                throw new MetadataException("'" + V2.KEY_DELETE + "' must be a list of paths");
            }
            Set<String> written = new HashSet<>();
            for (FileEntry f : metadata.files()) {
                written.add(f.path());
            }
            Set<String> seen = new HashSet<>();
            for (JsonNode p : d) {
                if (!p.isTextual()) {
                    throw new MetadataException("'" + V2.KEY_DELETE + "' must hold paths as strings, found " + p);
                }
                String path = p.asText();
                var problem = DevicePath.problem(path);
                if (problem.isPresent()) {
                    throw new MetadataException("delete: " + problem.get());
                }
                if (!seen.add(path)) {
                    throw new MetadataException("delete: path '" + path + "' is listed twice");
                }
                if (written.contains(path)) {
                    throw new MetadataException("path '" + path + "' is both written and deleted");
                }
                delete.add(path);
            }
        }
        JsonNode r = root.get(V2.KEY_REBOOT);
        if (r != null && !r.isBoolean()) {
            throw new MetadataException("'" + V2.KEY_REBOOT + "' must be true or false");
        }
        if ((metadata.compressedSize() == 0) != metadata.files().isEmpty()) {
            throw new MetadataException("compressed_size must be 0 exactly when no file is sent, was "
                    + metadata.compressedSize() + " for " + metadata.files().size() + " files");
        }
        return new UpdateRequest(metadata, delete, r != null && r.booleanValue());
    }
}
