# The board side of the harness, run by MicroPython in board-worker.mjs: what main.py and the firmware do
# on a real board, with the network, the random source and the reset provided by the harness.

import binascii
import errno
import gc
import os
import sys

import harness_net as net

ROOT = "/board"
sys.path.insert(0, "/server")
os.chdir(ROOT)


class Heap:
    # The server's heap, as --heap reports it, in bytes above what the interpreter and this harness hold before the
    # server is imported. This WebAssembly build never collects while Python runs: it grows its heap instead and
    # collects when control is back at the top level, after a runPython call. So the server runs one step of a
    # session per call (Server.steps): what it holds at the start of a step is exact, and within the step the heap
    # only rises, so the most it reaches there is an upper bound of what the server held at once. The harness's own
    # allocations (its socket stand-in turns hex text into bytes) are left out; the bytes that a board's recv()
    # would return are counted.
    def __init__(self):
        self.base = 0
        self.excluded = 0
        self.peak = 0
        self.phase = None
        self.phase_peak = 0
        self.session_peak = 0
        self.modules = ""

    def used(self):
        return gc.mem_alloc() - self.excluded - self.base

    def sample(self):
        used = self.used()
        if used > self.peak:
            self.peak = used

    def begin_step(self):
        self.excluded = 0
        self.peak = self.used()

    def end_step(self, phase):
        # phase: the phase that the step ran in; the step's peak goes to it, and the server's modules loaded at its end
        # (after the peak is taken) are the phase's when it is its last.
        self.sample()
        if phase != self.phase:
            self.report()
            self.phase = phase
            self.phase_peak = 0
        self.phase_peak = max(self.phase_peak, self.peak)
        self.session_peak = max(self.session_peak, self.peak)
        self.modules = ",".join(sorted(name[4:] for name in sys.modules if name.startswith("ota.")))

    def report(self):
        if self.phase is not None and net.heap:
            print("HEAP phase %s %d %s" % (self.phase, self.phase_peak, self.modules))
        self.phase = None

    def end_session(self, session):
        self.report()
        if net.heap:
            print("HEAP session %d %d" % (session, self.session_peak))
        self.session_peak = 0


heap = Heap()


def harness(call, *args):
    # Runs one call of the harness's own machinery and leaves its allocations out of the server's count.
    before = gc.mem_alloc()
    result = call(*args)
    heap.excluded += gc.mem_alloc() - before
    return result


def board_bytes(n):
    # What a board's bytes object of n bytes takes: its 16-byte header and the data (with a NUL), in 16-byte blocks.
    return 16 + (n + 16) // 16 * 16


class Reboot(BaseException):
    # machine.reset() does not return; neither does this, up to the boot loop below.
    pass


class PowerLoss(BaseException):
    # Not an Exception: the server's error handling must not run, as it would not when the power goes.
    pass


class Connection:
    def __init__(self, cid):
        self.cid = cid

    def settimeout(self, seconds):
        heap.sample()
        harness(net.settimeout, self.cid, -1 if seconds is None else int(seconds * 1000))

    def recv(self, n):
        heap.sample()
        before = gc.mem_alloc()
        r = net.recv(self.cid, n)
        if type(r) is int:
            heap.excluded += gc.mem_alloc() - before
            raise OSError(errno.ETIMEDOUT if r == -1 else errno.ECONNRESET)
        data = binascii.unhexlify(r)
        heap.excluded += gc.mem_alloc() - before - board_bytes(len(data))
        heap.sample()
        return data

    def readinto(self, buf, n=None):
        # As a board's socket: fills buf[:n] with what arrived and returns the count; nothing of it is the server's.
        heap.sample()
        before = gc.mem_alloc()
        r = net.recv(self.cid, len(buf) if n is None else min(n, len(buf)))
        if type(r) is int:
            heap.excluded += gc.mem_alloc() - before
            raise OSError(errno.ETIMEDOUT if r == -1 else errno.ECONNRESET)
        data = binascii.unhexlify(r)
        buf[:len(data)] = data
        heap.excluded += gc.mem_alloc() - before
        return len(data)

    def send(self, data):
        heap.sample()
        r = harness(lambda: net.send(self.cid, binascii.hexlify(data).decode()))
        if r < 0:
            raise OSError(errno.ECONNRESET)
        return r

    def close(self):
        heap.sample()
        harness(net.close, self.cid)


