package io.github.mpota.core.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The constants of the socket OTA wire contract (PROTOCOL.md, v1), named after its terms.
 * Every other class takes its numbers and words from here, so that the contract lives in one place.
 */
public final class Protocol {

    /** Transport: the OTA server's default TCP port. */
    public static final int DEFAULT_PORT = 8266;

    /** Transport: the device's timeout on every receive and send of a connection. */
    public static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(10);

    /** Step 11: the pause between closing the connection and the reset. */
    public static final Duration REBOOT_DELAY = Duration.ofMillis(500);

    /** Step 1: the challenge is 4 random bytes, hexlified to 8 lowercase hex characters. */
    public static final int CHALLENGE_BYTES = 4;
    public static final int CHALLENGE_LENGTH = CHALLENGE_BYTES * 2;

    /** Step 2: the response is a hex SHA-256 digest, 64 lowercase hex characters. */
    public static final int RESPONSE_LENGTH = 64;
    public static final String RESPONSE_DIGEST = "SHA-256";

    /** Step 3: authentication attempts per connection before the device closes silently. */
    public static final int MAX_AUTH_ATTEMPTS = 3;

    /** Step 4: the metadata length field, {@code '%10d'}. */
    public static final int LENGTH_HEADER_SIZE = 10;

    /** Our bound on the metadata length; the reference has none. */
    public static final int DEFAULT_MAX_METADATA_SIZE = 1024 * 1024;

    /** Step 9: the chunk size in which the reference client sends the payload. */
    public static final int CLIENT_SEND_CHUNK_SIZE = 1024;

    /**
     * Steps 6, 9 and 10: the most the reference device asks for in one {@code recv} of the metadata and the
     * payload ({@code recv(min(1024, remaining))}), and in one read from its inflater.
     */
    public static final int DEVICE_RECV_SIZE = 1024;

    /** Step 9: the payload is one raw deflate stream with a 32 KiB window. */
    public static final int DEFLATE_WINDOW_BITS = 15;
    public static final int DEFAULT_DEFLATE_LEVEL = 9;

    /** Metadata keys (step 6). */
    public static final String KEY_COMPRESSED_SIZE = "compressed_size";
    public static final String KEY_TOTAL_UNCOMPRESSED = "total_uncompressed";
    public static final String KEY_FILES = "files";
    public static final String KEY_PATH = "path";
    public static final String KEY_SIZE = "size";

    /**
     * Extension "content digest" (docs/PROTOCOL.md): optional metadata key, the lowercase hex SHA-256 of the
     * uncompressed content (every file's bytes concatenated in the order of {@code files}). Old devices ignore it.
     */
    public static final String KEY_CONTENT_SHA256 = "content_sha256";
    public static final String CONTENT_DIGEST = "SHA-256";
    public static final int CONTENT_SHA256_LENGTH = 64;

    /** How many bytes the reference client reads for each reply: recv(8), recv(9), recv(2), recv(2), recv(14). */
    public static final int MAX_REPLY_LENGTH = 14;

    private Protocol() {
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
