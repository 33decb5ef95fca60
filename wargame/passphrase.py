"""The facilitator passphrase, kept only as a salted scrypt hash and compared in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1


def hash_passphrase(passphrase: str) -> str:
    """`scrypt$salt$hash` in hex; the passphrase itself is never stored."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def split_hash(stored: str | None, scheme: str) -> tuple[bytes, bytes] | None:
    """(salt, digest) of a `scheme$salt$digest` hash, or None when it is empty, garbled or another scheme."""
    if not stored:
        return None
    try:
        found, salt_hex, digest_hex = stored.split("$")
        salt, digest = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
    except ValueError:
        return None
    if found != scheme or len(digest) != 32:
        return None
    return salt, digest


def check_passphrase(passphrase: str, stored: str) -> bool:
    """True when `passphrase` matches the stored hash; an empty stored hash means no passphrase."""
    if not stored:
        return True
    parts = split_hash(stored, "scrypt")
    if parts is None:
        return False
    salt, expected = parts
    digest = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return hmac.compare_digest(digest, expected)
