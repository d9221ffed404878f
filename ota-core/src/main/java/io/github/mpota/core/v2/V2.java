package io.github.mpota.core.v2;

import java.nio.charset.StandardCharsets;

/**
 * The constants of "Protocol v2" (docs/PROTOCOL.md), named after its terms: the opening, the frame types, the
 * labels of the key schedule and the bounds a client accepts from a board.
 */
public final class V2 {

    /** The first 16 bytes of the opening; none of {@code O T A p r l v} and the space is lowercase hex. */
    public static final String OPENING_PREFIX = "OTA protocol v2 ";
    /** The opening replaces the 64-character response of v1 step 2. */
    public static final int OPENING_LENGTH = 64;
    /** Client and board nonces. */
    public static final int NONCE_BYTES = 24;

    public static final int KEY_BYTES = 32;
    public static final int PROOF_BYTES = 32;
    public static final int MAC_BYTES = 32;
    public static final int DIGEST_BYTES = 32;

    /** Frame header: type (1) and big-endian body length (4). */
    public static final int FRAME_HEADER_BYTES = 5;

    public static final byte HELLO = 'H';
    public static final byte CLIENT_PROOF = 'C';
    public static final byte REFUSED = 'A';
    public static final byte STATE = 'S';
    public static final byte LIST = 'L';
    public static final byte MANIFEST = 'M';
    public static final byte UPDATE = 'U';
    public static final byte OK = 'K';
    public static final byte PAYLOAD = 'P';
    public static final byte RESULT = 'R';
    public static final byte FAIL = 'F';

    /** MAC direction bytes. */
    public static final byte FROM_CLIENT = 'C';
    public static final byte FROM_BOARD = 'B';

    /** {@code H} flags. */
    public static final int FLAG_V1_OFF = 1;
    /** {@code R} bits. */
    public static final int RESULT_CHANGED = 1;
    public static final int RESULT_REBOOTING = 2;

    /** {@code S} body: digest (32), files (2), free bytes (4). */
    public static final int STATE_BYTES = DIGEST_BYTES + 2 + 4;

    public static final String LABEL_BOARD = "ota-v2 board";
    public static final String LABEL_CLIENT = "ota-v2 client";
    public static final String LABEL_SESSION = "ota-v2 session";

    /** What a client accepts in {@code H}: bounds its own CPU and refuses boards that make proofs cheap. */
    public static final int MIN_ITERATIONS = 1_000;
    public static final int MAX_ITERATIONS = 10_000_000;
    public static final int MIN_SALT_BYTES = 8;
    public static final int MAX_SALT_BYTES = 64;
    public static final int MIN_WBITS = 9;
    public static final int MAX_WBITS = 15;

    /** What our boards announce unless configured otherwise. */
    public static final int DEFAULT_ITERATIONS = 10_000;
    public static final int DEFAULT_SALT_BYTES = 16;

    /** Metadata keys of {@code U} beyond v1's. */
    public static final String KEY_DELETE = "delete";
    public static final String KEY_REBOOT = "reboot";

    /** The most a board accepts as {@code U} body (v1's metadata bound). */
    public static final int MAX_UPDATE_BYTES = 1024 * 1024;
    /** The most a client accepts as an {@code M} or {@code F} body. */
    public static final int MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
    public static final int MAX_FAIL_BYTES = 4096;

    private V2() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
