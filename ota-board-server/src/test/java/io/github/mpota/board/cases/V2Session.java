package io.github.mpota.board.cases;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of one protocol v2 session (docs/PROTOCOL.md, "Protocol v2") as {@link ByteStreamReplayer} plays
 * it: the opening, the proofs, the session key and the frame MACs, computed with the JDK's HmacSHA256 and
 * PBKDF2WithHmacSHA256 straight from the specification, so that it shares no code with the devices it judges.
 */
final class V2Session {

    private static final byte[] PREFIX = "OTA protocol v2 ".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 24;
    private static final int MAC_BYTES = 32;
    private static final int MAX_FRAME_BYTES = 1 << 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] challenge;
    private final byte[] opening;
    private byte[] salt;
    private int iterations;
    private byte[] transcript;
    private byte[] key;
    private byte[] sessionKey;
    private int clientSeq;
    private int boardSeq;

    V2Session(String challenge) {
        this.challenge = challenge.getBytes(StandardCharsets.US_ASCII);
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        this.opening = concat(PREFIX, HexFormat.of().formatHex(nonce).getBytes(StandardCharsets.US_ASCII));
    }

    byte[] opening() {
        return opening.clone();
    }

    static String describeHello(int flags, int wbits, int iterations, boolean proofValid) {
        return "H flags " + flags + ", wbits " + wbits + ", iterations " + iterations + ", board proof "
                + (proofValid ? "valid" : "not made with the case's password");
    }

    static String describeFrame(char type, byte[] body, boolean macValid) {
        String shown = body == null ? "" : " " + ByteStreamReplayer.show(body);
        if (type == 'A') {
            return "frame A" + shown;
        }
        return "frame " + type + shown + (macValid ? ", MAC valid" : ", MAC NOT VALID");
    }

    /** Reads the H frame, checks its board proof against {@code password} and derives the session key. */
    String readHello(InputStream in, String password, Duration timeout) throws IOException {
        ByteStreamReplayer.Read head = ByteStreamReplayer.read(in, 5);
        if (head.end() != null) {
            return head.describe(timeout);
        }
        if (head.bytes()[0] != 'H') {
            return "not an H frame: " + ByteStreamReplayer.show(head.bytes());
        }
        int length = ByteBuffer.wrap(head.bytes(), 1, 4).getInt();
        if (length < 7 + NONCE_BYTES + MAC_BYTES || length > 4096) {
            return "an H frame of " + Integer.toUnsignedString(length) + " bytes";
        }
        ByteStreamReplayer.Read body = ByteStreamReplayer.read(in, length);
        if (body.end() != null) {
            return "H frame cut: " + body.describe(timeout);
        }
        byte[] b = body.bytes();
        int flags = b[0] & 0xff;
        int wbits = b[1] & 0xff;
        iterations = ByteBuffer.wrap(b, 2, 4).getInt();
        int saltLength = b[6] & 0xff;
        if (length != 7 + saltLength + NONCE_BYTES + MAC_BYTES) {
            return "an H frame of " + length + " bytes with a salt of " + saltLength + " bytes";
        }
        salt = Arrays.copyOfRange(b, 7, 7 + saltLength);
        transcript = concat(challenge, opening, Arrays.copyOfRange(b, 0, length - MAC_BYTES));
        key = pbkdf2(password, salt, iterations);
        boolean valid = MessageDigest.isEqual(Arrays.copyOfRange(b, length - MAC_BYTES, length),
                hmac(key, ascii("ota-v2 board"), transcript));
        sessionKey = hmac(key, ascii("ota-v2 session"), transcript);
        return describeHello(flags, wbits, iterations, valid);
    }

    /** The C frame: this session's client proof, or one made with another password, or a given one. */
    byte[] proofFrame(String password, byte[] fixed) {
        requireHello();
        byte[] proof = fixed != null ? fixed
                : hmac(password != null ? pbkdf2(password, salt, iterations) : key, ascii("ota-v2 client"), transcript);
        return concat(new byte[] {'C'}, be32(proof.length), proof);
    }

    /** An authenticated client frame, tampered with as the step says. */
    byte[] frame(ByteStreamCase.V2Send step) {
        requireHello();
        byte[] head = concat(new byte[] {(byte) step.type()}, be32(step.body().length));
        int seq = step.seq() != null ? step.seq() : clientSeq;
        clientSeq++;
        byte[] mac = hmac(step.sessionKey() != null ? step.sessionKey() : sessionKey, new byte[] {'C'}, be32(seq), head,
                step.body());
        byte[] sent = step.body().clone();
        if (step.flipByte() != null) {
            sent[step.flipByte()] ^= 0x01;
        }
        return concat(head, sent, mac);
    }

    /** Reads a board frame and checks its MAC against the board's next sequence number. */
    String readFrame(InputStream in, boolean showBody, Duration timeout) throws IOException {
        ByteStreamReplayer.Read head = ByteStreamReplayer.read(in, 5);
        if (head.end() != null) {
            return head.describe(timeout);
        }
        char type = (char) (head.bytes()[0] & 0xff);
        long length = Integer.toUnsignedLong(ByteBuffer.wrap(head.bytes(), 1, 4).getInt());
        if (type == 'A') {
            return length == 0 ? describeFrame('A', null, false) : "frame A announcing " + length + " bytes";
        }
        if (length > MAX_FRAME_BYTES) {
            return "frame " + ByteStreamReplayer.show(head.bytes()) + " announcing " + length + " bytes";
        }
        ByteStreamReplayer.Read body = ByteStreamReplayer.read(in, (int) length);
        if (body.end() != null) {
            return "frame " + type + " cut: " + body.describe(timeout);
        }
        ByteStreamReplayer.Read mac = ByteStreamReplayer.read(in, MAC_BYTES);
        if (mac.end() != null) {
            return "frame " + type + " without its MAC: " + mac.describe(timeout);
        }
        boolean valid = sessionKey != null && MessageDigest.isEqual(mac.bytes(),
                hmac(sessionKey, new byte[] {'B'}, be32(boardSeq), head.bytes(), body.bytes()));
        boardSeq++;
        return describeFrame(type, showBody ? body.bytes() : null, valid);
    }

    private void requireHello() {
        if (transcript == null) {
            throw new IllegalStateException("a v2 frame before the H frame was read");
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            // The JDK encodes the password's characters as UTF-8, as PROTOCOL.md's key derivation does.
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot derive PBKDF2-HMAC-SHA256", e);
        }
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute HMAC-SHA256", e);
        }
    }

    private static byte[] be32(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
