import time


class Schedule:
    """Waits out the rest of each interval, so readings stay evenly spaced however long a reading takes."""

    def __init__(self, interval_s):
        self._interval_ms = interval_s * 1000
        self._next = time.ticks_add(time.ticks_ms(), self._interval_ms)

    def wait(self):
        delay = time.ticks_diff(self._next, time.ticks_ms())
        if delay > 0:
            time.sleep_ms(delay)
        self._next = time.ticks_add(self._next, self._interval_ms)
