package io.github.mpota.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WireIOAndReplyTest {

    /** Hands out at most one byte per read, as a TCP stream split into tiny segments would. */
    private static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void readsExactlyHoweverTheBytesAreSplit() throws IOException {
        InputStream in = trickle(Protocol.ascii("0a1b2c3dOK"));
        assertArrayEquals(Protocol.ascii("0a1b2c3d"), WireIO.readExactly(in, Protocol.CHALLENGE_LENGTH));
        assertArrayEquals(Protocol.ascii("OK"), WireIO.readExactly(in, 2));
        assertArrayEquals(new byte[0], WireIO.readExactly(in, 0));
    }

    @Test
    void aShortStreamReportsWhatArrived() {
        WireIO.TruncatedReadException e = assertThrows(WireIO.TruncatedReadException.class,
                () -> WireIO.readExactly(trickle(Protocol.ascii("0a1")), Protocol.CHALLENGE_LENGTH));
        assertEquals("connection closed after 3 of 8 bytes", e.getMessage());
        assertArrayEquals(Protocol.ascii("0a1"), e.received());
        assertEquals(8, e.expected());
    }

    @Test
    void repliesAreTheWordsOfTheContract() {
        assertEquals("OK", Reply.OK.word());
        assertEquals("AUTH_FAIL", Reply.AUTH_FAIL.word());
        assertEquals("FAIL", Reply.FAIL.word());
        assertEquals("UPDATE_SUCCESS", Reply.UPDATE_SUCCESS.word());
        assertArrayEquals(Protocol.ascii("UPDATE_SUCCESS"), Reply.UPDATE_SUCCESS.bytes());
        assertEquals(Optional.of(Reply.FAIL), Reply.of("FAIL"));
        assertEquals(Optional.empty(), Reply.of("fail"));
        assertEquals(Optional.empty(), Reply.of("OK "));
        for (Reply r : Reply.values()) {
            assertTrue(r.word().length() <= Protocol.MAX_REPLY_LENGTH, r.word());
        }
    }

    @Test
    void printableEscapesAndCuts() {
        assertEquals("'HTTP/1.1'", Printable.quote(Protocol.ascii("HTTP/1.1")));
        assertEquals("'a\\'b\\\\c\\r\\n'".replace("\\r\\n", "\\x0d\\x0a"),
                Printable.quote(Protocol.ascii("a'b\\c\r\n")));
        byte[] many = new byte[100];
        java.util.Arrays.fill(many, (byte) 'x');
        assertEquals("'" + "x".repeat(80) + "'... (100 bytes)", Printable.quote(many));
    }
}
