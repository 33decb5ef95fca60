"""A turn's random streams: one generator per (seed, turn, stream name), independent of every other."""

from __future__ import annotations

import hashlib
import random

_new_generator = random.Random.__new__
_seed_generator = random.Random.__base__.seed  # _random.Random.seed: the generator's own (C) seeding


def turn_rng(seed: int, turn: int, stream: str = "adjudication") -> random.Random:
    """A generator for one turn of one stream, independent of every other turn."""
    digest = hashlib.sha256(f"{seed}:{turn}:{stream}".encode()).digest()
    # random.Random(n), without its Python-level __init__ and seed: the same state, a tenth cheaper.
    rng = _new_generator(random.Random)
    _seed_generator(rng, int.from_bytes(digest[:8], "big"))
    rng.gauss_next = None
    return rng
