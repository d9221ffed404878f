# What the server holds in the board's heap (docs/PERFORMANCE.md, "Board heap"). A module loaded from a file is
# compiled into the heap, so each phase imports what it needs and the server forgets it afterwards: between updates
# the heap is the application's. A frozen module (MicroPython's manifest.py, docs/BOARDS.md) is code in flash:
# forgetting it would gain nothing, so it stays.

import gc
import os
import sys

from .protocol import DEFLATE_WINDOW_BITS

# What inflating takes beside its window: DeflateIO and its decoder's tables (1,296 bytes on a 32-bit port), the
# update's buffer and the files it has open, with room to spare (docs/PERFORMANCE.md, "Board heap").
INFLATE_EXTRA = 2048

# The modules of the phases of an update; the package, protocol, wire, guesses, memory and the server stay.
PHASE_MODULES = ("auth", "metadata", "strict_json", "paths", "files", "update", "settings", "v2", "hmac_sha256",
                 "installed")


def forget(*names):
    package = sys.modules.get("ota")
    for name in names:
        module = sys.modules.get("ota." + name)
        if module is None or not _from_file(module):
            continue
        del sys.modules["ota." + name]
        if package is not None and getattr(package, name, None) is module:
            delattr(package, name)
    gc.collect()


def _from_file(module):
    try:
        os.stat(module.__file__)
        return True
    except (AttributeError, OSError):
        return False


# The smallest window that deflate (and MicroPython's DeflateIO) accepts.
MIN_WINDOW_BITS = 9


def window_bits(total_uncompressed, max_bits=DEFLATE_WINDOW_BITS):
    # DeflateIO allocates 1 << wbits bytes on its first read: 32 KiB would not fit an ESP8266's heap. A
    # back-reference never reaches further back than the output so far, so a window as large as the whole
    # update is enough, whatever window the stream was made with (MicroPython's int has no bit_length). A v2
    # board announces max_bits and the client compresses within it, so the window never needs to be larger.
    bits = MIN_WINDOW_BITS
    while bits < max_bits and (1 << bits) < total_uncompressed:
        bits += 1
    return bits


def inflate_need(window_bits):
    return (1 << window_bits) + INFLATE_EXTRA


def reserve(window_bits, free_heap):
    # The heap that inflating with a window of window_bits will take, as two blocks (the window in one piece, the
    # rest for smaller ones), or None when the heap cannot give them now. The update holds them while its metadata
    # and payload arrive and gives them back just before it inflates: the objects those phases leave behind, spread
    # over the heap, would otherwise break it into pieces too small for the window.
    gc.collect()
    if free_heap() < inflate_need(window_bits):
        return None
    try:
        return bytearray(1 << window_bits), bytearray(INFLATE_EXTRA)
    except MemoryError:
        return None


def enough(reserved, window_bits):
    return reserved is not None and len(reserved[0]) >= 1 << window_bits


def refuse(window_bits, free_heap):
    # The update is refused before its payload is received, with a sentence, rather than failing half way with a
    # MemoryError.
    gc.collect()
    free = free_heap()
    if free >= inflate_need(window_bits):
        where = "%d are free, but not a block of %d" % (free, 1 << window_bits)
    else:
        where = "%d are free" % free
    from .protocol import UpdateError
    raise UpdateError("not enough heap to inflate this update: it needs about %d bytes (a %d-byte window in one block"
                      " and %d for the decoder and buffers), %s. Free heap in the application before the server starts,"
                      " push fewer files at a time (the window follows the update's size up to 32 KiB), or use a v2"
                      " client: a v2 board announces its window" % (inflate_need(window_bits), 1 << window_bits,
                                                                       INFLATE_EXTRA, where))


# The heap that a 300 KB update of 31 files takes in all (gc.mem_alloc() + gc.mem_free(), the interpreter's own
# included), measured on MicroPython 1.27 built 32-bit (docs/BOARDS.md): [loaded from .py files, frozen] x
# [v1 (a 32 KiB window), v2 (a 2 KiB window)].
NEEDED = ((81152, 62720), (48896, 21184))


def frozen():
    # Whether the server runs frozen into the firmware: its modules then come from no file.
    return not _from_file(sys.modules[__name__])


def reserve_early(window_bits, free_heap, v2):
    # reserve(), before the metadata phase spreads its objects over the heap, when the server is frozen and the heap
    # holds a whole update (NEEDED). Loaded from .py files, the phases' compiling needs that room more (measured: the
    # smallest heap is then smaller with the window reserved once the update's size is known); on a smaller heap the
    # reservation would starve the metadata phase of an update whose window is smaller.
    if not frozen() or gc.mem_alloc() + free_heap() < NEEDED[1][v2]:
        return None
    return reserve(window_bits, free_heap)


def out_of_heap(e, free_at_start, v2):
    # The sentence of a MemoryError during an update: before its commit nothing was touched.
    is_frozen = frozen()
    return ("the board ran out of heap (%s; %d bytes were free when the update began): with the server %s, a %s update"
            " like a 300 KB one takes about %d KiB of heap in all. %s, or free heap in the application before the"
            " server starts (docs/BOARDS.md)" % (e, free_at_start, "frozen into the firmware" if is_frozen else
                                                 "loaded from .py files", "v2" if v2 else "v1",
                                                 (NEEDED[is_frozen][v2] + 1023) // 1024,
                                                 "Push with protocol v2 to a board that announces a small window"
                                                 if is_frozen else "Freeze the server into the firmware"))
