#!/usr/bin/env python3
"""An independent peer for the socket OTA wire contract (PROTOCOL.md, v1), Python standard library only.

It exists to prove interoperability: it shares no code with the Java implementation, and it inflates and
deflates with CPython's zlib where the Java side uses jzlib.

Roles
-----
client   Pushes a folder to a device, the way the reference ``ota_client.py`` does: reads the challenge,
         answers ``hex(SHA-256(challenge + password))``, sends the ``'%10d'`` length header, the metadata
         (with the reference's ``", "``/``": "`` separators) and ONE raw deflate stream made with
         ``zlib.compressobj(9, zlib.DEFLATED, -15)``, in 1024-byte chunks. Prints the device's final word on
         stdout and exits 0 only on ``UPDATE_SUCCESS``::

             python3 ota_peer.py client --host 127.0.0.1 --port 8266 --src ./src --password secret

device   Serves ONE connection as an OTA device and writes the files under an output folder::

             python3 ota_peer.py device --password secret --out ./received

         Listens on 127.0.0.1, port 0 (an ephemeral port) unless told otherwise, and prints ``READY <port>``
         on stdout (flushed) once it accepts connections, so a caller can wait for that line instead of
         sleeping. Runs the device side: a challenge from ``os.urandom``, a constant-time check of the
         response (at most 3 attempts), the length header, the metadata, ``OK``, exactly
         ``compressed_size`` payload bytes, inflation with ``zlib.decompressobj(-15)`` into the output folder
         (folders created recursively), then ``UPDATE_SUCCESS``. Prints the last word it sent on stdout.

Both roles read every message exactly (they do not depend on how TCP splits it) and refuse what the hardened
Java device refuses: paths that leave the output folder, sizes that do not add up, streams that are short,
long or followed by extra bytes.

Exit status: 0 on UPDATE_SUCCESS; 1 when the update failed (the reason is printed on stderr);
2 for a bad command line.
"""

import argparse
import binascii
import getpass
import hashlib
import hmac
import json
import os
import socket
import sys
import zlib

DEFAULT_PORT = 8266
CHALLENGE_LENGTH = 8
RESPONSE_LENGTH = 64
MAX_AUTH_ATTEMPTS = 3
LENGTH_HEADER_SIZE = 10
PAYLOAD_CHUNK_SIZE = 1024
DEFAULT_MAX_METADATA_SIZE = 1024 * 1024
INFLATE_CHUNK_SIZE = 64 * 1024
WORDS = (b"OK", b"AUTH_FAIL", b"FAIL", b"UPDATE_SUCCESS")


class OtaError(Exception):
    """The update failed; the message says where and why."""


# --------------------------------------------------------------------------------------------- shared pieces

def response_for(challenge, password):
    """Step 2: hex(SHA-256(challenge + password)), both as UTF-8, challenge first."""
    return hashlib.sha256(challenge.encode("utf-8") + password.encode("utf-8")).hexdigest()


def recv_exactly(sock, n, what):
    """Reads exactly n bytes, however TCP splits them."""
    data = bytearray()
    while len(data) < n:
        try:
            chunk = sock.recv(min(n - len(data), 65536))
        except socket.timeout:
            raise OtaError("timed out after %d of %d bytes of %s" % (len(data), n, what))
        except OSError as e:
            raise OtaError("connection failed after %d of %d bytes of %s: %s" % (len(data), n, what, e))
        if not chunk:
            raise OtaError("connection closed after %d of %d bytes of %s" % (len(data), n, what))
        data += chunk
    return bytes(data)


def read_word(sock, what):
    """Reads one of the device's words exactly, telling them apart by their first two bytes."""
    head = recv_exactly(sock, 2, what)
    for word in WORDS:
        if word.startswith(head):
            word_read = head + recv_exactly(sock, len(word) - 2, what)
            if word_read != word:
                raise OtaError("unexpected reply %r while waiting for %s" % (word_read, what))
            return word.decode("ascii")
    raise OtaError("unexpected reply %r while waiting for %s" % (head, what))


