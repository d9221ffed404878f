#!/usr/bin/env python3
"""Writes src/test/resources/byte-streams/cases.json: byte streams to replay against any OTA device.

Each case says what to send, what the device must reply (byte for byte) and which files the device
must hold afterwards. A replayer needs no knowledge of the protocol beyond the steps below, so the same
cases run against the MicroPython server (in its WebAssembly harness) and the Java device runtime.

Case fields:
  name, description
  password        the device's OTA password
  device          settings the device must be started with: timeoutMillis (its receive timeout, only
                  for cases that wait for it), freeBytes (the free space it reports); absent = defaults
  before          files on the device before the session: {path: {"text": ...} | {"hex": ...}}
  steps           in order:
                    {"op": "expectChallenge"}           read 8 bytes: lowercase hex
                    {"op": "respond", "password": P}    send hex(sha256(last challenge + P)); with
                                                        "uppercase": true in upper-case hex; with
                                                        "split": N in N writes
                    {"op": "send", "text"|"hex": ...}   send these bytes (one write)
                    {"op": "expect", "text": W}         read exactly len(W) bytes; they must be W
                    {"op": "shutdownOutput"}            the client stops sending (TCP half-close)
                    {"op": "expectClose"}               the device closes: end of stream, nothing more
  after           every file on the device after the session, same form as before
  reset           whether the device resets after the session

Run from the module folder: python3 src/test/python/generate_byte_streams.py
"""

import hashlib
import json
import os
import zlib

PASSWORD = "secret"
OLD = {"main.py": "print('old')\n", "keep.txt": "untouched\n"}
VECTOR = [("main.py", b"print('hello')\n"), ("lib/util.py", b"def f():\n    return 42\n"), ("empty.txt", b"")]


def deflate(data):
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
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


def meta_for(files, payload, digest=None):
    meta = {"compressed_size": len(payload), "total_uncompressed": sum(len(d) for _, d in files),
            "files": [{"path": p, "size": len(d)} for p, d in files]}
    if digest is not None:
        # Extension "content digest" (docs/PROTOCOL.md), after "files" as our client writes it.
        meta["content_sha256"] = digest
    return json.dumps(meta, separators=(",", ":"))


def content_sha256(files):
    return hashlib.sha256(b"".join(d for _, d in files)).hexdigest()


def header(n):
    return "%10d" % n


def auth_ok():
    return [{"op": "expectChallenge"}, {"op": "respond", "password": PASSWORD}, {"op": "expect", "text": "OK"}]


def send(data):
    if isinstance(data, str):
        data = data.encode()
    try:
        return {"op": "send", "text": data.decode("ascii")}
    except UnicodeDecodeError:
        return {"op": "send", "hex": data.hex()}


def expect(word):
    return {"op": "expect", "text": word}


CLOSE = {"op": "expectClose"}
CUT = {"op": "shutdownOutput"}

cases = []


def case(name, description, steps, after=None, before=None, reset=False, device=None):
    before = OLD if before is None else before
    c = {"name": name, "description": description, "password": PASSWORD}
    if device:
        c["device"] = device
    c["before"] = files_map(before)
    c["steps"] = steps
    c["after"] = files_map(before if after is None else after)
    c["reset"] = reset
    cases.append(c)


def updated(files, before=None):
    out = dict(OLD if before is None else before)
    for p, d in files:
        out[p] = d
    return out


def full_update(files, meta=None, payload=None):
    payload = deflate(b"".join(d for _, d in files)) if payload is None else payload
    meta = meta_for(files, payload) if meta is None else meta
    return auth_ok() + [send(header(len(meta.encode()))), expect("OK"), send(meta), expect("OK"), send(payload)]


def metadata_fails(name, description, meta, before=None):
    case(name, description, auth_ok() + [send(header(len(meta.encode()))), expect("OK"), send(meta),
                                         expect("FAIL"), CLOSE], before=before)


def payload_fails(name, description, files, payload, meta=None, extra=()):
    steps = full_update(files, meta, payload) + list(extra) + [expect("FAIL"), CLOSE]
    case(name, description, steps)


# --- successes -------------------------------------------------------------------------------------
case("success-protocol-vector", "The three files of PROTOCOL.md's payload vector; other files stay.",
     full_update(VECTOR) + [expect("UPDATE_SUCCESS"), CLOSE], after=updated(VECTOR), reset=True)

