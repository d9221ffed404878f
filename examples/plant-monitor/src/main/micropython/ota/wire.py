# Exact reads and whole sends over an accepted connection: a message of a phase is read to the length
# that the phase defines, however TCP splits it (the reference reads each with a single recv).

from .protocol import ConnectionCut


def read_exactly(conn, n):
    # A bytearray: every caller only indexes, slices, compares or decodes it.
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        chunk = _recv(conn, min(n - got, 1024))
        view[got:got + len(chunk)] = chunk
        got += len(chunk)
    # The buffer itself, not a bytes copy: metadata of ~1,000 files would need twice its size for a moment.
    return buf


def copy_exactly(conn, n, out, chunk_size=1024):
    # Streams n bytes from the connection into the file out, in small buffers.
    got = 0
    while got < n:
        chunk = _recv(conn, min(n - got, chunk_size))
        out.write(chunk)
        got += len(chunk)
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


def _recv(conn, n):
    try:
        chunk = conn.recv(n)
    except OSError as e:
        raise ConnectionCut("receive failed or timed out (%s)" % (e,))
    if not chunk:
        raise ConnectionCut("the client closed the connection")
    return chunk
