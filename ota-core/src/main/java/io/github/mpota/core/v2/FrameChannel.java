package io.github.mpota.core.v2;

import io.github.mpota.core.protocol.WireIO;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.function.LongConsumer;

/**
 * Frames over one connection, for either side: type, big-endian length, body and, on authenticated types, the
 * HMAC of the session key over direction, sequence number, type, length and body. The sequence numbers make a
 * repeated, dropped or reordered frame fail its MAC; the direction byte makes a reflected one fail.
 */
public final class FrameChannel {

    private static final int CHUNK = 8 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final byte ownDirection;
    private final byte peerDirection;
    private byte[] sessionKey;
    private int sentSeq;
    private int receivedSeq;

    public FrameChannel(InputStream in, OutputStream out, byte ownDirection) {
        this.in = in;
        this.out = out;
        this.ownDirection = ownDirection;
        this.peerDirection = ownDirection == V2.FROM_CLIENT ? V2.FROM_BOARD : V2.FROM_CLIENT;
    }

    /** From now on authenticated frames carry and are checked against MACs keyed with {@code key}. */
    public void authenticate(byte[] key) {
        this.sessionKey = key.clone();
    }

    /** Sends one frame in one write. */
    public void send(byte type, byte[] body) throws IOException {
        byte[] header = header(type, body.length);
        ByteBuffer frame = ByteBuffer.allocate(header.length + body.length
                + (Frame.authenticated(type) ? V2.MAC_BYTES : 0));
        frame.put(header).put(body);
        if (Frame.authenticated(type)) {
            frame.put(mac(ownDirection, sentSeq++, header).update(body).finish());
        }
        out.write(frame.array());
        out.flush();
    }

    /** Sends an authenticated frame whose body of {@code length} bytes is streamed from {@code body}. */
    public void sendStream(byte type, long length, InputStream body, LongConsumer progress) throws IOException {
        byte[] header = header(type, length);
        HmacSha256 m = mac(ownDirection, sentSeq++, header);
        out.write(header);
        byte[] buf = new byte[CHUNK];
        long sent = 0;
        progress.accept(0);
        while (sent < length) {
            int n = body.read(buf, 0, (int) Math.min(buf.length, length - sent));
            if (n < 0) {
                throw new IOException("the payload ended at byte " + sent + " of " + length);
            }
            out.write(buf, 0, n);
            m.update(buf, 0, n);
            sent += n;
            progress.accept(sent);
        }
        out.write(m.finish());
        out.flush();
    }

    /** Receives one whole frame of at most {@code maxBody} bytes, its MAC checked when its type has one. */
    public Frame receive(int maxBody) throws IOException, V2Exception {
        byte[] header = WireIO.readExactly(in, V2.FRAME_HEADER_BYTES);
        byte type = header[0];
        long length = ByteBuffer.wrap(header, 1, 4).getInt() & 0xffffffffL;
        if (length > maxBody) {
            throw new V2Exception("frame " + Frame.describe(type) + " announces " + length + " bytes, more than the "
                    + maxBody + " allowed at this point");
        }
        byte[] body = WireIO.readExactly(in, (int) length);
        if (Frame.authenticated(type)) {
            checkMac(header, type, mac(peerDirection, receivedSeq++, header).update(body));
        }
        return new Frame(type, body);
    }

    /**
     * Receives the authenticated frame {@code type} whose body must be exactly {@code length} bytes, streaming the
     * body to {@code sink}; the MAC is checked after the last byte, so the caller commits nothing before this
     * returns.
     */
    public void receiveStream(byte type, long length, OutputStream sink) throws IOException, V2Exception {
        byte[] header = WireIO.readExactly(in, V2.FRAME_HEADER_BYTES);
        long announced = ByteBuffer.wrap(header, 1, 4).getInt() & 0xffffffffL;
        if (header[0] != type) {
            throw new V2Exception("expected frame " + Frame.describe(type) + ", received "
                    + Frame.describe(header[0]));
        }
        if (announced != length) {
            throw new V2Exception("frame " + Frame.describe(type) + " holds " + announced
                    + " bytes, the metadata announced " + length);
        }
        HmacSha256 m = mac(peerDirection, receivedSeq++, header);
        byte[] buf = new byte[CHUNK];
        long got = 0;
        while (got < length) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, length - got));
            if (n < 0) {
                throw new WireIO.TruncatedReadException(new byte[0], 0, (int) Math.min(Integer.MAX_VALUE, length));
            }
            sink.write(buf, 0, n);
            m.update(buf, 0, n);
            got += n;
        }
        checkMac(header, type, m);
    }

    private void checkMac(byte[] header, byte type, HmacSha256 expected) throws IOException, V2Exception {
        byte[] mac = WireIO.readExactly(in, V2.MAC_BYTES);
        if (sessionKey == null) {
            throw new V2Exception("frame " + Frame.describe(type) + " arrived before both sides proved the password");
        }
        if (!KeySchedule.same(expected.finish(), mac)) {
            throw new V2Exception("the MAC of frame " + Frame.describe(type) + " does not match: the frame was"
                    + " changed, replayed or reordered on the way, or it belongs to another session");
        }
    }

    private HmacSha256 mac(byte direction, int seq, byte[] header) {
        if (sessionKey == null && direction == ownDirection) {
            throw new IllegalStateException("an authenticated frame cannot be sent before the proofs");
        }
        // A frame received before the proofs is refused in checkMac; the zero key only feeds that comparison.
        HmacSha256 m = new HmacSha256(sessionKey == null ? new byte[V2.KEY_BYTES] : sessionKey);
        m.update(direction);
        m.update(ByteBuffer.allocate(4).putInt(seq).array());
        m.update(header);
        return m;
    }

    private static byte[] header(byte type, long length) {
        if (length < 0 || length > 0xffffffffL) {
            throw new IllegalArgumentException("a frame body is 0 to 2^32-1 bytes, was " + length);
        }
        return ByteBuffer.allocate(V2.FRAME_HEADER_BYTES).put(type).putInt((int) length).array();
    }
}