payload = deflate(b"".join(d for _, d in VECTOR))
meta = meta_for(VECTOR, payload)
case("success-pipelined", "Length, metadata and payload in one write: OK, OK, UPDATE_SUCCESS.",
     auth_ok() + [send((header(len(meta)) + meta).encode() + payload),
                  expect("OK"), expect("OK"), expect("UPDATE_SUCCESS"), CLOSE],
     after=updated(VECTOR), reset=True)

steps = [{"op": "expectChallenge"}, {"op": "respond", "password": PASSWORD, "split": 3}]
steps += [expect("OK"), send(header(len(meta))[:4]), send(header(len(meta))[4:]), expect("OK"),
          send(meta[:7]), send(meta[7:20]), send(meta[20:]), expect("OK")]
steps += [send(payload[i:i + 5]) for i in range(0, len(payload), 5)]
steps += [expect("UPDATE_SUCCESS"), CLOSE]
case("success-split-messages", "Every message arrives in pieces; the device reads exactly, not once.",
     steps, after=updated(VECTOR), reset=True)

deep = [("pkg/sub/x.py", b"x = 1\n"), ("pkg/z.py", b"z = 2\n"), ("a/b/c/d/e.py", b"e = 5\n")]
case("success-nested-folders", "Folders are created recursively and in any order of the files.",
     full_update(deep) + [expect("UPDATE_SUCCESS"), CLOSE], after=updated(deep), reset=True)

binary = [("data/blob.bin", bytes(range(256)) * 40), ("main.py", b"import data\n")]
case("success-binary-and-overwrite", "A binary file in a new folder, and main.py overwritten.",
     full_update(binary) + [expect("UPDATE_SUCCESS"), CLOSE], after=updated(binary), reset=True)

EMPTY = '{"compressed_size":0,"total_uncompressed":0,"files":[]}'
case("success-empty-update", "No files and an empty payload: the device accepts it and resets.",
     auth_ok() + [send(header(len(EMPTY))), expect("OK"), send(EMPTY),
                  expect("OK"), expect("UPDATE_SUCCESS"), CLOSE], reset=True)

empties = [("a.txt", b""), ("dir/b.txt", b"")]
m = meta_for(empties, b"")
case("success-only-empty-files", "Files that are all empty need no payload bytes at all.",
     auth_ok() + [send(header(len(m))), expect("OK"), send(m), expect("OK"), expect("UPDATE_SUCCESS"), CLOSE],
     after=updated(empties), reset=True)

case("success-second-attempt", "A wrong response, then a new challenge and the right one.",
     [{"op": "expectChallenge"}, {"op": "respond", "password": "wrong"}, expect("AUTH_FAIL")]
     + full_update(VECTOR) + [expect("UPDATE_SUCCESS"), CLOSE], after=updated(VECTOR), reset=True)

m = json.dumps({"compressed_size": len(payload), "total_uncompressed": 38, "extra": {"nested": [1, 2]},
                "files": [{"path": p, "size": len(d), "full_path": "/home/dev/src/" + p, "mode": 420}
                          for p, d in VECTOR]})
case("success-reference-client-metadata", "The reference client's separators and full_path; unknown keys ignored.",
     full_update(VECTOR, meta=m) + [expect("UPDATE_SUCCESS"), CLOSE], after=updated(VECTOR), reset=True)

case("success-length-leading-plus", "The length header may carry a '+' sign.",
     auth_ok() + [send(("+%d" % len(meta)).rjust(10)), expect("OK"), send(meta), expect("OK"), send(payload),
                  expect("UPDATE_SUCCESS"), CLOSE], after=updated(VECTOR), reset=True)

case("success-bytes-after-payload-unread", "Bytes after compressed_size are never read: the update succeeds.",
     full_update(VECTOR) + [send("garbage after the payload"), expect("UPDATE_SUCCESS"), CLOSE],
     after=updated(VECTOR), reset=True)

# --- authentication --------------------------------------------------------------------------------
wrong = []
for _ in range(3):
    wrong += [{"op": "expectChallenge"}, {"op": "respond", "password": "wrong"}, expect("AUTH_FAIL")]
case("auth-wrong-password-three-times", "AUTH_FAIL three times, then the device closes without a new challenge.",
     wrong + [CLOSE])

case("auth-uppercase-response", "The comparison is exact: upper-case hex of the right digest fails.",
     [{"op": "expectChallenge"}, {"op": "respond", "password": PASSWORD, "uppercase": True}, expect("AUTH_FAIL"),
      {"op": "expectChallenge"}, CUT, CLOSE])

