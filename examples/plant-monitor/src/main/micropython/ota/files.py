# Small filesystem helpers that MicroPython's os lacks (exists, makedirs, rmtree), by path strings.

import errno
import os

_DIR = 0x4000


def join(root, path):
    if not root or root == ".":
        return path
    return root + path if root.endswith("/") else root + "/" + path


def stat_mode(path):
    # The mode of path, or None when nothing is there.
    try:
        return os.stat(path)[0]
    except OSError:
        return None


def exists(path):
    return stat_mode(path) is not None


def is_dir(path):
    mode = stat_mode(path)
    return mode is not None and mode & _DIR != 0


def makedirs(path):
    # Creates every missing folder of path, top down; the reference makes only the last one.
    if not path or is_dir(path):
        return
    parts = path.split("/")
    current = "/" if path.startswith("/") else ""
    for part in parts:
        if not part:
            continue
        current = current + part if (not current or current.endswith("/")) else current + "/" + part
        if not is_dir(current):
            os.mkdir(current)


def remove(path):
    try:
        os.remove(path)
    except OSError:
        pass


def rmtree(path):
    mode = stat_mode(path)
    if mode is None:
        return
    if not mode & _DIR:
        os.remove(path)
        return
    for entry in os.ilistdir(path):
        rmtree(path + "/" + entry[0])
    os.rmdir(path)


def replace(source, target):
    # littlefs renames over an existing file; FAT refuses with EEXIST, so the old file goes first. Any other
    # error (a littlefs ENOSPC) is raised with the old file still in place.
    try:
        os.rename(source, target)
    except OSError as e:
        if e.errno != errno.EEXIST or not exists(target):
            raise
        os.remove(target)
        os.rename(source, target)
