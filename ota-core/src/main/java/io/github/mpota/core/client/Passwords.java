package io.github.mpota.core.client;

import java.security.SecureRandom;
import java.util.Optional;

/** What a client says about the OTA password it is given; never the password itself. */
public final class Passwords {

    /** Below this, guessing over the network is a matter of days (see docs/RELIABILITY.md). */
    public static final int RECOMMENDED_LENGTH = 12;

    /** Letters and digits: no character that needs quoting in JSON, XML, a shell or Python. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** 24 characters of a 57-letter alphabet: about 140 bits, far beyond online guessing. */
    public static final int GENERATED_LENGTH = 24;

    private Passwords() {
    }

    /** A strong random OTA password of {@value #GENERATED_LENGTH} letters and digits. */
    public static String generate(SecureRandom random) {
        StringBuilder s = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** A warning when {@code password} is shorter than {@value #RECOMMENDED_LENGTH} characters. */
    public static Optional<String> weakness(String password) {
        if (password == null || password.length() >= RECOMMENDED_LENGTH) {
            return Optional.empty();
        }
        return Optional.of("the OTA password is shorter than " + RECOMMENDED_LENGTH + " characters ("
                + password.length() + "): anyone on the board's network can guess it by trying; set a longer"
                + " OTA_PASSWORD on the board (ota:install-server generates one)");
    }
}