case("cut-before-response", "The client stops before answering the challenge: the device closes silently.",
     [{"op": "expectChallenge"}, CUT, CLOSE])

case("cut-mid-response", "Half a response, then the client stops: the device closes silently.",
     [{"op": "expectChallenge"}, send("0" * 30), CUT, CLOSE])

case("auth-silent-client-times-out", "A client that says nothing is closed after the device's timeout.",
     [{"op": "expectChallenge"}, CLOSE], device={"timeoutMillis": 1500})
case("auth-response-not-utf8", "A response of 64 bytes that are not UTF-8 is a wrong response: AUTH_FAIL.",
     [{"op": "expectChallenge"}, send(b"\xff" * 64), expect("AUTH_FAIL"), {"op": "expectChallenge"}, CUT, CLOSE])
case("auth-stalls-mid-response", "Half a response, then silence: closed after the device's timeout, nothing sent.",
     [{"op": "expectChallenge"}, send("0" * 30), CLOSE], device={"timeoutMillis": 1000})

# --- length header -----------------------------------------------------------------------------------
for name, field, why in [("length-not-integer", "abc       ", "letters"),
                         ("length-blank", "          ", "only spaces"),
                         ("length-negative", "        -5", "a negative number"),
                         ("length-fraction", "      12.5", "a fraction"),
                         ("length-over-limit", "   1048577", "more than the 1 MiB bound")]:
    case(name, "A length field of %s: FAIL." % why, auth_ok() + [send(field), expect("FAIL"), CLOSE])

case("cut-before-length", "The client stops right after authentication: FAIL.", auth_ok() + [CUT, expect("FAIL"), CLOSE])
case("cut-mid-length", "Half a length field, then the client stops: FAIL.",
     auth_ok() + [send("     "), CUT, expect("FAIL"), CLOSE])
case("length-stalls", "Half a length field, then silence: FAIL after the device's timeout.",
     auth_ok() + [send("     "), expect("FAIL"), CLOSE], device={"timeoutMillis": 1000})

# --- metadata ----------------------------------------------------------------------------------------
metadata_fails("metadata-not-json", "Metadata that is not JSON: OK for the length, then FAIL.", "{not json}")
metadata_fails("metadata-trailing-comma", "A trailing comma is not JSON (MicroPython's json would accept it).",
               '{"compressed_size":0,"total_uncompressed":0,"files":[],}')
metadata_fails("metadata-missing-separator", "A missing ',' is not JSON (MicroPython's json would accept it).",
               '{"compressed_size":0 "total_uncompressed":0,"files":[]}')
metadata_fails("metadata-duplicate-key", "A key twice in one object is refused.",
               '{"compressed_size":0,"compressed_size":0,"total_uncompressed":0,"files":[]}')
metadata_fails("metadata-leading-zero", "A number with a leading zero is not JSON.",
               '{"compressed_size":00,"total_uncompressed":0,"files":[]}')
metadata_fails("metadata-not-an-object", "Metadata must be an object.", '[1,2,3]')
metadata_fails("metadata-missing-files", "The key 'files' is required.", '{"compressed_size":0,"total_uncompressed":0}')
metadata_fails("metadata-too-deep", "Nesting deeper than 32 is refused.",
               '{"compressed_size":0,"total_uncompressed":0,"files":[],"x":' + "[" * 40 + "]" * 40 + "}")
bad_utf8 = b'{"compressed_size":0,"total_uncompressed":0,"files":[],"x":"\xff"}'
case("metadata-invalid-utf8", "Metadata must be UTF-8.",
     auth_ok() + [send(header(len(bad_utf8))), expect("OK"), send(bad_utf8), expect("FAIL"), CLOSE])


def one_file(path, size=5, compressed=7, total=None, extra=""):
    return ('{"compressed_size":%d,"total_uncompressed":%s,"files":[{"path":%s,"size":%s}]%s}'
            % (compressed, size if total is None else total, json.dumps(path), size, extra))


for name, path, why in [("path-parent-segment", "../evil.py", "a '..' segment"),
                        ("path-absolute", "/main.py", "an absolute path"),
                        ("path-backslash", "lib\\\\x.py", "a backslash"),
                        ("path-empty-segment", "lib//x.py", "an empty segment"),
                        ("path-trailing-slash", "lib/", "a trailing '/'"),
                        ("path-dot-segment", "./main.py", "a '.' segment"),
                        ("path-drive-letter", "C:main.py", "a drive letter"),
                        ("path-control-character", "a\\u0001b.py", "a control character"),
                        ("path-empty", "", "an empty path"),
                        ("path-long-name", "x" * 256, "a name longer than 255 bytes"),
                        ("path-reserved-work-folder", ".ota/stage/main.py", "the device's own staging folder"),
                        ("path-reserved-installed-list", ".ota_installed.json",
                         "the name of the device's list of files that v2 updates installed")]:
    meta = one_file(path) if "\\" not in path else one_file("X").replace('"X"', '"%s"' % path)
    metadata_fails("metadata-" + name, "A path with %s is refused before anything is written." % why, meta)

