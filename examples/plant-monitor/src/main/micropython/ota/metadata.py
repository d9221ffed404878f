# Steps 4 and 6: the length header and the metadata, parsed and validated by every rule of the hardened
# device (io.github.mpota.core.metadata.MetadataCodec and DevicePath) before a single byte is written.

import json

from .protocol import (CONTENT_SHA256_LENGTH, INSTALLED_LIST, KEY_COMPRESSED_SIZE, KEY_CONTENT_SHA256, KEY_FILES,
                       KEY_PATH, KEY_SIZE, KEY_TOTAL_UNCOMPRESSED, LENGTH_HEADER_SIZE, WORK_DIR, UpdateError)

MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096
MAX_SIZE = 1 << 62

# What Java's String.strip() removes from the length field (Character.isWhitespace on ISO-8859-1).
_LENGTH_BLANKS = b" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"


_LOWER_HEX = "0123456789abcdef"


class Metadata:
    def __init__(self, compressed_size, total_uncompressed, files, content_sha256=None, extra=None):
        self.compressed_size = compressed_size
        self.total_uncompressed = total_uncompressed
        self.files = files  # [(path, size)], in payload order
        # Lowercase hex SHA-256 of the content (extension "content digest"), or None: nothing to check.
        self.content_sha256 = content_sha256
        # The raw values of the keys that the caller asked parse() to keep (a v2 update's "delete" and "reboot").
        self.extra = extra or {}


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
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    # Loaded at the first update, not at boot: a board that only waits for pushes keeps this heap free.
    from .strict_json import check_json
    check_json(data)
    try:
        text = str(data, "utf-8")
    except UnicodeError:
        raise UpdateError("metadata is not valid UTF-8")
    # The raw bytes go as soon as they are text: with the text and the parsed tree they would be a third copy.
    del data
    root = json.loads(text)
    del text
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
        where = "files[%d]" % i
        if type(entry) is not dict:
            raise UpdateError(where + " must be an object, received " + _kind(entry))
        if KEY_PATH not in entry:
            raise UpdateError("%s is missing the key '%s'" % (where, KEY_PATH))
        path = entry[KEY_PATH]
        if type(path) is not str:
            raise UpdateError(where + ".path must be a string, received " + _kind(path))
        path = _join_surrogates(path)
        problem = path_problem(path)
        if problem:
            raise UpdateError("%s.path %r: %s" % (where, path[:120], problem))
        size = _size(entry, KEY_SIZE, where + ".size")
        summed += size
        files.append((path, size))
    if summed != total:
        raise UpdateError("'%s' is %d but the file sizes add up to %d" % (KEY_TOTAL_UNCOMPRESSED, total, summed))
    problem = conflict([path for path, _ in files])
    if problem:
        raise UpdateError(problem)
    return Metadata(compressed, total, files, _content_sha256(root), {k: root[k] for k in keep if k in root})


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


def path_problem(path):
    # Why path is not a valid device path, or None: relative, '/'-separated, unable to leave the root.
    if not path:
        return "path is empty"
    if len(path.encode()) > MAX_PATH_BYTES:
        return "path is longer than %d bytes" % MAX_PATH_BYTES
    for c in path:
        o = ord(c)
        if o < 0x20 or o == 0x7F:
            return "path contains the control character U+%04X" % o
        if c == "\\":
            return "path contains a backslash; use '/' to separate folders"
        if 0xD800 <= o <= 0xDFFF:
            return "path contains an unpaired surrogate"
    if path[0] == "/":
        return "path is absolute; it must be relative to the device's root"
    if len(path) >= 2 and path[1] == ":" and path[0].isalpha():
        return "path starts with a drive letter; it must be relative to the device's root"
    for segment in path.split("/"):
        if not segment:
            return "path has an empty segment ('//' or a trailing '/')"
        if segment == "." or segment == "..":
            return "path has a '%s' segment" % segment
        if len(segment.encode()) > MAX_NAME_BYTES:
            return "path has a name longer than %d bytes" % MAX_NAME_BYTES
    return None


def fold(path):
    # The name that FAT gives path: case ignored (ASCII letters, as MicroPython's str.lower folds them) and trailing
    # dots and spaces of each name dropped. Two paths with the same fold are one file on FAT.
    folded = "/".join(name.lower().rstrip(". ") for name in path.split("/"))
    # The path itself when nothing changed, so that a list of folds holds no copies.
    return path if folded == path else folded


_FAT = " (FAT ignores case and trailing dots and spaces)"


def conflict(paths):
    # Why these valid paths cannot be written together, or None: one inside the server's own folder, two that are
    # one file, or one that is a file and the folder of another, on FAT as well as on littlefs.
    seen = {}
    for path in paths:
        folded = fold(path)
        if folded == WORK_DIR or folded.startswith(WORK_DIR + "/"):
            return ("path %r is inside %s/, the folder where the device stages updates%s"
                    % (path, WORK_DIR, _FAT if folded is not path else ""))
        if folded == INSTALLED_LIST:
            return ("path %r is the board's list of installed files; an update cannot write it%s"
                    % (path, _FAT if folded is not path else ""))
        if folded in seen:
            if seen[folded] == path:
                return "path %r is listed twice" % path
            return ("paths %r and %r are the same file on a board whose filesystem ignores case and trailing dots and"
                    " spaces (FAT)" % (seen[folded], path))
        seen[folded] = path
    for path in paths:
        folder = parent(fold(path))
        while folder:
            if folder in seen:
                return "path %r is a file and also the folder of %r" % (seen[folder], path)
            folder = parent(folder)
    return None


def parent(path):
    slash = path.rfind("/")
    return path[:slash] if slash >= 0 else ""


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
