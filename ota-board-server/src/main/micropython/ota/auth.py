# Steps 1-3: challenge, response and the three-attempt rule (the slowdown of guessing is guesses.py's).

import binascii
import hashlib
import time

from . import wire
from .protocol import (AUTH_DEADLINE_MS, AUTH_FAIL, CHALLENGE_BYTES, MAX_AUTH_ATTEMPTS, OK, RESPONSE_LENGTH,
                       V2_OPENING, ConnectionCut)

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
