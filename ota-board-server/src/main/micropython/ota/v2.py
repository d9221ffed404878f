# Protocol v2 (docs/PROTOCOL.md, "Protocol v2"): mutual proofs from a PBKDF2 key, frames with a MAC keyed from the
# session, the board's description of the files updates installed, and updates that send only what changed.
# Imported only when a client opens a v2 session, so that a board served by v1 clients never loads it.

import gc
import hashlib
import struct
import time

from . import auth, files, installed, wire
from .hmac_sha256 import Mac, hmac_sha256, pbkdf2_steps
from .memory import enough, forget, out_of_heap, refuse, reserve, reserve_early, window_bits
from .paths import fold
from .protocol import (AUTH_DEADLINE_MS, CONFIG_FILE, HEADER_DEADLINE_MS, PAYLOAD_DEADLINE_MS, ConnectionCut,
                       UpdateError)

# The constants of ota-core's io.github.mpota.core.v2.V2, named after PROTOCOL.md's terms.
NONCE_BYTES = 24
SALT_BYTES = 16
MAC_BYTES = 32
FLAG_V1_OFF = 1
RESULT_CHANGED = 1
RESULT_REBOOTING = 2
KEY_DELETE = "delete"
KEY_REBOOT = "reboot"
FROM_CLIENT = b"C"
FROM_BOARD = b"B"
LABEL_BOARD = b"ota-v2 board"
LABEL_CLIENT = b"ota-v2 client"
LABEL_SESSION = b"ota-v2 session"
# Enough of a reason for the client's report; it refuses longer ones.
MAX_REASON_BYTES = 1000
CHUNK = 512


class Channel:
    # The authenticated frames of one session: each side numbers the frames it sends, and every MAC covers the
    # direction, that number, the type, the length and the body.
    def __init__(self, conn, key):
        self.conn = conn
        self.key = key
        self.sent = 0
        self.received = 0

    def send(self, kind, body=b""):
        head = kind + struct.pack(">I", len(body))
        mac = Mac(self.key)
        mac.update(FROM_BOARD + struct.pack(">I", self.sent))
        mac.update(head)
        mac.update(body)
        self.sent += 1
        wire.send(self.conn, head + body + mac.digest())

    def header(self, kinds, deadline):
        # The type and length of the next client frame, and its MAC so far; a type other than kinds ends the
        # session before its body is read.
        head = bytes(wire.read_exactly(self.conn, 5, deadline))
        kind = head[:1]
        if kind not in kinds:
            raise UpdateError("expected a frame %s from the client, received %r" % (" or ".join(
                str(k, "ascii") for k in kinds), kind))
        mac = Mac(self.key)
        mac.update(FROM_CLIENT + struct.pack(">I", self.received))
        mac.update(head)
        return kind, struct.unpack(">I", head[1:])[0], mac

    def check(self, kind, mac, deadline):
        got = wire.read_exactly(self.conn, MAC_BYTES, deadline)
        self.received += 1
        if not auth.equal(got, mac.digest()):
            raise UpdateError("frame %s has a wrong MAC: changed on the way, replayed, or not of this session; nothing"
                              " is written" % str(kind, "ascii"))


def key_for(server):
    # K, derived once per boot at the first v2 session with a fresh salt (iterations HMACs: about 0.5 s on an ESP32
    # at the default 10,000) and kept in RAM with its salt. A generator, as the session is (Server.steps).
    if server.v2_key is None:
        salt = server.urandom(SALT_BYTES)
        started = time.ticks_ms()
        key = yield from pbkdf2_steps(server.password.encode(), salt, server.iterations, "auth")
        server.v2_key = (salt, key)
        server.log("derived the v2 key: %d iterations in %d ms"
                   % (server.iterations, time.ticks_diff(time.ticks_ms(), started)))
    return server.v2_key


