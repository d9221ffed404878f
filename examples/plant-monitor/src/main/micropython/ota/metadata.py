# Steps 4 and 6: the length header and the metadata, parsed and validated by every rule of the hardened
# device (io.github.mpota.core.metadata.MetadataCodec and DevicePath) before a single byte is written. Loaded for
# that phase only (memory.py): what the later phases need of it is the Metadata record and paths.py.

import json

from . import files
from .paths import conflict, parent, path_problem
from .protocol import (CONTENT_SHA256_LENGTH, KEY_COMPRESSED_SIZE, KEY_CONTENT_SHA256, KEY_FILES, KEY_PATH, KEY_SIZE,
                       KEY_TOTAL_UNCOMPRESSED, LENGTH_HEADER_SIZE, Metadata, UpdateError)

MAX_SIZE = 1 << 62
# Files validated between two yields of parse.
FILES_PER_STEP = 8

# What Java's String.strip() removes from the length field (Character.isWhitespace on ISO-8859-1).
_LENGTH_BLANKS = b" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"


_LOWER_HEX = "0123456789abcdef"


def parse_length(field, max_size):
    shown = repr(bytes(field))
    if len(field) != LENGTH_HEADER_SIZE:
        raise UpdateError("metadata length field must be %d bytes, received %d: %s"
                          % (LENGTH_HEADER_SIZE, len(field), shown))
    start, end = 0, len(field)
    while start < end and field[start] in _LENGTH_BLANKS:
        start += 1
    while end > start and field[end - 1] in _LENGTH_BLANKS:
        end -= 1
    text = field[start:end]
    if not text:
        raise UpdateError("metadata length field is blank: " + shown)
    digits = text[1:] if text[0] in b"+-" else text
    if not digits or any(c < 0x30 or c > 0x39 for c in digits):
        raise UpdateError("metadata length is not an integer: " + shown)
    value = int(digits)
    if text[0] == 0x2D and value != 0:
        raise UpdateError("metadata length is negative: " + shown)
    if value > max_size:
        raise UpdateError("metadata length %d exceeds the limit of %d bytes: %s" % (value, max_size, shown))
    return value


def parse(data, keep=()):
    # A generator, as the session is (Server.steps): yields between its stages and returns the Metadata.
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    from .strict_json import check_json
    check_json(data)
    yield "metadata"
    try:
        text = str(data, "utf-8")
    except UnicodeError:
        raise UpdateError("metadata is not valid UTF-8")
    # The raw bytes go as soon as they are text: with the text and the parsed tree they would be a third copy.
    del data
    root = json.loads(text)
    del text
    yield "metadata"
    if type(root) is not dict:
        raise UpdateError("metadata must be a JSON object, received " + _kind(root))
    compressed = _size(root, KEY_COMPRESSED_SIZE, KEY_COMPRESSED_SIZE)
    total = _size(root, KEY_TOTAL_UNCOMPRESSED, KEY_TOTAL_UNCOMPRESSED)
    if KEY_FILES not in root:
        raise UpdateError("metadata is missing the key '%s'" % KEY_FILES)
    listed = root[KEY_FILES]
    if type(listed) is not list:
        raise UpdateError("'%s' must be a list, received %s" % (KEY_FILES, _kind(listed)))
    files = []
    summed = 0
    for i in range(len(listed)):
        entry = listed[i]
        if type(entry) is not dict:
            raise UpdateError("files[%d] must be an object, received %s" % (i, _kind(entry)))
        if KEY_PATH not in entry:
            raise UpdateError("files[%d] is missing the key '%s'" % (i, KEY_PATH))
        path = entry[KEY_PATH]
        if type(path) is not str:
            raise UpdateError("files[%d].path must be a string, received %s" % (i, _kind(path)))
        path = _join_surrogates(path)
        problem = path_problem(path)
        if problem:
            raise UpdateError("files[%d].path %r: %s" % (i, path[:120], problem))
        size = entry.get(KEY_SIZE)
        if type(size) is not int or not 0 <= size < MAX_SIZE:
            # The sentence is made only for a wrong size: one per file would cost a string per file.
            _size(entry, KEY_SIZE, "files[%d].size" % i)
        summed += size
        files.append((path, size))
        if i % FILES_PER_STEP == FILES_PER_STEP - 1:
            yield "metadata"
    if summed != total:
        raise UpdateError("'%s' is %d but the file sizes add up to %d" % (KEY_TOTAL_UNCOMPRESSED, total, summed))
    content = _content_sha256(root)
    extra = {k: root[k] for k in keep if k in root}
    # The parsed tree goes before the last check: only the paths, the sizes and the kept keys stay.
    del root, listed
    yield "metadata"
    problem = conflict([path for path, _ in files])
    if problem:
        raise UpdateError(problem)
    return Metadata(compressed, total, files, content, extra)


