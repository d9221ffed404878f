#!/usr/bin/env python3
"""Writes src/test/resources/byte-streams/v2-extra-cases.json: more protocol v2 sessions (docs/PROTOCOL.md,
"Protocol v2") beside the shared v2-cases.json (generate_v2_byte_streams.py): the manifest of current content, L
and M byte for byte, a small window, frames replayed from another session or repeated, the free space, the opening
at a later attempt. Written for the MicroPython server; they hold for any v2 board (V2ByteStreamTest plays them
against both of ours). The format is generate_byte_streams.py's with these additions.

Nonces are fresh in every session, so a v2 step names what to compute, not bytes; the replayer computes the
proofs and MACs from the specification (ByteStreamReplayer, V2Session).

Case fields beyond v1's:
  device.v1          false: the device is started with protocol v1 off
  device.windowBits  the deflate window the device must announce
  installedBefore    the paths in the board's .ota_installed.json before the session (absent: no such file)
  installedAfter     the paths that file lists after the session (in any order); "after" never lists the file
Steps beyond v1's:
  {"op": "v2Opening"}                            send the opening with a fresh client nonce
  {"op": "v2ExpectHello", "password": P, "flags": F, "wbits": W, "iterations": I, "proofValid": B}
                                                 read H; its board proof must be valid for P exactly when B
  {"op": "v2SendProof"}                          send C with this session's client proof; with "password": Q
                                                 one made with Q; with "proofHex": X exactly X
  {"op": "v2Send", "type": T, "text"|"hex": ...} send an authenticated frame; tampering: "flipByte": i (byte i
                                                 of the body changed after the MAC was made), "seq": n (MAC'd
                                                 with sequence number n), "sessionKeyHex": K (MAC'd with the key
                                                 of another session)
  {"op": "v2Expect", "type": T, "text"|"hex": ...}
                                                 read a frame of type T with this body (none given: any body)
                                                 and, except for A, a valid MAC

Run from the module folder: python3 src/test/python/generate_v2_byte_streams.py
"""

import hashlib
import json
import os
import struct
import zlib

PASSWORD = "secret"
ITERATIONS = 10000
FREE = 1048576
VECTOR = [("main.py", b"print('hello')\n"), ("lib/util.py", b"def f():\n    return 42\n"), ("empty.txt", b"")]
# Files of the board's own code: never in the installed list, never deleted by an update.
OWN = {"keep.txt": b"untouched\n"}
# PROTOCOL.md's "Test vectors": the session key and the client proof of a recorded session.
RECORDED_SESSION_KEY = "add3c1e51a61445c08cb053f1a9504f24976560862a5e70070603db033da1879"
RECORDED_CLIENT_PROOF = "6f54a513d50c93756f32ae5c34a2ca52c26362c1ac8d3a4a2b99e97d16708047"


def deflate(data, wbits=15):
    c = zlib.compressobj(9, zlib.DEFLATED, -wbits)
    return c.compress(data) + c.flush()


def files_map(files):
    out = {}
    for path, data in files.items():
        data = data.encode() if isinstance(data, str) else data
        try:
            out[path] = {"text": data.decode("ascii")}
        except UnicodeDecodeError:
            out[path] = {"hex": data.hex()}
    return out


def manifest(files):
    # PROTOCOL.md, "Manifest": entries sorted by the UTF-8 bytes of the path.
    out = b""
    for path, data in sorted(files, key=lambda e: e[0].encode()):
        p = path.encode()
        out += struct.pack(">H", len(p)) + p + struct.pack(">I", len(data)) + hashlib.sha256(data).digest()
    return out


def state(files, free=FREE):
    return hashlib.sha256(manifest(files)).digest() + struct.pack(">HI", len(files), free)


def update_meta(files, payload, delete=None, reboot=None):
    meta = {"compressed_size": len(payload), "total_uncompressed": sum(len(d) for _, d in files),
            "files": [{"path": p, "size": len(d)} for p, d in files],
            "content_sha256": hashlib.sha256(b"".join(d for _, d in files)).hexdigest()}
    if delete is not None:
        meta["delete"] = delete
    if reboot is not None:
        meta["reboot"] = reboot
    return json.dumps(meta, separators=(",", ":")).encode()


def data_step(op, data, **extra):
    step = {"op": op}
    step.update(extra)
    try:
        step["text"] = data.decode("ascii")
    except UnicodeDecodeError:
        step["hex"] = data.hex()
    return step


def send(kind, body, **tamper):
    return data_step("v2Send", body, type=kind, **tamper)


def expect(kind, body=None):
    if body is None:
        return {"op": "v2Expect", "type": kind}
    return data_step("v2Expect", body, type=kind)


def hello(flags=0, wbits=15, password=PASSWORD, valid=True):
    return [{"op": "expectChallenge"}, {"op": "v2Opening"},
            {"op": "v2ExpectHello", "password": password, "flags": flags, "wbits": wbits, "iterations": ITERATIONS,
             "proofValid": valid}]


