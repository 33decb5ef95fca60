"""A turn's random streams: one generator per (seed, turn, stream name), independent of every other."""

from __future__ import annotations

import hashlib
import random


def turn_rng(seed: int, turn: int, stream: str = "adjudication") -> random.Random:
    """A generator for one turn of one stream, independent of every other turn."""
    digest = hashlib.sha256(f"{seed}:{turn}:{stream}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))
