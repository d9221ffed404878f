package io.github.mpota.conformance;

import io.github.mpota.core.auth.ChallengeResponse;
import java.nio.charset.StandardCharsets;

/** The response of step 2 as bytes on the wire. */
final class ChallengeAnswer {

    private ChallengeAnswer() {
    }

    static byte[] of(String challenge, String password) {
        return ChallengeResponse.compute(challenge == null ? "" : challenge, password)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
