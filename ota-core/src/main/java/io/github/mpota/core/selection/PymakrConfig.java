package io.github.mpota.core.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code pymakr.conf} of a source folder, as the reference client reads it: a JSON object whose
 * {@code py_ignore} list holds strings, each dropping every file whose {@code /}-separated relative path
 * contains it (a plain substring test, not a glob).
 */
public final class PymakrConfig {

    /** The file's name in the source folder's root. */
    public static final String FILE_NAME = "pymakr.conf";
    /** The key of the list of substrings that leave a file out. */
    public static final String KEY_PY_IGNORE = "py_ignore";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<String> pyIgnore;

    private PymakrConfig(List<String> pyIgnore) {
        this.pyIgnore = List.copyOf(pyIgnore);
    }

    /** No {@code pymakr.conf}: nothing ignored. */
    public static PymakrConfig none() {
        return new PymakrConfig(List.of());
    }

    /** Reads {@code pymakr.conf} in {@code sourceDir}; a missing file is no ignore list at all. */
    public static PymakrConfig read(Path sourceDir) throws SelectionException {
        Path file = sourceDir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return none();
        } catch (IOException e) {
            throw new SelectionException("cannot read " + file + ": " + e.getMessage()
                    + "; fix its permissions or remove it", e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new SelectionException(file + " is not valid JSON (" + firstLine(e.getMessage())
                    + "); fix it or remove it", e);
        }
        if (root == null || !root.isObject()) {
            throw new SelectionException(file + " must hold a JSON object, such as {\"py_ignore\": [\".git\"]}");
        }
        JsonNode list = root.get(KEY_PY_IGNORE);
        if (list == null || list.isNull()) {
            return none();
        }
        if (!list.isArray()) {
            throw new SelectionException(file + ": '" + KEY_PY_IGNORE + "' must be a list of strings");
        }
        List<String> patterns = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                throw new SelectionException(file + ": '" + KEY_PY_IGNORE + "' must be a list of strings, found "
                        + n);
            }
            patterns.add(n.textValue());
        }
        return new PymakrConfig(patterns);
    }

    /** The {@code py_ignore} entries as written, in order. */
    public List<String> pyIgnore() {
        return pyIgnore;
    }

    /** The reference rule: ignored when any entry occurs anywhere in the relative path. */
    public boolean ignores(String relativePath) {
        for (String p : pyIgnore) {
            if (relativePath.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
