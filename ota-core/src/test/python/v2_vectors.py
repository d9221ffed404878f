#!/usr/bin/env python3
"""Computes the test vectors of "Protocol v2" (docs/PROTOCOL.md) with CPython's hashlib and hmac only.

It shares no code with the Java implementation: the Java tests read the JSON this prints and check that
ota-core derives the same key, proofs, session key, MACs and manifest digest from the same inputs.

Run from ota-core:  python3 src/test/python/v2_vectors.py > src/test/resources/v2/vectors.json
"""

import hashlib
import hmac
import json
import struct

PASSWORD = "secret"
SALT = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
ITERATIONS = 1000
CHALLENGE = b"0a1b2c3d"
CLIENT_NONCE = bytes(range(0x10, 0x28))        # 24 bytes
BOARD_NONCE = bytes(range(0x40, 0x58))         # 24 bytes
FLAGS = 0
WBITS = 10
MAGIC = b"OTA protocol v2 "


def h(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()


def frame_mac(session, direction, seq, ftype, body):
    return h(session, direction + struct.pack(">I", seq) + ftype + struct.pack(">I", len(body)) + body)


def manifest(entries):
    out = b""
    for path, data in sorted(entries, key=lambda e: e[0].encode()):
        p = path.encode()
        out += struct.pack(">H", len(p)) + p + struct.pack(">I", len(data)) + hashlib.sha256(data).digest()
    return out


def main():
    key = hashlib.pbkdf2_hmac("sha256", PASSWORD.encode(), SALT, ITERATIONS, 32)
    opening = MAGIC + CLIENT_NONCE.hex().encode()
    assert len(opening) == 64
    hello_head = bytes([FLAGS, WBITS]) + struct.pack(">I", ITERATIONS) + bytes([len(SALT)]) + SALT + BOARD_NONCE
    transcript = CHALLENGE + opening + hello_head
    board_proof = h(key, b"ota-v2 board" + transcript)
    client_proof = h(key, b"ota-v2 client" + transcript)
    session = h(key, b"ota-v2 session" + transcript)
    hello_body = hello_head + board_proof
    hello_frame = b"H" + struct.pack(">I", len(hello_body)) + hello_body
    client_frame = b"C" + struct.pack(">I", 32) + client_proof

    files = [("main.py", b"print('hello')\n"), ("lib/util.py", b"def f():\n    return 42\n"), ("empty.txt", b"")]
    man = manifest(files)
    digest = hashlib.sha256(man).digest()
    state_body = digest + struct.pack(">H", len(files)) + struct.pack(">I", 1048576)
    meta = (b'{"compressed_size":38,"total_uncompressed":38,"files":[{"path":"main.py","size":15},'
            b'{"path":"lib/util.py","size":23},{"path":"empty.txt","size":0}]}')
    payload = bytes.fromhex("2b28cacc2bd150cf48cdc9c957d7e44a494d5348d3d0b4e2520082a2d492d2a23c0513232e00")
    result_body = bytes([3])
    vectors = {
        "password": PASSWORD, "salt": SALT.hex(), "iterations": ITERATIONS,
        "challenge": CHALLENGE.decode(), "clientNonce": CLIENT_NONCE.hex(), "boardNonce": BOARD_NONCE.hex(),
        "flags": FLAGS, "wbits": WBITS,
        "opening": opening.decode(),
        "key": key.hex(),
        "transcript": transcript.hex(),
        "boardProof": board_proof.hex(), "clientProof": client_proof.hex(), "sessionKey": session.hex(),
        "helloFrame": hello_frame.hex(), "clientProofFrame": client_frame.hex(),
        "manifest": man.hex(), "manifestDigest": digest.hex(),
        "stateBody": state_body.hex(), "stateMac": frame_mac(session, b"B", 0, b"S", state_body).hex(),
        "metadata": meta.decode(), "metadataMac": frame_mac(session, b"C", 0, b"U", meta).hex(),
        "okMac": frame_mac(session, b"B", 1, b"K", b"").hex(),
        "payload": payload.hex(), "payloadMac": frame_mac(session, b"C", 1, b"P", payload).hex(),
        "resultBody": result_body.hex(), "resultMac": frame_mac(session, b"B", 2, b"R", result_body).hex(),
        "emptyManifestDigest": hashlib.sha256(b"").hexdigest(),
    }
    print(json.dumps(vectors, indent=1))


if __name__ == "__main__":
    main()