def serve(server, conn, address, challenge, opening, timeout_ms):
    # One v2 session after the opening; returns its outcome, as Server.handle does, and yields the phases as it does.
    salt, key = yield from key_for(server)
    head = (bytes((0 if server.v1 else FLAG_V1_OFF, server.window_bits)) + struct.pack(">IB", server.iterations,
            len(salt)) + salt + server.urandom(NONCE_BYTES))
    transcript = challenge + opening + head
    proof = hmac_sha256(key, LABEL_BOARD, transcript)
    try:
        wire.send(conn, b"H" + struct.pack(">I", len(head) + MAC_BYTES) + head + proof)
        deadline = wire.Deadline("the client proof", AUTH_DEADLINE_MS, timeout_ms)
        frame = bytes(wire.read_exactly(conn, 5 + MAC_BYTES, deadline))
    except (ConnectionCut, OSError) as e:
        server.log("v2 session aborted before the client proof: %s" % (e,))
        return "refused"
    if frame[:5] != b"C\x00\x00\x00\x20" or not auth.equal(frame[5:], hmac_sha256(key, LABEL_CLIENT, transcript)):
        delay = server.guesses.failed(address)
        server.log("the client did not prove the OTA password (v2); refused after %d ms" % delay)
        time.sleep_ms(delay)
        wire.try_send(conn, b"A\x00\x00\x00\x00")
        return "refused"
    server.guesses.succeeded(address)
    channel = Channel(conn, hmac_sha256(key, LABEL_SESSION, transcript))
    del key, transcript
    yield "metadata"
    # The update, once the session reaches its payload (the metadata phase does not load the apply code).
    box = []
    gc.collect()
    free_at_start = server.free_heap()
    try:
        changed, reboot = yield from _session(server, channel, box, timeout_ms)
        conn.settimeout(server.timeout)
        bits = (RESULT_CHANGED if changed else 0) | (RESULT_REBOOTING if changed or reboot else 0)
        channel.send(b"R", bytes((bits,)))
    except Exception as e:
        # Any error after the proofs, a bug included, is an F: the server must keep serving.
        if isinstance(e, MemoryError):
            e = out_of_heap(e, free_at_start, True)
        server.log("v2 update failed: %s" % (e,))
        try:
            channel.send(b"F", str(e).encode()[:MAX_REASON_BYTES])
        except Exception:
            pass
        if not box:
            return "failed"
        if box[0].committed:
            return "unfinished"
        box[0].discard()
        return "failed"
    if not changed:
        server.log("v2 update: nothing changed%s" % ("; rebooting as asked" if reboot else ", no reboot"))
    return "updated" if bits & RESULT_REBOOTING else "unchanged"


def _session(server, channel, box, timeout_ms):
    # Steps 6-12 of the v2 sequence; returns (files written or removed, reboot asked).
    root = server.root
    # Before the metadata phase spreads its objects over the heap: the window this board announces.
    reserved = reserve_early(server.window_bits, server.free_heap, True)
    paths = installed.load(root)
    listing, count = manifest(root, paths)
    channel.send(b"S", hashlib.sha256(listing).digest() + struct.pack(">HI", min(count, 0xFFFF),
                                                                        min(server.free_space(root), 0xFFFFFFFF)))
    yield "metadata"
    deadline = wire.Deadline("the update metadata", HEADER_DEADLINE_MS, timeout_ms)
    kind, length, mac = channel.header((b"L", b"U"), deadline)
    if kind == b"L":
        _empty(kind, length)
        channel.check(kind, mac, deadline)
        channel.send(b"M", listing)
        deadline = wire.Deadline("the update metadata", HEADER_DEADLINE_MS, timeout_ms)
        kind, length, mac = channel.header((b"U",), deadline)
    del listing
    if length > server.max_metadata:
        raise UpdateError("update metadata of %d bytes exceeds the limit of %d bytes" % (length, server.max_metadata))
    deadline.extend(wire.at_floor(length))
    gc.collect()
    body = wire.read_exactly(channel.conn, length, deadline)
    mac.update(body)
    channel.check(kind, mac, deadline)
    yield "metadata"
    from . import metadata
    meta = yield from metadata.parse(body, (KEY_DELETE, KEY_REBOOT))
    del body
    deletions, reboot = _plan(meta, paths)
    yield "metadata"
    yield from metadata.check_targets(root, meta)
    del metadata
    forget("metadata", "strict_json")
    needed = meta.compressed_size + meta.total_uncompressed
    free = server.free_space(root)
    if needed > free:
        raise UpdateError("not enough space: %d bytes needed (payload %d + files %d), %d free"
                          % (needed, meta.compressed_size, meta.total_uncompressed, free))
    if meta.files:
        bits = window_bits(meta.total_uncompressed, server.window_bits)
        if not enough(reserved, bits):
            reserved = None
            reserved = reserve(bits, server.free_heap) or refuse(bits, server.free_heap)
    else:
        reserved = None
    channel.send(b"K")
    yield "payload"
    deadline = wire.Deadline("the payload", PAYLOAD_DEADLINE_MS + wire.at_floor(meta.compressed_size), timeout_ms)
    kind, length, mac = channel.header((b"P",), deadline)
    from .update import Update
    update = Update(root, server.log, server.on_step)
    box.append(update)
    if length != meta.compressed_size:
        raise UpdateError("the payload frame holds %d bytes, the metadata announced %d"
                          % (length, meta.compressed_size))
    if meta.files:
        server.log("receiving %d files (%d bytes, %d compressed), deleting %d"
                   % (len(meta.files), meta.total_uncompressed, meta.compressed_size, len(deletions)))
        # Each piece goes into the MAC as it arrives; nothing is inflated before the MAC holds.
        yield from update.receive(channel.conn, meta, deadline, mac, lambda: channel.check(kind, mac, deadline))
        del reserved
        yield "inflate"
        yield from update.unpack(meta, server.window_bits)
    else:
        channel.check(kind, mac, deadline)
        if not deletions:
            return False, reboot
    yield "apply"
    gc.collect()
    yield from update.apply(meta, deletions)
    server.log("v2 update applied: %d files written, %d deleted" % (len(meta.files), len(deletions)))
    return True, reboot


