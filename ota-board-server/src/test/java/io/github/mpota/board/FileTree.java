package io.github.mpota.board;

import java.util.Map;
import java.util.TreeMap;

/** What a board holds ({@link io.github.mpota.core.testing.Trees#read}), in a form for assertion messages. */
final class FileTree {

    private FileTree() {
    }

    /** A readable form for assertion messages: path and size, or the text of short text files. */
    static Map<String, String> describe(Map<String, byte[]> files) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((path, bytes) -> {
            boolean text = bytes.length <= 80;
            for (byte b : bytes) {
                text &= (b >= 0x20 && b < 0x7f) || b == '\n';
            }
            out.put(path, text ? new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)
                    : bytes.length + " bytes, hash " + java.util.Arrays.hashCode(bytes));
        });
        return out;
    }
}
