package io.github.mpota.core.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Step 4: the metadata length as exactly 10 bytes, the decimal number right-aligned and space-padded. */
public final class LengthHeader {

    private LengthHeader() {
    }

    /** {@code '%10d' % length}. */
    public static byte[] encode(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("metadata length must not be negative: " + length);
        }
        // Locale.ROOT: some locales write other digits, which would reach the board as "?".
        String text = String.format(Locale.ROOT, "%" + Protocol.LENGTH_HEADER_SIZE + "d", length);
        if (text.length() != Protocol.LENGTH_HEADER_SIZE) {
            throw new IllegalArgumentException("metadata length " + length + " does not fit in "
                    + Protocol.LENGTH_HEADER_SIZE + " characters");
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses the field with the device's rules: surrounding white space stripped, then a decimal integer,
     * not negative and at most {@code maxMetadataSize}.
     */
    public static int parse(byte[] field, int maxMetadataSize) throws ProtocolException {
        String shown = Printable.quote(field);
        if (field.length != Protocol.LENGTH_HEADER_SIZE) {
            throw new ProtocolException("metadata length field must be " + Protocol.LENGTH_HEADER_SIZE
                    + " bytes, received " + field.length + ": " + shown);
        }
        String text = new String(field, StandardCharsets.ISO_8859_1).strip();
        if (text.isEmpty()) {
            throw new ProtocolException("metadata length field is blank: " + shown);
        }
        int start = (text.charAt(0) == '+' || text.charAt(0) == '-') ? 1 : 0;
        if (start == text.length()) {
            throw new ProtocolException("metadata length is not an integer: " + shown);
        }
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new ProtocolException("metadata length is not an integer: " + shown);
            }
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new ProtocolException("metadata length is out of range: " + shown);
        }
        if (value < 0) {
            throw new ProtocolException("metadata length is negative: " + shown);
        }
        if (value > maxMetadataSize) {
            throw new ProtocolException("metadata length " + value + " exceeds the limit of " + maxMetadataSize
                    + " bytes: " + shown);
        }
        return (int) value;
    }
}
