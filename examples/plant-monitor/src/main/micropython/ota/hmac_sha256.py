# HMAC-SHA256 (RFC 2104) and PBKDF2-HMAC-SHA256 (RFC 8018) on hashlib.sha256 alone: most ports have no hmac
# module. Imported by a v2 session only (docs/PROTOCOL.md, "Protocol v2").

import hashlib

BLOCK = 64
DIGEST = 32


def _pad(key, byte):
    out = bytearray(BLOCK)
    for i in range(len(key)):
        out[i] = key[i] ^ byte
    for i in range(len(key), BLOCK):
        out[i] = byte
    return out


class Mac:
    # One HMAC over data given in pieces (a payload streamed to flash is never whole in RAM).
    def __init__(self, key):
        if len(key) > BLOCK:
            key = hashlib.sha256(key).digest()
        self._outer = _pad(key, 0x5C)
        self._inner = hashlib.sha256(_pad(key, 0x36))

    def update(self, data):
        self._inner.update(data)

    def digest(self):
        outer = hashlib.sha256(self._outer)
        outer.update(self._inner.digest())
        return outer.digest()


def hmac_sha256(key, *parts):
    mac = Mac(key)
    for part in parts:
        mac.update(part)
    return mac.digest()


# Rounds of PBKDF2 between two yields of pbkdf2_steps: a pause every few milliseconds at most.
ROUNDS_PER_STEP = 4


def pbkdf2_steps(password, salt, iterations, phase):
    # PBKDF2 as a generator that yields phase every ROUNDS_PER_STEP rounds and returns the key: the v2 session runs
    # it as one of its steps (Server.steps). One 32-byte block (dkLen = hLen): U1 = HMAC(P, S || INT(1)),
    # Ui = HMAC(P, Ui-1), K = U1 ^ ... ^ Uc. hashlib objects cannot be copied on most ports, so each round hashes
    # the padded key again; the pads themselves are made once.
    if len(password) > BLOCK:
        password = hashlib.sha256(password).digest()
    inner = _pad(password, 0x36)
    outer = _pad(password, 0x5C)

    def prf(data):
        h = hashlib.sha256(inner)
        h.update(data)
        o = hashlib.sha256(outer)
        o.update(h.digest())
        return o.digest()

    u = prf(salt + b"\x00\x00\x00\x01")
    # The XOR of the rounds as one big integer: a loop over 32 bytes per round would cost more than the hashing.
    key = int.from_bytes(u, "big")
    for i in range(1, iterations):
        u = prf(u)
        key ^= int.from_bytes(u, "big")
        if i % ROUNDS_PER_STEP == 0:
            yield phase
    return key.to_bytes(DIGEST, "big")
