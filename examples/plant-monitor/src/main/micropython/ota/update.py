# Step 10, hardened: the payload is received into a staging folder and inflated there completely; only
# when every file is whole is a journal committed and the files moved into place (and, for a v2 update, the files
# it removes deleted). A reset while moving is finished at the next boot (the journal lists what to move and
# delete); a reset before the journal leaves the old files untouched and the staging folder is discarded at the
# next boot. A v2 update also brings the list of files that v2 updates installed (.ota_installed.json) up to date.

import binascii
import gc
import hashlib
import json

try:
    import deflate
except ImportError:
    raise ImportError("ota needs MicroPython 1.21 or newer: this firmware has no 'deflate' module")

from . import files, settings, wire
from .metadata import conflict, fold, parent, path_problem
from .protocol import DEFLATE_WINDOW_BITS, KEY_CONTENT_SHA256, WORK_DIR, UpdateError

STAGE_DIR = WORK_DIR + "/stage"
JOURNAL = WORK_DIR + "/journal.json"
JOURNAL_TMP = JOURNAL + ".tmp"
PAYLOAD = WORK_DIR + "/payload.tmp"
CHUNK = 512
# The smallest window that deflate (and MicroPython's DeflateIO) accepts.
MIN_WINDOW_BITS = 9


def _no_step(name):
    pass


class Update:
    def __init__(self, root, log, on_step=None):
        self.root = root
        self.log = log
        # Told each point where a power loss (or a failing filesystem) is worth testing: "staged", "journal",
        # "moving:<n>" (before file n is moved into place), "moved:<n>".
        self.on_step = on_step or _no_step
        self.work = files.join(root, WORK_DIR)
        self.staging = files.join(root, STAGE_DIR)
        self.began = False
        self.committed = False

    def check_targets(self, meta):
        # Before step 7's OK: every path must be free to take, so that nothing fails half way through.
        # (The server's own folder is refused with the other path rules, by metadata.parse.)
        for path, _ in meta.files:
            if files.is_dir(files.join(self.root, path)):
                raise UpdateError("path %r is a folder on the device; it cannot become a file" % path)
            folder = parent(path)
            while folder:
                target = files.join(self.root, folder)
                if files.exists(target) and not files.is_dir(target):
                    raise UpdateError("path %r needs the folder %r, which is a file on the device" % (path, folder))
                folder = parent(folder)

    def stage(self, conn, meta, deadline, mac=None, verified=None, window=DEFLATE_WINDOW_BITS):
        # Steps 9-10 up to the point of no return: nothing outside the server's own folder is touched. A v2 update
        # passes the MAC that every received piece goes into, verified() to check it once the payload is whole and
        # before anything is inflated, and the window the board announced.
        self.began = True
        files.rmtree(self.work)
        files.makedirs(self.staging)
        payload = files.join(self.root, PAYLOAD)
        with open(payload, "wb") as out:
            try:
                wire.copy_exactly(conn, meta.compressed_size, out, deadline, mac=mac)
            except Exception as e:
                raise UpdateError("payload not received in full: %s" % (e,))
        if verified is not None:
            verified()
        gc.collect()
        self._inflate(payload, meta, window)
        files.remove(payload)
        gc.collect()
        self._check_settings(meta)
        self.on_step("staged")

    def apply(self, meta, deletions=None):
        # deletions: None for a v1 update (which leaves the installed list alone), else the v2 update's list.
        paths = [path for path, _ in meta.files]
        # Every folder is made before the commit, so that after it only renames are left: an error that would
        # repeat (no space for a folder, a name the filesystem refuses) fails the update, not every boot.
        for path in paths:
            folder = parent(path)
            if folder:
                files.makedirs(files.join(self.root, folder))
        journal = files.join(self.root, JOURNAL)
        tmp = files.join(self.root, JOURNAL_TMP)
        with open(tmp, "w") as f:
            if deletions is None:
                json.dump({"files": paths}, f)
            else:
                json.dump({"files": paths, "delete": deletions}, f)
        files.replace(tmp, journal)
        self.committed = True
        self.on_step("journal")
        move_staged(self.root, paths, self.on_step, deletions)

    def discard(self):
        # After a failure: only what was never committed is thrown away; a committed journal is finished
        # at the next boot instead.
        if self.began and not self.committed:
            try:
                files.rmtree(self.work)
            except OSError as e:
                self.log("could not remove %s: %s" % (self.work, e))

    def _check_settings(self, meta):
        # The server's settings file, read at every boot: one that would not load there would leave a board that
        # only a cable can repair, so it is read now with the boot's rules, before the journal.
        for index in range(len(meta.files)):
            path = meta.files[index][0]
            if fold(path) == settings.CONFIG_FILE:
                try:
                    settings.check(settings.read(self._staged(str(index)), path), path)
                except ValueError as e:
                    raise UpdateError("%s would not load at boot, so the update is refused and the old files are kept:"
                                      " %s" % (path, e))
                gc.collect()

    def _staged(self, name):
        return self.staging + "/" + name

    def _inflate(self, payload, meta, max_window_bits):
        buf = bytearray(CHUNK)
        view = memoryview(buf)
        # The content digest is computed over the same small chunks as they are staged: no second pass.
        content = hashlib.sha256() if meta.content_sha256 is not None else None
        with open(payload, "rb") as source:
            stream = None
            if meta.compressed_size:
                stream = deflate.DeflateIO(source, deflate.RAW, window_bits(meta.total_uncompressed, max_window_bits))
            elif meta.total_uncompressed:
                raise UpdateError("payload is short: it is empty but the files add up to %d bytes"
                                  % meta.total_uncompressed)
            for index in range(len(meta.files)):
                path, size = meta.files[index]
                with open(self._staged(str(index)), "wb") as out:
                    left = size
                    while left:
                        n = _read(stream, view[:min(left, CHUNK)], path, size - left, size)
                        out.write(view[:n])
                        if content is not None:
                            content.update(view[:n])
                        left -= n
            if stream is not None:
                if _read(stream, view[:1], None, 0, 0):
                    raise UpdateError("payload is long: it inflates to more than the %d bytes that the files add up"
                                      " to" % meta.total_uncompressed)
                if source.tell() != meta.compressed_size:
                    raise UpdateError("payload has bytes after the end of the deflate stream")
        if content is not None:
            actual = str(binascii.hexlify(content.digest()), "ascii")
            if actual != meta.content_sha256:
                raise UpdateError("payload content does not match %s: the %d bytes inflated have SHA-256 %s, the"
                                  " metadata lists %s" % (KEY_CONTENT_SHA256, meta.total_uncompressed, actual,
                                                          meta.content_sha256))


