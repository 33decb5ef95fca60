"""Join codes: random, shown once to the facilitator, stored only as salted hashes, compared in constant time.

A code is `secrets.token_urlsafe(9)`: 72 random bits. Against that much entropy a slow hash buys
nothing, so a keyed SHA-256 with a per-code salt is used; it costs microseconds, so a flood of wrong
codes cannot tie up the host the way scrypt would.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

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
    parts = _split(stored)
    _, salt, expected = parts or _split(_DUMMY)  # type: ignore[misc]
    return hmac.compare_digest(_digest(code, salt), expected) and parts is not None


def is_hash(stored: str | None) -> bool:
    """Whether `stored` is a code hash this module can check (not empty, not garbled)."""
    return _split(stored) is not None


def _split(stored: str | None) -> tuple[str, bytes, bytes] | None:
    if not stored:
        return None
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        salt, digest = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
    except ValueError:
        return None
    if scheme != SCHEME or len(digest) != 32:
        return None
    return scheme, salt, digest
