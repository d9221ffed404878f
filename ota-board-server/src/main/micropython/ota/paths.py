# The rules of device paths (io.github.mpota.core.metadata.DevicePath): what the metadata, the journal and the list
# of installed files may name, and how FAT folds names. Small and kept apart from metadata.py, which only the
# metadata phase needs.

from .protocol import INSTALLED_LIST, WORK_DIR

MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096


def path_problem(path):
    # Why path is not a valid device path, or None: relative, '/'-separated, unable to leave the root. A valid path
    # costs no allocation (the metadata of a large update lists hundreds); the problems are checked in the order of
    # DevicePath, so that both devices name the same one.
    if not path:
        return "path is empty"
    total = 0
    bad = None
    for c in path:
        o = ord(c)
        total += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
        if bad is None:
            if o < 0x20 or o == 0x7F:
                bad = "path contains the control character U+%04X" % o
            elif c == "\\":
                bad = "path contains a backslash; use '/' to separate folders"
            elif 0xD800 <= o <= 0xDFFF:
                bad = "path contains an unpaired surrogate"
    if total > MAX_PATH_BYTES:
        return "path is longer than %d bytes" % MAX_PATH_BYTES
    if bad is not None:
        return bad
    if path[0] == "/":
        return "path is absolute; it must be relative to the device's root"
    if len(path) >= 2 and path[1] == ":" and path[0].isalpha():
        return "path starts with a drive letter; it must be relative to the device's root"
    # Each name: its bytes, and its length while it is all dots (-1 once it is not).
    name = dots = 0
    for c in path:
        if c == "/":
            problem = _name_problem(name, dots)
            if problem:
                return problem
            name = dots = 0
            continue
        o = ord(c)
        name += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
        dots = dots + 1 if c == "." and dots >= 0 else -1
    return _name_problem(name, dots)


def _name_problem(size, dots):
    if not size:
        return "path has an empty segment ('//' or a trailing '/')"
    if dots == 1 or dots == 2:
        return "path has a '%s' segment" % ("." * dots)
    if size > MAX_NAME_BYTES:
        return "path has a name longer than %d bytes" % MAX_NAME_BYTES
    return None


def fold(path):
    # The name that FAT gives path: case ignored (ASCII letters, as MicroPython's str.lower folds them) and trailing
    # dots and spaces of each name dropped. Two paths with the same fold are one file on FAT. A path that folds to
    # itself (the usual one: no capital, no name ending in a dot or a space) is returned as it is, with no allocation.
    previous = "/"
    for c in path:
        if "A" <= c <= "Z" or (c == "/" and (previous == "." or previous == " ")):
            break
        previous = c
    else:
        if previous != "." and previous != " ":
            return path
    folded = "/".join(name.lower().rstrip(". ") for name in path.split("/"))
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
