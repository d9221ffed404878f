# The strict JSON grammar check that metadata.parse applies before MicroPython's json reads the metadata
# (RFC 8259, as the Java device's parser applies it): MicroPython's json accepts trailing commas, missing
# separators, leading zeros and raw control characters, and keeps the last of duplicate keys. Each of those must
# be a FAIL here as it is there.

import json

from .protocol import UpdateError

# The limits of the Java device's JSON parser, so that both devices refuse the same documents.
MAX_NESTING_DEPTH = 32
MAX_NUMBER_LENGTH = 40
# Keys of an object kept in a list before a set takes over.
SMALL_OBJECT_KEYS = 8

_WS = b" \t\n\r"
_ESCAPES = b'"\\/bfnrt'
_HEX = b"0123456789abcdefABCDEF"


def check_json(data):
    n = len(data)
    i = _skip_ws(data, 0)
    if i == n:
        raise UpdateError("metadata is empty; expected a JSON object")
    # Each open container: [is_object, keys seen (a list, a set once there are many) or None]
    stack = []
    i = _value(data, i, stack)
    i = _skip_ws(data, i)
    if i != n:
        raise UpdateError("metadata is not valid JSON: unexpected content after the object at byte %d" % i)


def _fail(i, what):
    raise UpdateError("metadata is not valid JSON: %s at byte %d" % (what, i))


def _skip_ws(data, i):
    n = len(data)
    while i < n and data[i] in _WS:
        i += 1
    return i


def _value(data, i, stack):
    # Iterative over containers, so that nesting costs no Python stack.
    n = len(data)
    while True:
        i = _skip_ws(data, i)
        if i >= n:
            _fail(i, "unexpected end")
        c = data[i]
        closed = False
        if c == 0x7B or c == 0x5B:  # { [
            if len(stack) >= MAX_NESTING_DEPTH:
                _fail(i, "nesting deeper than %d" % MAX_NESTING_DEPTH)
            is_object = c == 0x7B
            stack.append([is_object, [] if is_object else None])
            i = _skip_ws(data, i + 1)
            if i < n and data[i] == (0x7D if is_object else 0x5D):
                stack.pop()
                i += 1
                closed = True
            elif is_object:
                i = _key(data, i, stack[-1])
                continue
            else:
                continue
        elif c == 0x22:
            i = _string(data, i)
        elif c == 0x2D or 0x30 <= c <= 0x39:
            i = _number(data, i)
        elif data[i:i + 4] == b"true" or data[i:i + 4] == b"null":
            i += 4
        elif data[i:i + 5] == b"false":
            i += 5
        else:
            _fail(i, "unexpected character %r" % chr(c))
        # After a value: a separator or the end of its containers.
        while True:
            if not stack:
                return i
            i = _skip_ws(data, i)
            if i >= n:
                _fail(i, "unexpected end")
            c = data[i]
            top = stack[-1]
            if c == 0x2C:  # ,
                i += 1
                if top[0]:
                    i = _key(data, _skip_ws(data, i), top)
                break
            if c == (0x7D if top[0] else 0x5D):
                stack.pop()
                i += 1
                continue
            _fail(i, "expected ',' or a closing bracket")


def _key(data, i, entry):
    # entry: the open object's [True, keys seen]
    if i >= len(data) or data[i] != 0x22:
        _fail(i, "expected a quoted key")
    keys = entry[1]
    end = _string(data, i)
    # The key's bytes with escapes resolved, so that "a" and "\u0061" are one key.
    key = bytes(memoryview(data)[i + 1:end - 1])
    if b"\\" in key:
        key = _decode_escapes(key)
    if key in keys:
        _fail(i, "duplicate key")
    if type(keys) is set:
        keys.add(key)
    elif len(keys) < SMALL_OBJECT_KEYS:
        keys.append(key)
    else:
        # A list costs less heap than a set for the few keys of most objects; a set keeps a long one linear.
        keys = entry[1] = set(keys)
        keys.add(key)
    end = _skip_ws(data, end)
    if end >= len(data) or data[end] != 0x3A:
        _fail(end, "expected ':' after a key")
    return end + 1


def _string(data, i):
    # The end of the string that starts at i, checked: it costs no allocation.
    n = len(data)
    i += 1
    while i < n:
        c = data[i]
        if c == 0x22:
            return i + 1
        if c < 0x20:
            _fail(i, "control character in a string")
        if c == 0x5C:
            if i + 1 >= n:
                break
            e = data[i + 1]
            if e == 0x75:  # \uXXXX
                if i + 6 > n or any(data[j] not in _HEX for j in range(i + 2, i + 6)):
                    _fail(i, "bad \\u escape")
                i += 6
                continue
            if e not in _ESCAPES:
                _fail(i, "bad escape")
            i += 2
            continue
        i += 1
    _fail(i, "unterminated string")


def _decode_escapes(raw):
    return json.loads(b'"' + raw + b'"').encode()


def _number(data, i):
    n = len(data)
    start = i
    if data[i] == 0x2D:
        i += 1
    int_start = i
    if i < n and data[i] == 0x30:
        i += 1
        if i < n and 0x30 <= data[i] <= 0x39:
            _fail(i, "leading zero in a number")
    else:
        while i < n and 0x30 <= data[i] <= 0x39:
            i += 1
    int_len = i - int_start
    if int_len == 0:
        _fail(start, "bad number")
    frac_len = exp_len = 0
    if i < n and data[i] == 0x2E:
        i += 1
        s = i
        while i < n and 0x30 <= data[i] <= 0x39:
            i += 1
        frac_len = i - s
        if not frac_len:
            _fail(i, "bad number")
    if i < n and data[i] in b"eE":
        i += 1
        if i < n and data[i] in b"+-":
            i += 1
        s = i
        while i < n and 0x30 <= data[i] <= 0x39:
            i += 1
        exp_len = i - s
        if not exp_len:
            _fail(i, "bad number")
    if int_len + frac_len + exp_len > MAX_NUMBER_LENGTH:
        _fail(start, "number longer than %d digits" % MAX_NUMBER_LENGTH)
    return i
