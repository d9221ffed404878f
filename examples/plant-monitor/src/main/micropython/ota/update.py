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

from . import files, wire
from .memory import window_bits
from .paths import conflict, fold, parent, path_problem
from .protocol import CONFIG_FILE, DEFLATE_WINDOW_BITS, KEY_CONTENT_SHA256, WORK_DIR, UpdateError

STAGE_DIR = WORK_DIR + "/stage"
JOURNAL = WORK_DIR + "/journal.json"
JOURNAL_TMP = JOURNAL + ".tmp"
PAYLOAD = WORK_DIR + "/payload.tmp"
CHUNK = 512


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
        # One buffer for the whole update: the payload is received through it and inflated through it.
        self.buf = bytearray(CHUNK)

    def receive(self, conn, meta, deadline, mac=None, verified=None):
        # Step 9 into the staging folder; nothing outside the server's own folder is touched until apply(). The
        # caller holds the heap that inflating will take (memory.reserve) until this ends. A v2 update passes the
        # MAC that every received piece goes into, and verified() to check it once the payload is whole, before
        # anything is inflated. A generator, as the session is (Server.steps).
        self.began = True
        files.rmtree(self.work)
        files.makedirs(self.staging)
        with open(files.join(self.root, PAYLOAD), "wb") as out:
            try:
                yield from wire.copy_exactly(conn, meta.compressed_size, out, deadline, self.buf, mac=mac)
            except Exception as e:
                raise UpdateError("payload not received in full: %s" % (e,))
        if verified is not None:
            verified()

    def unpack(self, meta, window=DEFLATE_WINDOW_BITS):
        # Step 10 up to the point of no return: the payload is inflated into the staging folder, within the window
        # the board announced (v2) or the stream's own (v1). A generator, as the session is (Server.steps): yields
        # after each file.
        gc.collect()
        payload = files.join(self.root, PAYLOAD)
        yield from self._inflate(payload, meta, window)
        files.remove(payload)
        gc.collect()
        self._check_settings(meta)
        self.on_step("staged")

    def apply(self, meta, deletions=None):
        # deletions: None for a v1 update (which leaves the installed list alone), else the v2 update's list. A
        # generator, as the session is (Server.steps): yields after each file moved into place.
        paths = [path for path, _ in meta.files]
        # Every folder is made before the commit, so that after it only renames are left: an error that would
        # repeat (no space for a folder, a name the filesystem refuses) fails the update, not every boot.
        for index in range(len(paths)):
            folder = parent(paths[index])
            if folder:
                files.makedirs(files.join(self.root, folder))
            if index % 16 == 15:
                yield "apply"
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
        yield from move_staged(self.root, paths, self.on_step, deletions)

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
            if fold(path) == CONFIG_FILE:
                from . import settings
                try:
                    settings.check(settings.read(self._staged(str(index)), path), path)
                except ValueError as e:
                    raise UpdateError("%s would not load at boot, so the update is refused and the old files are kept:"
                                      " %s" % (path, e))
                gc.collect()

    def _staged(self, name):
        return self.staging + "/" + name

    def _inflate(self, payload, meta, max_window_bits):
        buf = self.buf
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
                        # Whole buffers while the file lasts: a view (an allocation) only for its last piece.
                        into = buf if left >= CHUNK else view[:left]
                        n = _read(stream, into, path, size - left, size)
                        piece = into if n == len(into) else view[:n]
                        out.write(piece)
                        if content is not None:
                            content.update(piece)
                        left -= n
                yield "inflate"
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


def _read(stream, into, path, at, size):
    try:
        n = stream.readinto(into)
    except EOFError:
        n = 0
    except OSError as e:
        raise UpdateError("payload is corrupt: the deflate stream fails (%s)%s" % (e, _where(path, at, size)))
    if not n and path is not None:
        raise UpdateError("payload is short: the deflate stream ends early" + _where(path, at, size))
    return n


def _where(path, at, size):
    # Only for the sentence of an error: made for every piece, it would cost a string per piece.
    return " in %s at byte %d of %d" % (path, at, size) if path is not None else ""


def move_staged(root, paths, on_step=_no_step, deletions=None):
    # Moves staged file i to paths[i]; a file already moved (no longer staged) is skipped, so that this
    # can run again after a reset part way through. For a v2 update (deletions not None), then removes the deleted
    # files (one already gone is skipped, for the same reason) and records what v2 updates installed. A generator
    # that yields after each file (the boot's recovery runs it through).
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
        yield "apply"
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
    for _ in move_staged(root, paths, on_step, deletions):
        pass
    log("interrupted update finished")
    return "finished"
