# Steps 1-3: challenge, response and the three-attempt rule.

import binascii
import hashlib

from . import wire
from .protocol import AUTH_FAIL, CHALLENGE_BYTES, MAX_AUTH_ATTEMPTS, OK, RESPONSE_LENGTH, ConnectionCut


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


def authenticate(conn, password, urandom, log):
    # True once a response matched and OK was sent; False when the connection is to be closed without
    # another word (every attempt failed, or the client went away or stalled).
    try:
        for attempt in range(1, MAX_AUTH_ATTEMPTS + 1):
            challenge = new_challenge(urandom)
            wire.send(conn, challenge)
            response = wire.read_exactly(conn, RESPONSE_LENGTH)
            if equal(response, expected_response(challenge, password)):
                wire.send(conn, OK)
                return True
            log("wrong response to the challenge (attempt %d of %d)" % (attempt, MAX_AUTH_ATTEMPTS))
            wire.send(conn, AUTH_FAIL)
    except (ConnectionCut, OSError) as e:
        log("authentication aborted: %s" % (e,))
        return False
    log("refused after %d wrong responses" % MAX_AUTH_ATTEMPTS)
    return False
