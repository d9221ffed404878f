# Exact reads and whole sends over an accepted connection: a message of a phase is read to the length
# that the phase defines, however TCP splits it (the reference reads each with a single recv).

import time

from .protocol import ConnectionCut, FLOOR_BYTES_PER_S

# ticks_add takes less than half the ticks period (2**30 ms on a board); no phase of a board needs more.
_MAX_MS = 0x1FFFFFFF


def at_floor(n):
    # The time that n bytes take at the floor rate, in milliseconds.
    return n * 1000 // FLOOR_BYTES_PER_S


class Deadline:
    # The end of a phase: each receive of the phase waits for the per-receive timeout at most, and never past the
    # end, which does not move when a byte arrives.
    def __init__(self, what, ms, timeout_ms):
        self.what = what
        self.ms = 0
        self.end = time.ticks_ms()
        self.timeout_ms = timeout_ms
        self.extend(ms)

    def extend(self, ms):
        ms = min(ms, _MAX_MS - self.ms)
        self.ms += ms
        self.end = time.ticks_add(self.end, ms)

    def left_ms(self):
        left = time.ticks_diff(self.end, time.ticks_ms())
        if left <= 0:
            raise ConnectionCut("%s did not arrive within %d ms" % (self.what, self.ms))
        return min(left, self.timeout_ms)


def read_exactly(conn, n, deadline):
    # A bytearray: every caller only indexes, slices, compares or decodes it.
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        chunk = _recv(conn, min(n - got, 1024), deadline)
        view[got:got + len(chunk)] = chunk
        got += len(chunk)
    # The buffer itself, not a bytes copy: metadata of ~1,000 files would need twice its size for a moment.
    return buf


# Reads of the payload between two yields of copy_exactly.
READS_PER_STEP = 16


def copy_exactly(conn, n, out, deadline, buf, mac=None):
    # Streams n bytes from the connection into the file out through buf (and into mac, when given): the payload
    # allocates nothing per piece but a view of buf when a read comes short. A generator, as the session is
    # (Server.steps): yields "payload" every READS_PER_STEP reads.
    view = memoryview(buf)
    got = reads = 0
    while got < n:
        k = _recv_into(conn, buf, min(n - got, len(buf)), deadline)
        piece = buf if k == len(buf) else view[:k]
        if mac is not None:
            mac.update(piece)
        out.write(piece)
        got += k
        reads += 1
        if reads % READS_PER_STEP == 0:
            yield "payload"
    return got


def send(conn, data):
    view = memoryview(data)
    sent = 0
    while sent < len(data):
        n = conn.send(view[sent:])
        if not n:
            raise ConnectionCut("the connection refused more bytes")
        sent += n


def try_send(conn, data):
    # Sends a last word if the socket still allows it; its failure is not worth reporting.
    try:
        send(conn, data)
        return True
    except Exception:
        return False


def _recv_into(conn, buf, n, deadline):
    conn.settimeout(deadline.left_ms() / 1000)
    try:
        k = conn.readinto(buf, n)
    except OSError as e:
        deadline.left_ms()
        raise ConnectionCut("receive failed or timed out (%s)" % (e,))
    if k is None:
        # Some ports answer a timeout with None rather than an error.
        deadline.left_ms()
        raise ConnectionCut("receive timed out")
    if not k:
        raise ConnectionCut("the client closed the connection")
    return k


def _recv(conn, n, deadline):
    conn.settimeout(deadline.left_ms() / 1000)
    try:
        chunk = conn.recv(n)
    except OSError as e:
        # A timeout at the end of the phase is told as the phase's deadline.
        deadline.left_ms()
        raise ConnectionCut("receive failed or timed out (%s)" % (e,))
    if not chunk:
        raise ConnectionCut("the client closed the connection")
    return chunk
