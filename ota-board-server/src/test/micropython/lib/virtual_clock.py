# A clock for the board in the tests: MicroPython's time functions, where sleeping moves the time on at once.
# Put in place of the time module (sys.modules["time"] = virtual_clock) before the code under test imports it,
# so that a 20 s WiFi timeout takes no real time.

_now = {"ms": 0}


def ticks_ms():
    return _now["ms"]


def ticks_add(ticks, delta):
    return ticks + delta


def ticks_diff(end, start):
    return end - start


def sleep_ms(ms):
    _now["ms"] += ms


def sleep(seconds):
    _now["ms"] += int(seconds * 1000)


def time():
    return _now["ms"] // 1000


def elapsed_ms():
    return _now["ms"]