class Listener:
    def accept(self):
        cid = harness(net.accept)
        # As a board's socket gives it: (host, port).
        host, _, port = harness(lambda: net.peer(cid).rpartition(":"))
        return Connection(cid), (host, int(port))


def urandom(n):
    return binascii.unhexlify(net.urandom(n))


power_loss = {"at": net.power_loss_at}
# Until the boot after the first update: the filesystem refuses to move that file, whoever asks.
os_error = {"at": net.os_error_at, "boots": 0}


def fail_filesystem(name):
    if os_error["at"] and name == os_error["at"]:
        raise OSError(28)  # ENOSPC, which this build's errno module does not name


def on_step(name):
    heap.sample()
    fail_filesystem(name)
    if power_loss["at"] and name == power_loss["at"]:
        power_loss["at"] = ""
        raise PowerLoss(name)


def reset():
    raise Reboot()


def log(message):
    print("ota: " + message)


def boot():
    # As OTAUpdater does at a board's boot: the recovery's code is loaded for it and forgotten after it.
    from ota.memory import forget
    from ota.update import recover
    print("BOOT " + (recover(ROOT, log, fail_filesystem) or "clean"))
    del recover
    forget("update", "paths", "files")
    os_error["boots"] += 1
    if os_error["boots"] > 1:
        os_error["at"] = ""


def free_heap():
    # This build grows its heap rather than run out: --free-heap stands for a board's smaller one.
    return net.free_heap if net.free_heap >= 0 else gc.mem_free()


def free_space(root):
    if net.free_bytes >= 0:
        return net.free_bytes
    st = os.statvfs(root)
    return st[0] * st[3]


def load():
    # The server's import, measured on its own: the caller measures the heap at the top level before and after.
    global Server
    from ota.server import Server
    if net.frozen:
        # As a firmware with the server frozen in (docs/BOARDS.md): every module is there from the start and is
        # never compiled again; its files are gone, so memory.forget keeps them, as it keeps frozen modules.
        folder = "/server/ota"
        for name in sorted(os.listdir(folder)):
            if name.endswith(".py") and name != "__init__.py":
                __import__("ota." + name[:-3])
        for name in os.listdir(folder):
            os.remove(folder + "/" + name)


def start():
    global server, listener, session, running, steps, phase
    server = Server(net.password, root=ROOT, timeout=net.timeout_ms / 1000, log=log, listen=None,
                    urandom=urandom, free_space=free_space, reset=reset, on_step=on_step, v1=bool(net.v1),
                    window_bits=net.window_bits, iterations=net.iterations, free_heap=free_heap)
    boot()
    net.dump()
    net.started()
    listener = Listener()
    session = 0
    running = True
    steps = None
    phase = None


def step():
    # One step of a session per call from board-worker.mjs (see Heap); the first step of a session accepts its
    # connection.
    global session, running, steps, phase
    if steps is None:
        session += 1
        steps = server.steps(listener)
        phase = "accept"
    heap.begin_step()
    after = None
    try:
        upcoming = next(steps)
        heap.end_step(phase)
        phase = upcoming
        gc.collect()  # done after this call returns: this build does not collect while Python runs
        return
    except StopIteration:
        outcome = server.outcome
    except Reboot:
        after = "RESET"
        outcome = server.outcome
    except PowerLoss as e:
        after = "POWER_LOSS " + e.args[0]
        outcome = "power-loss"
    # A reset empties a board's heap: the boot after it is not part of the session's figures.
    heap.end_step(phase)
    heap.end_session(session)
    steps = None
    if after is not None:
        print(after)
        boot()
    net.dump()
    print("SESSION %d %s" % (session, outcome))
    if net.once:
        running = False
    gc.collect()


def held(what):
    if net.heap:
        print("HEAP %s %d" % (what, gc.mem_alloc() - heap.base))
