package io.github.mpota.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The words the device sends (steps 3, 5, 7, 8 and 11 of PROTOCOL.md). */
public enum Reply {
    OK("OK"),
    AUTH_FAIL("AUTH_FAIL"),
    FAIL("FAIL"),
    UPDATE_SUCCESS("UPDATE_SUCCESS");

    private final String word;

    Reply(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public byte[] bytes() {
        return word.getBytes(StandardCharsets.US_ASCII);
    }

    /** The reply whose word is exactly {@code text}, if any. */
    public static Optional<Reply> of(String text) {
        for (Reply r : values()) {
            if (r.word.equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