def check_targets(root, meta):
    # Before step 7's OK: every path must be free to take, so that nothing fails half way through.
    # (The server's own folder is refused with the other path rules, by metadata.parse.) A generator, as parse is.
    for index in range(len(meta.files)):
        path = meta.files[index][0]
        if index % FILES_PER_STEP == FILES_PER_STEP - 1:
            yield "metadata"
        if files.is_dir(files.join(root, path)):
            raise UpdateError("path %r is a folder on the device; it cannot become a file" % path)
        folder = parent(path)
        while folder:
            target = files.join(root, folder)
            if files.exists(target) and not files.is_dir(target):
                raise UpdateError("path %r needs the folder %r, which is a file on the device" % (path, folder))
            folder = parent(folder)


def _content_sha256(root):
    # Optional; when present exactly 64 lowercase hex characters, as MetadataCodec requires.
    if KEY_CONTENT_SHA256 not in root:
        return None
    v = root[KEY_CONTENT_SHA256]
    rule = ("'%s' must be a string of %d lowercase hex characters (the SHA-256 of the files' content), received "
            % (KEY_CONTENT_SHA256, CONTENT_SHA256_LENGTH))
    if type(v) is not str:
        raise UpdateError(rule + _kind(v) + ("" if v is None else " " + json.dumps(v)[:60]))
    if len(v) != CONTENT_SHA256_LENGTH or any(c not in _LOWER_HEX for c in v):
        raise UpdateError(rule + "%r (%d characters)" % (v[:120], len(v)))
    return v


def _size(obj, key, name):
    if key not in obj:
        raise UpdateError("metadata is missing the key '%s'" % name)
    v = obj[key]
    # bool is an int in Python; JSON true is not a number of bytes.
    if type(v) is not int:
        raise UpdateError("'%s' must be a whole number of bytes, received %s" % (name, _kind(v)))
    if v < 0:
        raise UpdateError("'%s' must not be negative, received %d" % (name, v))
    if v >= MAX_SIZE:
        raise UpdateError("'%s' is too large" % name)
    return v


def _kind(v):
    t = type(v)
    if t is list:
        return "a list"
    if t is dict:
        return "an object"
    if t is str:
        return "a string"
    if t is bool:
        return "a boolean"
    if v is None:
        return "null"
    if t is int:
        return "an integer"
    return "a fractional number"


def _join_surrogates(path):
    # MicroPython's json turns "\ud83d\ude00" into two encoded surrogates; Java reads one character.
    # Join each pair into its 4-byte UTF-8 form so that both devices name the same file.
    raw = path.encode()
    if b"\xed" not in raw:
        return path
    out = bytearray()
    i = 0
    n = len(raw)
    while i < n:
        b = raw[i]
        if (b == 0xED and i + 5 < n and 0xA0 <= raw[i + 1] <= 0xAF and raw[i + 3] == 0xED
                and 0xB0 <= raw[i + 4] <= 0xBF):
            high = 0xD000 | ((raw[i + 1] & 0x3F) << 6) | (raw[i + 2] & 0x3F)
            low = 0xD000 | ((raw[i + 4] & 0x3F) << 6) | (raw[i + 5] & 0x3F)
            cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            out.extend(bytes((0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F),
                              0x80 | (cp & 0x3F))))
            i += 6
        else:
            out.append(b)
            i += 1
    return str(out, "utf-8")
