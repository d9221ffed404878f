package io.github.mpota.core.v2;

/** One v2 frame as received: its type letter and its body (the MAC, when it has one, already checked). */
public record Frame(byte type, byte[] body) {

    /** Whether frames of {@code type} carry a MAC: every type after the proofs, i.e. all but H, C and A. */
    public static boolean authenticated(byte type) {
        return type != V2.HELLO && type != V2.CLIENT_PROOF && type != V2.REFUSED;
    }

    public String typeName() {
        return describe(type);
    }

    public static String describe(byte type) {
        return type >= 0x21 && type < 0x7f ? "'" + (char) type + "'" : String.format("0x%02x", type & 0xff);
    }
}
