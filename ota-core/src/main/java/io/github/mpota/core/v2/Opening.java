package io.github.mpota.core.v2;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The opening: the 64 ASCII bytes a v2 client sends in place of the v1 response. A reference board takes it for
 * a wrong response ({@code AUTH_FAIL}, a new challenge); a v2 board recognises the prefix and reads the client
 * nonce after it.
 */
public final class Opening {

    private Opening() {
    }

    public static byte[] encode(byte[] clientNonce) {
        if (clientNonce.length != V2.NONCE_BYTES) {
            throw new IllegalArgumentException("the client nonce is " + V2.NONCE_BYTES + " bytes");
        }
        byte[] out = (V2.OPENING_PREFIX + HexFormat.of().formatHex(clientNonce)).getBytes(StandardCharsets.US_ASCII);
        if (out.length != V2.OPENING_LENGTH) {
            throw new IllegalStateException("opening of " + out.length + " bytes");
        }
        return out;
    }

    public static byte[] newNonce(SecureRandom random) {
        byte[] nonce = new byte[V2.NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    /** Whether {@code response} starts as an opening does (then it is an opening or a wrong response). */
    public static boolean hasPrefix(byte[] response) {
        byte[] prefix = V2.ascii(V2.OPENING_PREFIX);
        return response.length >= prefix.length && Arrays.equals(response, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The client nonce of a well-formed opening: the prefix and exactly 48 lowercase hex characters. */
    public static Optional<byte[]> clientNonce(byte[] response) {
        if (response.length != V2.OPENING_LENGTH || !hasPrefix(response)) {
            return Optional.empty();
        }
        int start = V2.OPENING_PREFIX.length();
        for (int i = start; i < response.length; i++) {
            byte c = response[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return Optional.empty();
            }
        }
        return Optional.of(HexFormat.of().parseHex(new String(response, start, response.length - start,
                StandardCharsets.US_ASCII)));
    }
}
