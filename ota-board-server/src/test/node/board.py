# The board side of the harness, run by MicroPython in board-worker.mjs: what main.py and the firmware do
# on a real board, with the network, the random source and the reset provided by the harness.

import binascii
import errno
import os
import sys

import harness_net as net

ROOT = "/board"
sys.path.insert(0, "/server")
os.chdir(ROOT)

from ota.server import Server  # noqa: E402
from ota.update import recover  # noqa: E402


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
        net.settimeout(self.cid, -1 if seconds is None else int(seconds * 1000))

    def recv(self, n):
        r = net.recv(self.cid, n)
        if type(r) is int:
            raise OSError(errno.ETIMEDOUT if r == -1 else errno.ECONNRESET)
        return binascii.unhexlify(r)

    def send(self, data):
        r = net.send(self.cid, binascii.hexlify(data).decode())
        if r < 0:
            raise OSError(errno.ECONNRESET)
        return r

    def close(self):
        net.close(self.cid)


class Listener:
    def accept(self):
        cid = net.accept()
        # As a board's socket gives it: (host, port).
        host, _, port = net.peer(cid).rpartition(":")
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
    fail_filesystem(name)
    if power_loss["at"] and name == power_loss["at"]:
        power_loss["at"] = ""
        raise PowerLoss(name)


def reset():
    raise Reboot()


def log(message):
    print("ota: " + message)


def boot():
    print("BOOT " + (recover(ROOT, log, fail_filesystem) or "clean"))
    os_error["boots"] += 1
    if os_error["boots"] > 1:
        os_error["at"] = ""


def free_space(root):
    if net.free_bytes >= 0:
        return net.free_bytes
    st = os.statvfs(root)
    return st[0] * st[3]


server = Server(net.password, root=ROOT, timeout=net.timeout_ms / 1000, log=log, listen=None,
                urandom=urandom, free_space=free_space, reset=reset, on_step=on_step, v1=bool(net.v1),
                window_bits=net.window_bits, iterations=net.iterations)
boot()
net.dump()
net.started()
listener = Listener()
session = 0
while True:
    session += 1
    try:
        outcome = server.serve_one(listener)
    except Reboot:
        print("RESET")
        outcome = server.outcome
        boot()
    except PowerLoss as e:
        print("POWER_LOSS " + e.args[0])
        outcome = "power-loss"
        boot()
    net.dump()
    print("SESSION %d %s" % (session, outcome))
    if net.once:
        break
