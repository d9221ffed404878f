# The list of files that v2 updates installed (docs/PROTOCOL.md, "Manifest"): what a v2 client may delete, and the
# files the board describes to it. Files the board's own code creates, and those of v1 updates, are never in it. A
# JSON array of paths in .ota_installed.json in the root, a name that no update may write.

import json
import os

from . import files
from .paths import conflict, path_problem
from .protocol import INSTALLED_LIST, WORK_DIR

# Written next to the journal, then renamed over the list.
TMP = WORK_DIR + "/installed.tmp"


def load(root):
    # The paths, in the order they were first installed; an unreadable list counts as empty: nothing is then
    # deleted (safe) and every file is sent again (safe).
    try:
        with open(files.join(root, INSTALLED_LIST)) as f:
            paths = json.load(f)
    except (OSError, ValueError):
        return []
    if type(paths) is not list:
        return []
    # Only paths that an update could have written: a list changed on the board must not make the server hash or
    # delete a file outside the root or in its own folder.
    return [p for p in paths if type(p) is str and not path_problem(p) and not conflict([p])]


def finish(root, written, deleted):
    # The end of a v2 update's apply (and of its recovery): removes the deleted files (one already gone is skipped,
    # so that this can run again after a reset), then records the list.
    for path in deleted:
        target = files.join(root, path)
        if files.exists(target) and not files.is_dir(target):
            os.remove(target)
    record(root, written, deleted)


def record(root, written, deleted):
    # Adds the files an update wrote, drops those it deleted. A reset before the rename leaves the old list:
    # new files missing from it (never deleted later) or removed ones still in it (skipped, they do not exist).
    paths = load(root)
    known = set(paths)
    gone = set(deleted)
    paths = [p for p in paths if p not in gone]
    for p in written:
        if p not in known:
            paths.append(p)
            known.add(p)
    tmp = files.join(root, TMP)
    files.makedirs(files.join(root, WORK_DIR))
    with open(tmp, "w") as f:
        json.dump(paths, f)
    files.replace(tmp, files.join(root, INSTALLED_LIST))
