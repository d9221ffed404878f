package io.github.mpota.board;

/**
 * Python for {@link MicroPythonScript}: ota/server.py's {@code Server} on the board's virtual clock, with a client
 * that is a generator of timed bytes. The connection honours the timeout that the server sets before each receive,
 * as a board's socket does, so deadlines and pauses of minutes take no real time.
 */
final class VirtualClient {

    /**
     * Defines {@code response(challenge, password)}, {@code Connection(client, address)}, {@code Listener(...)},
     * {@code server(password)} (a Server whose log, words and close print with the virtual time) and
     * {@code files()} (the board's files and their text).
     *
     * <p>A client is a generator function taking the connection and yielding {@code (pause_ms, bytes)}: the bytes
     * arrive {@code pause_ms} after the client's previous bytes arrived, or after the board last sent when that is
     * later (a client waits for a reply before it answers); {@code conn.challenge()} is the last challenge sent.
     * When it ends, the client closes its side.
     */
    static final String PRELUDE = WifiJoinTest.VIRTUAL_CLOCK + """
            import binascii
            import errno
            import hashlib
            import os
            from ota.server import Server

            def now():
                return virtual_clock.elapsed_ms()

            def response(challenge, password):
                h = hashlib.sha256(challenge)
                h.update(password.encode())
                return binascii.hexlify(h.digest())

            def stored(data):
                # One stored deflate block: the payload of data, compressed_size = len(data) + 5.
                n = len(data)
                return bytes([1, n & 255, n >> 8, (n ^ 0xFFFF) & 255, (n ^ 0xFFFF) >> 8]) + data

            class Connection:
                def __init__(self, client, address, quiet=False):
                    self.address = address
                    self.quiet = quiet
                    self.timeout_ms = None
                    self.sent = []
                    self.pending = b""
                    self.due = 0
                    self.last_arrival = 0
                    self.last_sent = 0
                    self.client = client(self)

                def challenge(self):
                    return self.sent[-1]

                def settimeout(self, seconds):
                    self.timeout_ms = None if seconds is None else int(seconds * 1000 + 0.5)

                def send(self, data):
                    data = bytes(data)
                    self.sent.append(data)
                    self.last_sent = now()
                    if not self.quiet:
                        print("%d ms: sent %s" % (now(), data.decode()))
                    return len(data)

                def readinto(self, buf, n=None):
                    data = self.recv(len(buf) if n is None else min(n, len(buf)))
                    buf[:len(data)] = data
                    return len(data)

                def recv(self, n):
                    if not self.pending:
                        try:
                            pause, data = next(self.client)
                        except StopIteration:
                            return b""
                        self.due = max(self.last_arrival, self.last_sent) + pause
                        self.pending = data
                    wait = self.due - now()
                    if wait > 0:
                        if self.timeout_ms is not None and wait > self.timeout_ms:
                            virtual_clock.sleep_ms(self.timeout_ms)
                            raise OSError(errno.ETIMEDOUT)
                        virtual_clock.sleep_ms(wait)
                    self.last_arrival = now()
                    chunk = self.pending[:n]
                    self.pending = self.pending[n:]
                    return chunk

                def close(self):
                    if not self.quiet:
                        print("%d ms: closed" % now())

            class Listener:
                def __init__(self, client, address="192.168.1.7", quiet=False):
                    self.client = client
                    self.address = address
                    self.quiet = quiet

                def accept(self):
                    address = self.address() if callable(self.address) else self.address
                    self.last = Connection(self.client, address, self.quiet)
                    return self.last, (address, 50000)

            def log(message):
                print("%d ms: %s" % (now(), message))

            def server(password, quiet=False):
                return Server(password, root=".", log=(lambda m: None) if quiet else log, listen=None,
                              urandom=lambda n: bytes(range(n)), free_space=lambda root: 1 << 30,
                              reset=lambda: print("%d ms: reset" % now()))

            def files(folder="."):
                out = []
                for name in sorted(os.listdir(folder)):
                    path = name if folder == "." else folder + "/" + name
                    if os.stat(path)[0] & 0x4000:
                        out.extend(files(path))
                    else:
                        with open(path) as f:
                            out.append("%s=%s" % (path, f.read()))
                return out
            """;

    private VirtualClient() {
    }
}