for name, size, why in [("size-string", '"5"', "a string"), ("size-fraction", "5.0", "a fraction"),
                        ("size-negative", "-5", "negative"), ("size-boolean", "true", "a boolean"),
                        ("size-huge", str(1 << 62), "2^62 or more")]:
    metadata_fails("metadata-" + name, "A size that is %s is refused." % why,
                   '{"compressed_size":7,"total_uncompressed":5,"files":[{"path":"main.py","size":%s}]}' % size)

metadata_fails("metadata-total-mismatch", "total_uncompressed must be the sum of the sizes.",
               one_file("main.py", size=5, total=6))
metadata_fails("metadata-duplicate-path", "A path listed twice is refused.",
               '{"compressed_size":7,"total_uncompressed":2,"files":[{"path":"a.py","size":1},{"path":"a.py","size":1}]}')
metadata_fails("metadata-file-and-folder", "A path that is a file and also the folder of another is refused.",
               '{"compressed_size":7,"total_uncompressed":2,"files":[{"path":"a","size":1},{"path":"a/b.py","size":1}]}')
metadata_fails("metadata-target-is-folder", "A file cannot replace a folder that is on the device.",
               one_file("lib"), before=dict(OLD, **{"lib/util.py": "old\n"}))
metadata_fails("metadata-folder-is-file", "A folder cannot be made where the device has a file.",
               one_file("keep.txt/x.py"))
case("metadata-empty", "A length of 0: OK, then FAIL (empty metadata).",
     auth_ok() + [send(header(0)), expect("OK"), expect("FAIL"), CLOSE])
case("cut-mid-metadata", "Half the metadata, then the client stops: FAIL after the OK of the length.",
     auth_ok() + [send(header(100)), expect("OK"), send('{"compressed_size":'), CUT, expect("FAIL"), CLOSE])
case("cut-before-metadata", "The client stops after the length's OK: FAIL.",
     auth_ok() + [send(header(100)), expect("OK"), CUT, expect("FAIL"), CLOSE])
case("metadata-stalls", "Half the metadata, then silence: FAIL after the device's timeout.",
     auth_ok() + [send(header(100)), expect("OK"), send('{"compressed_size":'), expect("FAIL"), CLOSE],
     device={"timeoutMillis": 1000})

big = '{"compressed_size":1000000,"total_uncompressed":1000000,"files":[{"path":"main.py","size":1000000}]}'
case("no-space", "More than the free space: OK for the metadata, then FAIL; nothing written.",
     auth_ok() + [send(header(len(big))), expect("OK"), send(big), expect("OK"), expect("FAIL"), CLOSE],
     device={"freeBytes": 100000})

# --- payload -----------------------------------------------------------------------------------------
NEW = [("main.py", b"print('new')\n"), ("lib/util.py", b"def f():\n    return 42\n")]
good = deflate(b"".join(d for _, d in NEW))
total = sum(len(d) for _, d in NEW)

case("cut-before-payload", "The client stops after the metadata's OK: FAIL; old files untouched.",
     full_update(NEW, meta=meta_for(NEW, good), payload=b"")[:-1] + [CUT, expect("FAIL"), CLOSE])
