# The slowdown of online guessing: the pause before each AUTH_FAIL, from the wrong responses the board has seen.
# Kept apart from auth.py because it lives as long as the server, while auth.py is loaded for a session's first
# phase only (memory.py).

# After a wrong response the device waits before AUTH_FAIL: GUESS_DELAY_MS after the first failure, doubling
# with each further one, at most MAX_GUESS_DELAY_MS (under the 10 s that clients wait for a reply). The count is
# the failures of the client's address, or the failures of all addresses divided by GUESSES_PER_STEP (an
# attacker with many addresses), whichever is more; a right response resets both. The board serves one client
# at a time, so every wrong guess costs at least the delay: once it is at its bound, at most 3600 / 5 = 720
# guesses an hour. A right response is answered at once, whatever came before it.
GUESS_DELAY_MS = 250
MAX_GUESS_DELAY_MS = 5000
GUESSES_PER_STEP = 3
# Addresses remembered; when full, the one with the fewest failures is forgotten (the overall count remains).
MAX_ADDRESSES = 8


class Guesses:
    # Wrong responses since the last right one, per address and overall (lost at a reset).
    def __init__(self):
        self.by_address = {}
        self.overall = 0

    def failed(self, address):
        # Counts a wrong response from address; returns the delay before its AUTH_FAIL, in milliseconds.
        n = self.by_address.get(address, 0) + 1
        if n == 1 and len(self.by_address) >= MAX_ADDRESSES:
            del self.by_address[min(self.by_address, key=self.by_address.get)]
        self.by_address[address] = n
        self.overall += 1
        step = max(n, self.overall // GUESSES_PER_STEP)
        return min(MAX_GUESS_DELAY_MS, GUESS_DELAY_MS << min(step - 1, 16))

    def succeeded(self, address):
        self.by_address.pop(address, None)
        self.overall = 0