def path_problem(path):
    """Why a metadata path is unsafe to write, or None (the rules of the hardened device)."""
    if not path:
        return "path is empty"
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in path):
        return "path contains a control character"
    if "\\" in path:
        return "path contains a backslash"
    if path.startswith("/"):
        return "path is absolute"
    if len(path) >= 2 and path[1] == ":" and path[0].isalpha():
        return "path starts with a drive letter"
    for segment in path.split("/"):
        if segment in ("", ".", ".."):
            return "path has an empty, '.' or '..' segment"
    return None


# ---------------------------------------------------------------------------------------------------- client

def select_files(src):
    """Every regular file under src, in the order a reference board needs: within a folder its files by name,
    then its subfolders by name. pymakr.conf's py_ignore entries drop every path that contains them. Links
    are not followed. Unlike the reference client, a missing pymakr.conf means nothing is ignored."""
    ignore = []
    conf = os.path.join(src, "pymakr.conf")
    if os.path.exists(conf):
        try:
            with open(conf, "rb") as f:
                ignore = json.loads(f.read().decode("utf-8")).get("py_ignore") or []
        except (ValueError, AttributeError) as e:
            raise OtaError("%s is not a JSON object with a py_ignore list: %s" % (conf, e))
    selected = []

    def walk(folder, prefix):
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
        for e in entries:
            rel = prefix + e.name
            if e.is_file(follow_symlinks=False) and not any(p in rel for p in ignore):
                selected.append((rel, e.path))
        for e in entries:
            if e.is_dir(follow_symlinks=False):
                walk(e.path, prefix + e.name + "/")

    if not os.path.isdir(src):
        raise OtaError("source folder %s does not exist" % src)
    walk(src, "")
    return selected


