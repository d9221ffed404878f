# The OTA server: one client at a time on port 8266, the sequence of PROTOCOL.md for each connection.
# Sockets, randomness, free space and the reset are passed in, so that the same code runs on a board and
# in the test harness.

import gc
import os
import time

from . import wire
from .guesses import Guesses
from .memory import PHASE_MODULES, enough, forget, out_of_heap, refuse, reserve, reserve_early, window_bits
from .protocol import (DEFLATE_WINDOW_BITS, FAIL, HEADER_DEADLINE_MS, LENGTH_HEADER_SIZE, MAX_METADATA_SIZE, OK,
                       PAYLOAD_DEADLINE_MS, PORT, REBOOT_DELAY_MS, TIMEOUT, UPDATE_SUCCESS, UpdateError)

# The pause after a failed accept() before the next one.
ACCEPT_RETRY_MS = 100

# Protocol v2: the PBKDF2 iterations of the key (docs/PROTOCOL.md, "Cost"), and the largest deflate window the board
# announces: an ESP8266's heap (about 38 KiB free) cannot spare the 32 KiB of a full window.
ITERATIONS = 10000
SMALL_BOARD_WINDOW_BITS = 11


def listen(port):
    import socket
    address = socket.getaddrinfo("0.0.0.0", port)[0][-1]
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(address)
    # Backlog 1: a second client waits in the queue until the current update ends.
    s.listen(1)
    return s


def free_space(root):
    st = os.statvfs(root)
    return st[0] * st[3]


def reset():
    import machine
    machine.reset()


def _log(message):
    print("ota: " + message)


def _urandom():
    try:
        return os.urandom
    except AttributeError:
        raise OSError("this firmware's os module has no urandom; the OTA challenge needs a strong random source")


