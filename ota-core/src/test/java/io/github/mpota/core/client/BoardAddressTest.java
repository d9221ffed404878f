package io.github.mpota.core.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BoardAddressTest {

    @Test
    void aPortInTheHostWinsAndIPv6IsBracketed() {
        assertEquals(new BoardAddress("board.local", 8266), BoardAddress.parse("board.local", 8266));
        assertEquals(new BoardAddress("192.168.1.20", 9000), BoardAddress.parse(" 192.168.1.20:9000 ", 8266));
        assertEquals(new BoardAddress("fe80::1", 9000), BoardAddress.parse("[fe80::1]:9000", 8266));
        assertEquals(new BoardAddress("fe80::1", 8266), BoardAddress.parse("fe80::1", 8266));
        assertEquals("[fe80::1]:8266", BoardAddress.parse("fe80::1", 8266).toString());
    }

    @Test
    void neverHostPortPort() {
        assertEquals("'board.local:8266:8266' is not HOST or HOST:PORT (one port, after a single colon; an IPv6"
                + " address with a port is written [ADDRESS]:PORT)", assertThrows(IllegalArgumentException.class,
                        () -> BoardAddress.parse("board.local:8266:8266", 8266)).getMessage());
        assertEquals("'board.local:http' is not HOST or HOST:PORT (the port must be a number from 1 to 65535)",
                assertThrows(IllegalArgumentException.class, () -> BoardAddress.parse("board.local:http", 8266))
                        .getMessage());
    }
}