def _empty(kind, length):
    if length:
        raise UpdateError("frame %s must be empty, it announces %d bytes" % (str(kind, "ascii"), length))


def _plan(meta, paths):
    # The v2 keys of the metadata, by the rules of PROTOCOL.md's "Update metadata (U)".
    deletions = meta.extra.get(KEY_DELETE, [])
    reboot = meta.extra.get(KEY_REBOOT, False)
    if type(reboot) is not bool:
        raise UpdateError("'%s' must be true or false" % KEY_REBOOT)
    if type(deletions) is not list or any(type(p) is not str for p in deletions):
        raise UpdateError("'%s' must be a list of paths" % KEY_DELETE)
    if (meta.compressed_size == 0) != (not meta.files):
        raise UpdateError("'compressed_size' must be 0 exactly when 'files' is empty, it is %d for %d files"
                          % (meta.compressed_size, len(meta.files)))
    writing = set(path for path, _ in meta.files)
    known = set(paths)
    seen = set()
    for path in deletions:
        if path in seen:
            raise UpdateError("path %r is listed twice in '%s'" % (path[:120], KEY_DELETE))
        seen.add(path)
        if path in writing:
            raise UpdateError("path %r is both written and deleted" % path[:120])
        if path not in known:
            raise UpdateError("path %r was not installed by an update; the board deletes only files that updates"
                              " installed" % path[:120])
        if fold(path) == CONFIG_FILE:
            raise UpdateError("%s holds the board's WiFi and OTA settings, which it reads at every boot; it is not"
                              " deleted (push one, or push with -Dota.delete=false)" % path)
    return deletions, reboot


def manifest(root, paths):
    # The files that updates installed as they are NOW (current size, SHA-256 of the current content), entries
    # sorted by the UTF-8 bytes of the path; and how many. Hashed at every session, after the client proved the
    # password, so that a file changed by other means is never taken for the one the client last sent.
    out = bytearray()
    count = 0
    buf = bytearray(CHUNK)
    view = memoryview(buf)
    for path in sorted(set(paths), key=lambda p: p.encode()):
        target = files.join(root, path)
        mode = files.stat_mode(target)
        if mode is None or mode & 0x4000:
            continue
        digest = hashlib.sha256()
        size = 0
        with open(target, "rb") as f:
            while True:
                n = f.readinto(buf)
                if not n:
                    break
                digest.update(view[:n])
                size += n
        encoded = path.encode()
        out += struct.pack(">H", len(encoded)) + encoded + struct.pack(">I", size) + digest.digest()
        count += 1
    return out, count
