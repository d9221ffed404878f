package io.github.mpota.core.protocol;

/** Shows received bytes in messages and logs without letting control characters through. */
public final class Printable {

    private Printable() {
    }

    /** The bytes as a quoted string with non-printable bytes escaped, cut after {@code 80} bytes. */
    public static String quote(byte[] bytes) {
        return quote(bytes, bytes.length);
    }

    public static String quote(byte[] bytes, int length) {
        StringBuilder sb = new StringBuilder("'");
        int shown = Math.min(length, 80);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\\' || b == '\'') {
                sb.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7f) {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        sb.append('\'');
        if (length > shown) {
            sb.append("... (").append(length).append(" bytes)");
        }
        return sb.toString();
    }
}
