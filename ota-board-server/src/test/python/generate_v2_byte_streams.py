#!/usr/bin/env python3
"""Writes src/test/resources/byte-streams/v2-cases.json: protocol v2 sessions to replay against any v2 board.

The board's salt, nonce and proofs are fresh in every session, so a v2 case cannot list every byte the board
sends. Instead its steps say what to send and what to check, and the replayer computes the key, proofs and MACs
from the board's hello as docs/PROTOCOL.md "Protocol v2" defines them (any HMAC-SHA256 and PBKDF2 will do: the
Java replayer uses ota-core, a MicroPython or CPython one its own hashlib). Tampering steps change a byte AFTER
the MAC was computed, as a machine on the path would.

Case fields: as in cases.json (name, description, password, device, before, steps, after, reset) plus
  device.v1            false: the board is started with protocol v1 turned off
  installedBefore      paths written to the board's .ota_installed.json before the session (a JSON array)
  installedAfter       the paths that file must list afterwards (order free); "after" never lists that file
Steps beyond cases.json's:
  {"op": "v2Open", "nonce": HEX}          send the opening with this 24-byte client nonce
  {"op": "v2Hello", "password": P}        read the H frame; the answer is "v2 hello proving the password" when its
                                          board proof verifies with P, else "v2 hello NOT proving the password"
  {"op": "v2Proof"}                       send C with the client proof (from the last hello and its password)
  {"op": "v2Proof", "hex": HEX}           send C with this proof instead (a proof replayed from another session)
  {"op": "v2Send", "type": T, "text"|"hex": BODY, "flip": N}
                                          send an authenticated frame; with "flip", XOR 0x01 into byte N of the
                                          body after the MAC was computed (N = -1: the MAC's first byte)
  {"op": "v2Expect", "type": T, "hex": BODY, "prefix": HEX}
                                          read an authenticated frame of type T, check its MAC; its body must be
                                          BODY when given, or start with PREFIX when given; the answer is
                                          "frame T" plus the body checked (F's reason text is free)
Run from the module folder: python3 src/test/python/generate_v2_byte_streams.py
"""

import hashlib
import json
import zlib

PASSWORD = "secret"
NONCE = "101112131415161718191a1b1c1d1e1f2021222324252627"
OLD = {"main.py": "print('old')\n", "keep.txt": "untouched\n"}
VECTOR = [("main.py", b"print('hello')\n"), ("lib/util.py", b"def f():\n    return 42\n"), ("empty.txt", b"")]
# A client proof from another session (docs/PROTOCOL.md's vectors): what a replayed recording would send.
REPLAYED_PROOF = "6f54a513d50c93756f32ae5c34a2ca52c26362c1ac8d3a4a2b99e97d16708047"
EMPTY_DIGEST = hashlib.sha256(b"").hexdigest()


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def files_map(files):
    out = {}
    for path, data in files.items():
        data = data.encode() if isinstance(data, str) else data
        out[path] = {"text": data.decode("ascii")}
    return out


def manifest(files):
    out = b""
    for path, data in sorted(files, key=lambda e: e[0].encode()):
        data = data.encode() if isinstance(data, str) else data
        p = path.encode()
        out += len(p).to_bytes(2, "big") + p + len(data).to_bytes(4, "big") + hashlib.sha256(data).digest()
    return out


def meta(files, payload, delete=(), reboot=False):
    m = {"compressed_size": len(payload), "total_uncompressed": sum(len(d) for _, d in files),
         "files": [{"path": p, "size": len(d)} for p, d in files],
         "content_sha256": hashlib.sha256(b"".join(d for _, d in files)).hexdigest()}
    if delete:
        m["delete"] = list(delete)
    if reboot:
        m["reboot"] = True
    return json.dumps(m, separators=(",", ":"))


def proven():
    return [{"op": "expectChallenge"}, {"op": "v2Open", "nonce": NONCE},
            {"op": "v2Hello", "password": PASSWORD}, {"op": "v2Proof"}]


def state(installed):
    """S: the digest of what updates installed, and how many files; the free bytes are the board's own."""
    digest = hashlib.sha256(manifest(installed)).hexdigest()
    return {"op": "v2Expect", "type": "S", "prefix": digest + "%04x" % len(installed)}


def send(t, body, flip=None):
    s = {"op": "v2Send", "type": t}
    if isinstance(body, bytes):
        s["hex"] = body.hex()
    else:
        s["text"] = body
    if flip is not None:
        s["flip"] = flip
    return s


def expect(t, body=None):
    s = {"op": "v2Expect", "type": t}
    if body is not None:
        s["hex"] = body.hex()
    return s


CLOSE = {"op": "expectClose"}
cases = []


def case(name, description, steps, after=None, before=None, installed_before=(), installed_after=None,
         reset=False, device=None):
    before = OLD if before is None else before
    c = {"name": name, "description": description, "password": PASSWORD}
    if device:
        c["device"] = device
    c["before"] = files_map(before)
    c["installedBefore"] = list(installed_before)
    c["steps"] = steps
    c["after"] = files_map(before if after is None else after)
    c["installedAfter"] = list(installed_before if installed_after is None else installed_after)
    c["reset"] = reset
    cases.append(c)