def proven(installed_files, flags=0, wbits=15, free=FREE):
    return hello(flags, wbits) + [{"op": "v2SendProof"}, expect("S", state(installed_files, free))]


CLOSE = {"op": "expectClose"}
CUT = {"op": "shutdownOutput"}
FAIL = [expect("F"), CLOSE]

cases = []


def case(name, description, steps, before, after=None, installed=None, reset=False, device=None):
    # before: (files, installed list or None); installed: the list after (None: as before).
    files, installed_before = before
    c = {"name": name, "description": description, "password": PASSWORD}
    d = {"freeBytes": FREE}
    d.update(device or {})
    c["device"] = d
    c["before"] = files_map(files)
    if installed_before is not None:
        c["installedBefore"] = installed_before
    c["steps"] = steps
    c["after"] = files_map(files if after is None else after[0])
    c["installedAfter"] = (installed_before or []) if installed is None else installed
    c["reset"] = reset
    cases.append(c)


def board(files=(), own=True, installed=None):
    out = dict(OWN) if own else {}
    out.update(dict(files))
    return out, installed


VECTOR_PATHS = [p for p, _ in VECTOR]
fresh = board()
vector_board = board(VECTOR, installed=VECTOR_PATHS)
payload = deflate(b"".join(d for _, d in VECTOR))
nothing = update_meta([], b"")

# --- successes --------------------------------------------------------------------------------------------------
case("v2-success-first-push", "A board that no update reached yet: S names no file; the whole project is sent,"
     " K, P, R 3 (written, rebooting); the board's own file stays.",
     proven([]) + [send("U", update_meta(VECTOR, payload)), expect("K"), send("P", payload), expect("R", b"\x03"),
                   CLOSE],
     fresh, board(VECTOR), installed=VECTOR_PATHS, reset=True)

case("v2-success-nothing-changed", "The client's cached manifest matches S: an empty update; the board writes"
     " nothing, answers R 0 and does not reboot.",
     proven(VECTOR) + [send("U", nothing), expect("K"), send("P", b""), expect("R", b"\x00"), CLOSE],
     vector_board, installed=VECTOR_PATHS)

case("v2-success-nothing-changed-reboot", "Nothing changed and reboot: true (-Dota.reboot=always): R 2, the"
     " board reboots, nothing is written.",
     proven(VECTOR) + [send("U", update_meta([], b"", reboot=True)), expect("K"), send("P", b""),
                       expect("R", b"\x02"), CLOSE],
     vector_board, installed=VECTOR_PATHS, reset=True)

edited = [("main.py", b"print('edited')\n")]
edited_payload = deflate(edited[0][1])
case("v2-success-delta", "One file edited, one removed from the project: only main.py is sent, empty.txt is"
     " deleted, lib/util.py is untouched, the board's own keep.txt stays.",
     proven(VECTOR) + [send("U", update_meta(edited, edited_payload, delete=["empty.txt"])), expect("K"),
                       send("P", edited_payload), expect("R", b"\x03"), CLOSE],
     vector_board, board(edited + [VECTOR[1]]), installed=["main.py", "lib/util.py"], reset=True)

case("v2-success-list", "The client's cache does not match S: L, and M is the manifest of PROTOCOL.md's"
     " test vector, byte for byte.",
     proven(VECTOR) + [send("L", b""), expect("M", manifest(VECTOR)), send("U", nothing), expect("K"),
                       send("P", b""), expect("R", b"\x00"), CLOSE],
     vector_board, installed=VECTOR_PATHS)

changed_by_hand = [("main.py", b"print('changed on the board')\n"), VECTOR[1]]
case("v2-manifest-current-content", "main.py was changed on the board by other means and empty.txt removed:"
     " S and M describe the files as they are now, so the client cannot skip main.py wrongly.",
     hello() + [{"op": "v2SendProof"}, expect("S", state(changed_by_hand)), send("L", b""),
                expect("M", manifest(changed_by_hand)), send("U", nothing), expect("K"), send("P", b""),
                expect("R", b"\x00"), CLOSE],
     board(changed_by_hand, installed=VECTOR_PATHS), installed=VECTOR_PATHS)

small = [("big.txt", b"".join(b"line %04d of a file larger than the window\n" % i
                                                for i in range(100)))]
small_payload = deflate(small[0][1], 10)
case("v2-success-small-window", "A board that announces a 1 KiB window (wbits 10) inflates a 4 KiB file"
     " compressed within it.",
     proven([], wbits=10) + [send("U", update_meta(small, small_payload)), expect("K"), send("P", small_payload),
                             expect("R", b"\x03"), CLOSE],
     fresh, board(small), installed=["big.txt"], reset=True, device={"windowBits": 10})

case("v2-success-after-wrong-v1-response", "The opening after a wrong v1 response (any attempt) still opens v2.",
     [{"op": "expectChallenge"}, {"op": "respond", "password": "wrong"}, data_step("expect", b"AUTH_FAIL")]
     + hello() + [{"op": "v2SendProof"}, expect("S", state([])), send("U", nothing),
                                    expect("K"), send("P", b""), expect("R", b"\x00"), CLOSE],
     fresh)