def window_bits(total_uncompressed, max_bits=DEFLATE_WINDOW_BITS):
    # DeflateIO allocates 1 << wbits bytes on its first read: 32 KiB would not fit an ESP8266's heap. A
    # back-reference never reaches further back than the output so far, so a window as large as the whole
    # update is enough, whatever window the stream was made with (MicroPython's int has no bit_length). A v2
    # board announces max_bits and the client compresses within it, so the window never needs to be larger.
    bits = MIN_WINDOW_BITS
    while bits < max_bits and (1 << bits) < total_uncompressed:
        bits += 1
    return bits


def _read(stream, into, path, at, size):
    where = " in %s at byte %d of %d" % (path, at, size) if path is not None else ""
    try:
        n = stream.readinto(into)
    except EOFError:
        raise UpdateError("payload is short: the deflate stream ends early" + where)
    except OSError as e:
        raise UpdateError("payload is corrupt: the deflate stream fails (%s)%s" % (e, where))
    if not n and path is not None:
        raise UpdateError("payload is short: the deflate stream ends early" + where)
    return n


def move_staged(root, paths, on_step=_no_step, deletions=None):
    # Moves staged file i to paths[i]; a file already moved (no longer staged) is skipped, so that this
    # can run again after a reset part way through. For a v2 update (deletions not None), then removes the deleted
    # files (one already gone is skipped, for the same reason) and records what v2 updates installed.
    staging = files.join(root, STAGE_DIR)
    for index in range(len(paths)):
        staged = staging + "/" + str(index)
        if not files.exists(staged):
            continue
        path = paths[index]
        if parent(path):
            files.makedirs(files.join(root, parent(path)))
        on_step("moving:%d" % (index + 1))
        files.replace(staged, files.join(root, path))
        on_step("moved:%d" % (index + 1))
    if deletions is not None:
        from . import installed  # only v2 updates delete files and keep the list: a v1 board never loads it
        installed.finish(root, paths, deletions)
    remove_work(root)


def remove_work(root):
    # Staged files first, then the journal: a reset part way through never leaves staged files without the
    # journal, which the next boot would take for an update to discard.
    files.rmtree(files.join(root, STAGE_DIR))
    files.remove(files.join(root, JOURNAL_TMP))
    files.remove(files.join(root, JOURNAL))
    files.rmtree(files.join(root, WORK_DIR))


def recover(root, log, on_step=_no_step):
    # Run at boot: finishes an update whose journal was committed, discards one that never got that far.
    # Never raises: it runs before the OTA server starts, so an error that repeats at every boot (no space, a
    # name the filesystem refuses, a bug) would otherwise leave a board that only a cable can repair.
    work = files.join(root, WORK_DIR)
    try:
        return _recover(root, work, log, on_step)
    except Exception as e:
        log("could not finish or discard the interrupted update in %s (%s); abandoning it, so some files may be "
            "old or missing: the board keeps serving OTA so that a new push can repair it" % (work, e))
        try:
            files.rmtree(work)
        except OSError as e2:
            log("could not remove %s either: %s" % (work, e2))
        return "abandoned"


def journal_problem(paths, deletions=None):
    # Why the journal's lists of paths are refused, or None.
    deletions = [] if deletions is None else deletions
    for listed in (paths, deletions):
        if type(listed) is not list or any(type(p) is not str for p in listed):
            return "its files are not a list of paths"
    for path in paths + deletions:
        problem = path_problem(path)
        if problem:
            return "path %r: %s" % (path[:120], problem)
    return conflict(paths)


def _recover(root, work, log, on_step):
    if not files.exists(work):
        return None
    journal = files.join(root, JOURNAL)
    if not files.exists(journal):
        log("discarding an update that a reset interrupted before it was applied; the old files are unchanged")
        files.rmtree(work)
        return "discarded"
    try:
        with open(journal) as f:
            entry = json.load(f)
        paths = entry["files"]
        # A v1 journal has no "delete": its update leaves the installed list alone.
        deletions = entry.get("delete")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        log("the update journal %s is unreadable (%s); removing it and the staged files" % (journal, e))
        files.rmtree(work)
        return "unreadable"
    # Every entry obeys the rules of the metadata it was written from, or nothing moves: a journal changed on the
    # board must not move a staged file out of the root or into the server's own folder.
    problem = journal_problem(paths, deletions)
    if problem:
        log("the update journal %s is refused: %s; removing it and the staged files without moving any of them"
            % (journal, problem))
        files.rmtree(work)
        return "invalid"
    log("finishing an update that a reset interrupted: %d files" % len(paths))
    move_staged(root, paths, on_step, deletions)
    log("interrupted update finished")
    return "finished"