def pack(files, full_path):
    """One raw deflate stream of every file, in order, and the metadata that describes it."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = []
    entries = []
    total = 0
    for rel, local in files:
        with open(local, "rb") as f:
            content = f.read()
        parts.append(compressor.compress(content))
        entry = {"path": rel, "size": len(content)}
        if full_path:
            entry["full_path"] = os.path.abspath(local)
        entries.append(entry)
        total += len(content)
    parts.append(compressor.flush(zlib.Z_FINISH))
    payload = b"".join(parts)
    metadata = {"compressed_size": len(payload), "total_uncompressed": total, "files": entries}
    return json.dumps(metadata).encode("utf-8"), payload


def run_client(args):
    password = args.password if args.password is not None else getpass.getpass("OTA password: ")
    metadata, payload = pack(select_files(args.src), args.full_path)
    try:
        sock = socket.create_connection((args.host, args.port), timeout=args.timeout)
    except OSError as e:
        raise OtaError("cannot connect to %s:%d: %s" % (args.host, args.port, e))
    with sock:
        sock.settimeout(args.timeout)
        for attempt in range(1, MAX_AUTH_ATTEMPTS + 1):
            try:
                challenge = recv_exactly(sock, CHALLENGE_LENGTH, "the challenge").decode("ascii")
            except OtaError:
                if attempt > 1:
                    raise OtaError("the device refused the password (AUTH_FAIL %d times)" % (attempt - 1))
                raise
            sock.sendall(response_for(challenge, password).encode("ascii"))
            try:
                word = read_word(sock, "the answer to the response")
            except OtaError:
                if attempt == MAX_AUTH_ATTEMPTS:
                    raise OtaError("the device refused the password (AUTH_FAIL %d times)" % attempt)
                raise
            if word == "OK":
                break
            if word != "AUTH_FAIL":
                raise OtaError("expected OK or AUTH_FAIL after the response, got %s" % word)
        else:
            raise OtaError("the device refused the password (AUTH_FAIL %d times)" % MAX_AUTH_ATTEMPTS)

        sock.sendall(b"%10d" % len(metadata))
        expect_ok(sock, "the metadata length")
        sock.sendall(metadata)
        expect_ok(sock, "the metadata")
        try:
            for i in range(0, len(payload), PAYLOAD_CHUNK_SIZE):
                sock.sendall(payload[i:i + PAYLOAD_CHUNK_SIZE])
        except OSError as e:
            # A device short of space answers FAIL and closes while the payload still streams.
            try:
                last = read_word(sock, "the final word")
            except OtaError:
                raise OtaError("connection failed while sending the payload: %s" % e)
            print(last, flush=True)
            raise OtaError("the device answered %s while the payload was streaming" % last)
        last = read_word(sock, "the final word")
        print(last, flush=True)
        if last != "UPDATE_SUCCESS":
            raise OtaError("the device answered %s after the payload" % last)


def expect_ok(sock, what):
    word = read_word(sock, "the answer to " + what)
    if word != "OK":
        print(word, flush=True)
        raise OtaError("the device answered %s to %s" % (word, what))


# ---------------------------------------------------------------------------------------------------- device

def parse_metadata(raw):
    """The metadata by the hardened device's rules: [(path, size)] and compressed_size."""
    try:
        meta = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise OtaError("metadata is not valid JSON: %s" % e)
    if not isinstance(meta, dict):
        raise OtaError("metadata must be a JSON object")

    def size(obj, key, name):
        if key not in obj:
            raise OtaError("metadata is missing the key %r" % name)
        value = obj[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise OtaError("%r must be a non-negative whole number, got %r" % (name, value))
        return value

    compressed = size(meta, "compressed_size", "compressed_size")
    total = size(meta, "total_uncompressed", "total_uncompressed")
    listed = meta.get("files")
    if not isinstance(listed, list):
        raise OtaError("'files' must be a list")
    files = []
    seen = set()
    for i, f in enumerate(listed):
        if not isinstance(f, dict) or not isinstance(f.get("path"), str):
            raise OtaError("files[%d] must be an object with a string 'path'" % i)
        problem = path_problem(f["path"])
        if problem:
            raise OtaError("files[%d].path %r: %s" % (i, f["path"], problem))
        if f["path"] in seen:
            raise OtaError("path %r is listed twice" % f["path"])
        seen.add(f["path"])
        files.append((f["path"], size(f, "size", "files[%d].size" % i)))
    if sum(s for _, s in files) != total:
        raise OtaError("'total_uncompressed' is %d but the file sizes add up to %d"
                       % (total, sum(s for _, s in files)))
    return compressed, files


def inflated_chunks(payload):
    """The inflated bytes in bounded chunks, so that a deflate bomb never sits in memory whole."""
    inflater = zlib.decompressobj(-15)
    data = payload
    while True:
        try:
            chunk = inflater.decompress(data, INFLATE_CHUNK_SIZE)
        except zlib.error as e:
            raise OtaError("payload is corrupt: %s" % e)
        data = inflater.unconsumed_tail
        if chunk:
            yield chunk
        if inflater.eof:
            if inflater.unused_data:
                raise OtaError("payload has %d bytes after the end of the deflate stream"
                               % len(inflater.unused_data))
            return
        if not chunk and not data:
            if not payload:
                return  # an empty update sends no stream at all
            raise OtaError("payload is short: the deflate stream ends early")


def extract(payload, files, out_dir):
    """Cuts the inflated payload into the listed files under out_dir, each exactly its size."""
    chunks = inflated_chunks(payload)
    pending = b""
    root = os.path.realpath(out_dir)
    for path, size in files:
        target = os.path.join(root, *path.split("/"))
        if os.path.commonpath([root, os.path.realpath(os.path.dirname(target))]) != root:
            raise OtaError("path %r leaves the output folder" % path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            remaining = size
            while remaining:
                if not pending:
                    pending = next(chunks, b"")
                    if not pending:
                        raise OtaError("payload is short: %s has %d of %d bytes" % (path, size - remaining, size))
                n = min(remaining, len(pending))
                f.write(pending[:n])
                pending = pending[n:]
                remaining -= n
    if pending or any(chunks):
        raise OtaError("payload is long: it inflates to more than the listed files")


def run_device(args):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((args.host, args.port))
    server.listen(1)
    server.settimeout(args.accept_timeout)
    print("READY %d" % server.getsockname()[1], flush=True)
    try:
        conn, _ = server.accept()
    except socket.timeout:
        raise OtaError("no client connected within %s s" % args.accept_timeout)
    finally:
        server.close()
    with conn:
        conn.settimeout(args.timeout)
        for attempt in range(1, MAX_AUTH_ATTEMPTS + 1):
            challenge = binascii.hexlify(os.urandom(4))
            conn.sendall(challenge)
            response = recv_exactly(conn, RESPONSE_LENGTH, "the response")
            expected = response_for(challenge.decode("ascii"), args.password).encode("ascii")
            if hmac.compare_digest(response, expected):
                conn.sendall(b"OK")
                break
            conn.sendall(b"AUTH_FAIL")
        else:
            print("AUTH_FAIL", flush=True)
            raise OtaError("the client failed authentication %d times" % MAX_AUTH_ATTEMPTS)

        try:
            field = recv_exactly(conn, LENGTH_HEADER_SIZE, "the metadata length")
            try:
                length = int(field.strip())
            except ValueError:
                raise OtaError("metadata length is not an integer: %r" % field)
            if length < 0 or length > args.max_metadata:
                raise OtaError("metadata length %d is out of range: %r" % (length, field))
            conn.sendall(b"OK")
            compressed_size, files = parse_metadata(recv_exactly(conn, length, "the metadata"))
            conn.sendall(b"OK")
            payload = recv_exactly(conn, compressed_size, "the payload")
            extract(payload, files, args.out)
        except (OtaError, OSError):
            try:
                conn.sendall(b"FAIL")
            except OSError:
                pass
            print("FAIL", flush=True)
            raise
        conn.sendall(b"UPDATE_SUCCESS")
    print("UPDATE_SUCCESS", flush=True)


# ------------------------------------------------------------------------------------------------ command line

def main(argv=None):
    parser = argparse.ArgumentParser(
        prog="ota_peer.py",
        description="An independent client or device for the socket OTA wire contract (PROTOCOL.md v1).")
    roles = parser.add_subparsers(dest="role", required=True, metavar="{client,device}")

    client = roles.add_parser("client", help="push a folder to a device")
    client.add_argument("--host", required=True, help="the device's host name or IP address")
    client.add_argument("--port", type=int, default=DEFAULT_PORT, help="OTA port (default %(default)s)")
    client.add_argument("--src", default="./src", help="folder to push (default %(default)s)")
    client.add_argument("--password", help="OTA password (prompted, not echoed, when absent)")
    client.add_argument("--full-path", action="store_true",
                        help="add each file's absolute local path as 'full_path', as the reference client does")
    client.add_argument("--timeout", type=float, default=10.0,
                        help="seconds to wait for each reply, the last included (default %(default)s)")

    device = roles.add_parser("device", help="serve one push and write its files into a folder")
    device.add_argument("--password", required=True, help="OTA password")
    device.add_argument("--out", required=True, help="folder that receives the files")
    device.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
    device.add_argument("--port", type=int, default=0,
                        help="port to listen on; 0 (the default) picks a free one, printed as READY <port>")
    device.add_argument("--timeout", type=float, default=10.0,
                        help="seconds allowed for each receive, as on a board (default %(default)s)")
    device.add_argument("--accept-timeout", type=float, default=60.0,
                        help="seconds to wait for the client to connect (default %(default)s)")
    device.add_argument("--max-metadata", type=int, default=DEFAULT_MAX_METADATA_SIZE,
                        help="largest metadata accepted, in bytes (default %(default)s)")

    args = parser.parse_args(argv)
    try:
        if args.role == "client":
            run_client(args)
        else:
            run_device(args)
    except OtaError as e:
        print("ota_peer %s: %s" % (args.role, e), file=sys.stderr, flush=True)
        return 1
    except OSError as e:
        print("ota_peer %s: %s" % (args.role, e), file=sys.stderr, flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