case("v2-success-v1-off", "With v1 off, H says so (flags 1) and a v2 client updates the board.",
     proven([], flags=1) + [send("U", update_meta(VECTOR, payload)), expect("K"), send("P", payload),
                            expect("R", b"\x03"), CLOSE],
     fresh, board(VECTOR), installed=VECTOR_PATHS, reset=True, device={"v1": False})

# --- v1 off: a downgrade gets nothing -----------------------------------------------------------------------------
auth_fail = data_step("expect", b"AUTH_FAIL")
case("v2-downgrade-v1-off", "v1 is off: a right v1 response (what a downgrading machine on the path would"
     " collect) is refused as a wrong one, three times, then the board closes; nothing is written.",
     [{"op": "expectChallenge"}, {"op": "respond", "password": PASSWORD}, auth_fail] * 3 + [CLOSE],
     fresh, device={"v1": False})

# --- proofs ---------------------------------------------------------------------------------------------------------
case("v2-client-wrong-password", "A client that cannot prove the password gets A and the board closes; nothing"
     " of the board's files is described or written.",
     hello() + [{"op": "v2SendProof", "password": "guess"}, expect("A"), CLOSE], vector_board)

case("v2-replayed-client-proof", "A client proof recorded from another session (PROTOCOL.md's vector) is"
     " refused: both nonces are in the proof.",
     hello() + [{"op": "v2SendProof", "proofHex": RECORDED_CLIENT_PROOF}, expect("A"), CLOSE], vector_board)

case("v2-board-cannot-prove", "The board's proof does not verify with the client's password (not this board, or"
     " another password): the client sends nothing more and stops; the board writes nothing.",
     hello(password="another password", valid=False) + [CUT, CLOSE], vector_board)

case("v2-opening-not-hex", "The prefix followed by anything but 48 lowercase hex characters is a wrong"
     " response: AUTH_FAIL and a new challenge.",
     [{"op": "expectChallenge"}, data_step("send", b"OTA protocol v2 " + b"A" * 48), auth_fail,
      {"op": "expectChallenge"}, CUT, CLOSE], fresh)

# --- tampering: F, old files intact --------------------------------------------------------------------------------
meta = update_meta(VECTOR, payload)
case("v2-tampered-metadata", "A byte of U changed on the way: the MAC fails, F, nothing written.",
     proven(VECTOR) + [send("U", meta, flipByte=meta.index(b"main.py"))] + FAIL,
     vector_board, installed=VECTOR_PATHS)

case("v2-tampered-payload", "A byte of P changed on the way (it would still inflate): the MAC fails before"
     " anything is inflated, F, the old files intact.",
     proven([]) + [send("U", meta), expect("K"), send("P", payload, flipByte=len(payload) // 2)] + FAIL,
     fresh)

case("v2-replayed-frame", "U with the MAC of a recorded session (PROTOCOL.md's vector key): F.",
     proven(VECTOR) + [send("U", meta, sessionKeyHex=RECORDED_SESSION_KEY)] + FAIL,
     vector_board, installed=VECTOR_PATHS)

case("v2-repeated-frame", "P MAC'd with the sequence number of U (a frame repeated or reordered): F.",
     proven([]) + [send("U", meta), expect("K"), send("P", payload, seq=0)] + FAIL, fresh)

case("v2-unexpected-frame", "P where U is due: F.",
     proven([]) + [send("P", payload)] + FAIL, fresh)

# --- the plan: F before K ----------------------------------------------------------------------------------------
case("v2-delete-not-installed", "A delete of a file the board's own code made (not in the installed list): F,"
     " nothing deleted.",
     proven(VECTOR) + [send("U", update_meta([], b"", delete=["keep.txt"]))] + FAIL,
     vector_board, installed=VECTOR_PATHS)

case("v2-delete-and-write", "A path both written and deleted: F.",
     proven(VECTOR) + [send("U", update_meta(edited, edited_payload, delete=["main.py"]))] + FAIL,
     vector_board, installed=VECTOR_PATHS)

case("v2-no-space", "compressed_size + total_uncompressed above the free space announced in S: F.",
     proven([], free=0) + [send("U", meta)] + FAIL, fresh, device={"freeBytes": 0})

case("v2-files-without-payload", "Files listed with compressed_size 0: F.",
     proven([]) + [send("U", update_meta([("a.txt", b"")], b""))] + FAIL, fresh)

here = os.path.dirname(os.path.abspath(__file__))
target = os.path.join(here, "..", "resources", "byte-streams", "v2-extra-cases.json")
with open(target, "w") as f:
    json.dump({"version": 1, "cases": cases}, f, indent=1)
    f.write("\n")
print("wrote %d cases to %s" % (len(cases), os.path.normpath(target)))
