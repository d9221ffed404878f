package io.github.mpota.runtime.server;

import io.github.mpota.core.v2.V2;

/**
 * What the hardened board announces and allows in protocol v2.
 *
 * @param v1Enabled false: every v1 response, right or wrong, gets {@code AUTH_FAIL} (only v2 clients are served)
 * @param iterations PBKDF2 iterations announced in the hello
 * @param wbits the largest deflate window the board inflates, 9..15
 */
public record V2Settings(boolean v1Enabled, int iterations, int wbits) {

    public V2Settings {
        if (iterations < V2.MIN_ITERATIONS || iterations > V2.MAX_ITERATIONS) {
            throw new IllegalArgumentException("PBKDF2 iterations must be " + V2.MIN_ITERATIONS + " to "
                    + V2.MAX_ITERATIONS + ", was " + iterations);
        }
        if (wbits < V2.MIN_WBITS || wbits > V2.MAX_WBITS) {
            throw new IllegalArgumentException("deflate window must be " + V2.MIN_WBITS + " to " + V2.MAX_WBITS
                    + " bits, was " + wbits);
        }
    }

    public static V2Settings defaults() {
        return new V2Settings(true, V2.DEFAULT_ITERATIONS, V2.MAX_WBITS);
    }

    public V2Settings withV1(boolean enabled) {
        return new V2Settings(enabled, iterations, wbits);
    }
}
