package io.github.mpota.core.v2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The board's {@code H} frame body: flags, the deflate window it can afford, the PBKDF2 parameters, its nonce and
 * its proof of the password.
 */
public record Hello(int flags, int wbits, int iterations, byte[] salt, byte[] boardNonce, byte[] boardProof) {

    public Hello {
        salt = salt.clone();
        boardNonce = boardNonce.clone();
        boardProof = boardProof.clone();
    }

    /** The body without the proof: the part of the transcript that the board contributes. */
    public byte[] head() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(flags);
        out.write(wbits);
        out.writeBytes(ByteBuffer.allocate(4).putInt(iterations).array());
        out.write(salt.length);
        out.writeBytes(salt);
        out.writeBytes(boardNonce);
        return out.toByteArray();
    }

    public byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head());
        out.writeBytes(boardProof);
        return out.toByteArray();
    }

    public boolean v1Off() {
        return (flags & V2.FLAG_V1_OFF) != 0;
    }

    /** Parses and checks an {@code H} body against the bounds a client accepts. */
    public static Hello parse(byte[] body) throws V2Exception {
        if (body.length < 7) {
            throw new V2Exception("the board's hello is " + body.length + " bytes, too short to hold its fields");
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        int flags = b.get() & 0xff;
        int wbits = b.get() & 0xff;
        long iterations = b.getInt() & 0xffffffffL;
        int saltLength = b.get() & 0xff;
        int expected = 7 + saltLength + V2.NONCE_BYTES + V2.PROOF_BYTES;
        if (body.length != expected) {
            throw new V2Exception("the board's hello is " + body.length + " bytes; with a salt of " + saltLength
                    + " bytes it must be " + expected);
        }
        if (wbits < V2.MIN_WBITS || wbits > V2.MAX_WBITS) {
            throw new V2Exception("the board announces a deflate window of " + wbits + " bits; v2 allows "
                    + V2.MIN_WBITS + " to " + V2.MAX_WBITS);
        }
        if (iterations < V2.MIN_ITERATIONS || iterations > V2.MAX_ITERATIONS) {
            throw new V2Exception("the board announces " + iterations + " PBKDF2 iterations; this client accepts "
                    + V2.MIN_ITERATIONS + " to " + V2.MAX_ITERATIONS);
        }
        if (saltLength < V2.MIN_SALT_BYTES || saltLength > V2.MAX_SALT_BYTES) {
            throw new V2Exception("the board announces a salt of " + saltLength + " bytes; this client accepts "
                    + V2.MIN_SALT_BYTES + " to " + V2.MAX_SALT_BYTES);
        }
        int at = 7;
        byte[] salt = Arrays.copyOfRange(body, at, at += saltLength);
        byte[] nonce = Arrays.copyOfRange(body, at, at += V2.NONCE_BYTES);
        byte[] proof = Arrays.copyOfRange(body, at, at + V2.PROOF_BYTES);
        return new Hello(flags, wbits, (int) iterations, salt, nonce, proof);
    }
}
