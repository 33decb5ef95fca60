"""Join codes: random, shown once to the facilitator, stored only as salted hashes, compared in constant time.

A code is `secrets.token_urlsafe(9)`: 72 random bits. Against that much entropy a slow hash buys
nothing, so a keyed SHA-256 with a per-code salt is used; it costs microseconds, so a flood of wrong
codes cannot tie up the host the way scrypt would.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from ..passphrase import split_hash

SCHEME = "hmac-sha256"
_DUMMY = f"{SCHEME}${'00' * 16}${'00' * 32}"


def new_code() -> str:
    """A fresh join code, 12 characters of [A-Za-z0-9_-]."""
    return secrets.token_urlsafe(9)


def _digest(code: str, salt: bytes) -> bytes:
    return hmac.new(salt, code.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()


def hash_code(code: str) -> str:
    """`hmac-sha256$salt$digest` in hex; the code itself cannot be read back from it."""
    salt = secrets.token_bytes(16)
    return f"{SCHEME}${salt.hex()}${_digest(code, salt).hex()}"


def check_code(code: str, stored: str | None) -> bool:
    """True when `code` matches `stored`. A missing or unreadable hash never matches, but costs the same
    work, so that a wrong team and a wrong code take the same time."""
    parts = split_hash(stored, SCHEME)
    salt, expected = parts or split_hash(_DUMMY, SCHEME)  # type: ignore[misc]
    return hmac.compare_digest(_digest(code, salt), expected) and parts is not None


def is_hash(stored: str | None) -> bool:
    """Whether `stored` is a code hash this module can check (not empty, not garbled)."""
    return split_hash(stored, SCHEME) is not None