class Server:
    def __init__(self, password, root=None, port=PORT, timeout=TIMEOUT, log=_log, listen=listen,
                 urandom=None, free_space=free_space, reset=reset, on_step=None, free_heap=gc.mem_free,
                 max_metadata=MAX_METADATA_SIZE, v1=True, window_bits=None, iterations=ITERATIONS):
        if not isinstance(password, str) or not password:
            raise ValueError("the OTA password must be a non-empty string")
        if window_bits is None:
            import sys
            window_bits = SMALL_BOARD_WINDOW_BITS if sys.platform == "esp8266" else DEFLATE_WINDOW_BITS
        # One check and one sentence: every byte of this module stays in a small board's heap.
        if type(v1) is not bool or not 9 <= window_bits <= 15 or not 1000 <= iterations <= 10000000:
            raise ValueError("v1 must be True or False, window_bits 9 to 15, iterations 1000 to 10000000; received"
                             " %r, %r, %r" % (v1, window_bits, iterations))
        self.password = password
        self.root = root if root is not None else os.getcwd()
        self.port = port
        self.timeout = timeout
        self.log = log
        self.listen = listen
        self.urandom = urandom or _urandom()
        self.free_space = free_space
        self.reset = reset
        # The heap the update may take (gc.mem_free() after a collection), asked before the payload is received.
        self.free_heap = free_heap
        self.on_step = on_step
        self.max_metadata = max_metadata
        self.guesses = Guesses()
        self.v1 = v1
        self.window_bits = window_bits
        self.iterations = iterations
        # (salt, K) of protocol v2, derived at the first v2 session and kept until the reset.
        self.v2_key = None

    def serve_forever(self):
        listener = self.listen(self.port)
        self.log("listening on port %d" % self.port)
        while True:
            try:
                self.serve_one(listener)
            except OSError as e:
                # accept() fails now and then on a board (ESP32: ECONNABORTED, EHOSTUNREACH); the server must
                # outlive it. The pause keeps a failing network stack from being asked again at full speed.
                self.log("connection failed before the update began: %s; serving on" % (e,))
                time.sleep_ms(ACCEPT_RETRY_MS)

    def serve_one(self, listener):
        # One connection; returns its outcome ("updated", "failed", "refused", "unchanged" when a v2 update had
        # nothing to change and no reboot was asked, or "unfinished" when moving the committed files failed). After
        # "updated" and "unfinished" the board resets, which on a board does not return.
        for _ in self.steps(listener):
            pass
        return self.outcome

    def steps(self, listener):
        # serve_one, as a generator that yields the name of each phase of the update as it begins (auth first,
        # then metadata, payload, inflate, apply). A board runs it without a pause; the test harness runs one
        # phase at a time and measures what the board holds in between (docs/PERFORMANCE.md, "Board heap").
        conn, address = listener.accept()
        self.log("connection from %s" % (address,))
        outcome = "refused"
        try:
            yield "auth"
            conn.settimeout(self.timeout)
            # The address without the port, which changes with every connection.
            outcome = yield from self.handle(conn, address[0] if type(address) is tuple else address)
        finally:
            conn.close()
            # Between updates the heap is the application's (memory.py).
            forget(*PHASE_MODULES)
        self.outcome = outcome
        if outcome == "updated":
            time.sleep_ms(REBOOT_DELAY_MS)
            self.log("resetting to run the new code")
            self.reset()
        elif outcome == "unfinished":
            # The same pause as after UPDATE_SUCCESS: FAIL and the FIN leave the board before the reset.
            time.sleep_ms(REBOOT_DELAY_MS)
            self.log("resetting so that the boot finishes the committed update")
            self.reset()

    def handle(self, conn, address):
        # Steps 1-11 of one connection (a generator, see steps()). Each phase imports what it needs and forgets it
        # when it is done (memory.py): the metadata phase does not hold the apply code, nor the apply phase the
        # metadata parser.
        timeout_ms = int(self.timeout * 1000)
        from . import auth
        opened = auth.authenticate(conn, self.password, self.urandom, self.log, address, self.guesses, timeout_ms,
                                   self.v1)
        if not opened:
            return "refused"
        if opened is not True:
            gc.collect()
            from . import v2
            return (yield from v2.serve(self, conn, address, opened[0], opened[1], timeout_ms))
        del auth
        forget("auth")
        yield "metadata"
        free_at_start = self.free_heap()
        # Before the metadata phase spreads its objects over the heap: the largest window a v1 update may need.
        reserved = reserve_early(DEFLATE_WINDOW_BITS, self.free_heap, False)
        update = None
        try:
            from . import metadata
            deadline = wire.Deadline("the length header and the metadata", HEADER_DEADLINE_MS, timeout_ms)
            length = metadata.parse_length(wire.read_exactly(conn, LENGTH_HEADER_SIZE, deadline), self.max_metadata)
            deadline.extend(wire.at_floor(length))
            wire.send(conn, OK)
            gc.collect()
            body = wire.read_exactly(conn, length, deadline)
            yield "metadata"
            meta = yield from metadata.parse(body)
            del body
            yield from metadata.check_targets(self.root, meta)
            del metadata
            forget("metadata", "strict_json")
            # Sent once the metadata is valid, before the space check (step 7).
            wire.send(conn, OK)
            deadline = wire.Deadline("the payload", PAYLOAD_DEADLINE_MS + wire.at_floor(meta.compressed_size),
                                     timeout_ms)
            gc.collect()
            needed = meta.compressed_size + meta.total_uncompressed
            free = self.free_space(self.root)
            if needed > free:
                raise UpdateError("not enough space: %d bytes needed (payload %d + files %d), %d free"
                                  % (needed, meta.compressed_size, meta.total_uncompressed, free))
            bits = window_bits(meta.total_uncompressed)
            if not enough(reserved, bits):
                reserved = None
                reserved = reserve(bits, self.free_heap) or refuse(bits, self.free_heap)
            self.log("receiving %d files (%d bytes, %d compressed)"
                     % (len(meta.files), meta.total_uncompressed, meta.compressed_size))
            yield "payload"
            from .update import Update
            update = Update(self.root, self.log, self.on_step)
            yield from update.receive(conn, meta, deadline)
            del reserved
            yield "inflate"
            yield from update.unpack(meta)
            yield "apply"
            # The receives of the payload shortened the timeout towards its deadline; the last word gets it whole.
            conn.settimeout(self.timeout)
            gc.collect()
            yield from update.apply(meta)
        except Exception as e:
            # Any error of steps 4-10, a bug included, is a FAIL: the server must keep serving.
            if isinstance(e, MemoryError):
                reserved = None
                e = out_of_heap(e, free_at_start, False)
            self.log("update failed: %s" % (e,))
            wire.try_send(conn, FAIL)
            if update is None:
                return "failed"
            if update.committed:
                return "unfinished"
            update.discard()
            return "failed"
        self.log("update applied: %d files" % len(meta.files))
        wire.try_send(conn, UPDATE_SUCCESS)
        return "updated"