case("cut-mid-payload", "Half the payload, then the client stops: FAIL; old files untouched.",
     full_update(NEW, meta=meta_for(NEW, good), payload=good[:len(good) // 2]) + [CUT, expect("FAIL"), CLOSE])
case("payload-stalls", "The client stalls in the payload: FAIL after the device's timeout; old files untouched.",
     full_update(NEW, meta=meta_for(NEW, good), payload=good[:len(good) // 2]) + [expect("FAIL"), CLOSE],
     device={"timeoutMillis": 1500})
case("payload-never-starts", "Silence after the metadata's OK: FAIL after the device's timeout; old files untouched.",
     full_update(NEW, meta=meta_for(NEW, good), payload=b"")[:-1] + [expect("FAIL"), CLOSE],
     device={"timeoutMillis": 1000})
payload_fails("payload-sizes-too-large", "The sizes add up to more than the stream holds: FAIL, nothing applied.",
              [("main.py", b"x" * 5), ("lib/util.py", b"y" * (total + 10 - 5))], good,
              meta=meta_for([("main.py", b"x" * 5), ("lib/util.py", b"y" * (total + 10 - 5))], good))
payload_fails("payload-sizes-too-small", "The stream holds more than the sizes: FAIL (the reference cuts silently).",
              NEW, good, meta=meta_for([("main.py", b"x" * 5), ("lib/util.py", b"y" * 5)], good))
corrupt = b"\xff" * len(good)
payload_fails("payload-corrupt", "Bytes that are not a deflate stream: FAIL; old files untouched.",
              NEW, corrupt, meta=meta_for(NEW, corrupt))
truncated = good[:-3]
payload_fails("payload-truncated-stream", "A deflate stream that stops early: FAIL; old files untouched.",
              NEW, truncated, meta=meta_for(NEW, truncated))
trailing = good + b"\x00\x01\x02"
payload_fails("payload-trailing-bytes", "Bytes after the end of the deflate stream inside compressed_size: FAIL.",
              NEW, trailing, meta=meta_for(NEW, trailing))
zlib_wrapped = zlib.compress(b"".join(d for _, d in NEW), 9)
payload_fails("payload-zlib-header", "A zlib stream where raw deflate is expected: FAIL.",
              NEW, zlib_wrapped, meta=meta_for(NEW, zlib_wrapped))
m = '{"compressed_size":0,"total_uncompressed":5,"files":[{"path":"main.py","size":5}]}'
case("payload-empty-for-data", "An empty payload for files that are not empty: FAIL.",
     auth_ok() + [send(header(len(m))), expect("OK"), send(m), expect("OK"), expect("FAIL"), CLOSE])

# --- extension "content digest" ---------------------------------------------------------------------------
case("success-content-digest", "content_sha256 matches the files' bytes: the update is applied.",
     full_update(VECTOR, meta=meta_for(VECTOR, payload, content_sha256(VECTOR)))
     + [expect("UPDATE_SUCCESS"), CLOSE], after=updated(VECTOR), reset=True)
case("success-content-digest-empty-update", "No files: content_sha256 is the SHA-256 of no bytes.",
     full_update([], meta=meta_for([], b"", content_sha256([])), payload=b"")[:-1]
     + [expect("UPDATE_SUCCESS"), CLOSE], reset=True)
payload_fails("payload-content-digest-mismatch",
              "A valid stream whose content is not what content_sha256 says: FAIL; old files untouched.",
              NEW, good, meta=meta_for(NEW, good, content_sha256(VECTOR)))
# A byte changed in transit inside a stored block still inflates to the listed sizes: only the digest sees it.
stored = zlib.compressobj(0, zlib.DEFLATED, -15)
stored = stored.compress(b"".join(d for _, d in NEW)) + stored.flush()
changed = bytearray(stored)
changed[5 + 8] ^= 0x20
changed = bytes(changed)
assert zlib.decompress(changed, -15) != b"".join(d for _, d in NEW) and len(zlib.decompress(changed, -15)) == total
payload_fails("payload-changed-byte-caught-by-content-digest",
              "One byte changed in a stored block: the stream inflates to the sizes, the digest refuses it.",
              NEW, changed, meta=meta_for(NEW, changed, content_sha256(NEW)))
for name, value, why in [("short", "abc", "3 hex characters"),
                         ("long", content_sha256(NEW) + "0", "65 hex characters"),
                         ("uppercase", content_sha256(NEW).upper(), "upper-case hex"),
                         ("not-hex", "g" * 64, "64 characters that are not hex"),
                         ("integer", 12345, "an integer"),
                         ("null", None, "null")]:
    metadata_fails("metadata-content-digest-" + name,
                   "A content_sha256 of %s is refused at the metadata; nothing written." % why,
                   meta_for(NEW, good, value) if value is not None
                   else meta_for(NEW, good)[:-1] + ',"content_sha256":null}')

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "byte-streams", "cases.json")
names = [c["name"] for c in cases]
assert len(names) == len(set(names)), "case names must be unique"
with open(out, "w", encoding="utf-8") as f:
    json.dump({"version": 1, "cases": cases}, f, indent=1, ensure_ascii=True)
    f.write("\n")
print("wrote %d cases to %s" % (len(cases), os.path.normpath(out)))