def updated(files, before=None, removed=()):
    out = dict(OLD if before is None else before)
    for p, d in files:
        out[p] = d
    for p in removed:
        out.pop(p)
    return out


payload = deflate(b"".join(d for _, d in VECTOR))
vector_meta = meta(VECTOR, payload)

case("v2-success-vector", "A first v2 push: the board proves the password, sends its (empty) list on request, "
     "applies the payload vector, lists the three files as installed and reboots.",
     proven() + [state([]), send("L", b""), expect("M", b""), send("U", vector_meta), expect("K"),
                 send("P", payload), expect("R", b"\x03"), CLOSE],
     after=updated(VECTOR), installed_after=["main.py", "lib/util.py", "empty.txt"], reset=True)

installed = [("main.py", OLD["main.py"]), ("keep.txt", OLD["keep.txt"])]
case("v2-nothing-changed", "The client's plan is empty: the board writes nothing and does not reboot.",
     proven() + [state(installed), send("U", meta([], b"")), expect("K"), send("P", b""), expect("R", b"\x00"),
                 CLOSE],
     installed_before=["main.py", "keep.txt"])

case("v2-nothing-changed-reboot", "Nothing to write, but the client asks for a reboot (ota.reboot=always).",
     proven() + [state(installed), send("U", meta([], b"", reboot=True)), expect("K"), send("P", b""),
                 expect("R", b"\x02"), CLOSE],
     installed_before=["main.py", "keep.txt"], reset=True)

one = [("main.py", b"print('new')\n")]
p1 = deflate(one[0][1])
case("v2-delta-and-delete", "One changed file and one installed file removed; keep.txt, not installed by an "
     "update, stays although the project does not have it.",
     proven() + [state([("main.py", OLD["main.py"]), ("old.py", "gone\n")]),
                 send("U", meta(one, p1, delete=["old.py"])), expect("K"), send("P", p1), expect("R", b"\x03"),
                 CLOSE],
     before=dict(OLD, **{"old.py": "gone\n"}), installed_before=["main.py", "old.py"],
     after=updated(one), installed_after=["main.py"], reset=True)

case("v2-delete-not-installed", "Deleting a file that no update installed is refused: F, nothing changed.",
     proven() + [state([("main.py", OLD["main.py"])]), send("U", meta(one, p1, delete=["keep.txt"])), expect("F"),
                 CLOSE],
     installed_before=["main.py"])

case("v2-tampered-metadata", "A byte of the metadata changed on the way (its MAC no longer matches): F, every "
     "old file intact.",
     proven() + [state([]), send("U", meta(one, p1), flip=30), expect("F"), CLOSE])

case("v2-tampered-payload", "A byte of the payload changed on the way: F after the last byte, before anything "
     "is inflated; every old file intact.",
     proven() + [state([]), send("U", meta(one, p1)), expect("K"), send("P", p1, flip=3), expect("F"), CLOSE])

case("v2-tampered-mac", "The payload intact but its MAC changed: F, every old file intact.",
     proven() + [state([]), send("U", meta(one, p1)), expect("K"), send("P", p1, flip=-1), expect("F"), CLOSE])

case("v2-replayed-proof", "A client proof recorded in another session (other nonces) is refused with A and "
     "the board closes; nothing written.",
     [{"op": "expectChallenge"}, {"op": "v2Open", "nonce": NONCE}, {"op": "v2Hello", "password": PASSWORD},
      {"op": "v2Proof", "hex": REPLAYED_PROOF}, {"op": "expect", "hex": "4100000000"}, CLOSE])

case("v2-board-cannot-prove", "The client knows another password: the board's proof does not verify, so the "
     "client stops there and sends nothing of the update.",
     [{"op": "expectChallenge"}, {"op": "v2Open", "nonce": NONCE}, {"op": "v2Hello", "password": "not-secret"}])

case("v2-downgrade-v1-off", "v1 is off: the right v1 response gets AUTH_FAIL like a wrong one, three times, "
     "then a silent close; nothing written.",
     [{"op": "expectChallenge"}, {"op": "respond", "password": PASSWORD}, {"op": "expect", "text": "AUTH_FAIL"},
      {"op": "expectChallenge"}, {"op": "respond", "password": PASSWORD}, {"op": "expect", "text": "AUTH_FAIL"},
      {"op": "expectChallenge"}, {"op": "respond", "password": PASSWORD}, {"op": "expect", "text": "AUTH_FAIL"},
      CLOSE], device={"v1": False})

case("v2-served-when-v1-off", "v1 is off: a v2 client is served, and the hello says v1 is off (flag bit 0 is "
     "checked by v2Hello against device.v1).",
     proven() + [state([]), send("U", vector_meta), expect("K"), send("P", payload), expect("R", b"\x03"), CLOSE],
     after=updated(VECTOR), installed_after=["main.py", "lib/util.py", "empty.txt"], reset=True,
     device={"v1": False})

with open("src/test/resources/byte-streams/v2-cases.json", "w") as f:
    json.dump({"version": 1, "cases": cases}, f, indent=1)
    f.write("\n")
