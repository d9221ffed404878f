# Steps 1-3: challenge, response and the three-attempt rule, and the slowdown of guessing.

import binascii
import hashlib
import time

from . import wire
from .protocol import (AUTH_DEADLINE_MS, AUTH_FAIL, CHALLENGE_BYTES, MAX_AUTH_ATTEMPTS, OK, RESPONSE_LENGTH,
                       V2_OPENING, ConnectionCut)

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


def new_challenge(urandom):
    # A cryptographically strong challenge: os.urandom on the board, never the PRNG of `random`.
    return binascii.hexlify(urandom(CHALLENGE_BYTES))


def expected_response(challenge, password):
    h = hashlib.sha256(challenge)
    h.update(password.encode())
    return binascii.hexlify(h.digest())


def equal(a, b):
    # Constant time in the content, so that the time of a refusal tells an attacker nothing.
    if len(a) != len(b):
        return False
    diff = 0
    for i in range(len(a)):
        diff |= a[i] ^ b[i]
    return diff == 0


def is_opening(response):
    # A v2 opening: the prefix and 48 lowercase hex characters (anything else after the prefix is a wrong response).
    if response[:len(V2_OPENING)] != V2_OPENING:
        return False
    return all(c in b"0123456789abcdef" for c in response[len(V2_OPENING):])


def authenticate(conn, password, urandom, log, address, guesses, timeout_ms, v1=True):
    # True once a response matched and OK was sent; False when the connection is to be closed without
    # another word (every attempt failed, or the client went away or stalled); (challenge, opening) when the
    # client opened a v2 session, which does not count as an attempt. With v1 off every v1 response is refused
    # like a wrong one, so that the answer tells no one whether it was right.
    try:
        attempt = 1
        while attempt <= MAX_AUTH_ATTEMPTS:
            challenge = new_challenge(urandom)
            wire.send(conn, challenge)
            deadline = wire.Deadline("the response to the challenge", AUTH_DEADLINE_MS, timeout_ms)
            response = wire.read_exactly(conn, RESPONSE_LENGTH, deadline)
            if is_opening(response):
                return challenge, bytes(response)
            if v1 and equal(response, expected_response(challenge, password)):
                guesses.succeeded(address)
                wire.send(conn, OK)
                return True
            delay = guesses.failed(address)
            if not v1:
                log("v1 is off: only v2 clients are served")
            log("wrong response to the challenge (attempt %d of %d); AUTH_FAIL after %d ms"
                % (attempt, MAX_AUTH_ATTEMPTS, delay))
            attempt += 1
            time.sleep_ms(delay)
            wire.send(conn, AUTH_FAIL)
    except (ConnectionCut, OSError) as e:
        log("authentication aborted: %s" % (e,))
        return False
    log("refused after %d wrong responses" % MAX_AUTH_ATTEMPTS)
    return False
