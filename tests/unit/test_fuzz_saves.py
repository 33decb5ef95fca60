"""Mutated saves are refused with problems or accepted; an accepted one replays or reports where it diverges."""

from __future__ import annotations

import functools
import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.core.replay import Divergence, verify
from wargame.persistence.saves import checksum, load_save
from wargame.problems import ProblemsFound
from wargame.session import Session

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "saves").glob("*.toml"))
fuzz = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@functools.cache
def parsed(path: Path) -> tuple[dict, tuple[tuple, ...]]:
    """A shipped save as raw data, and every place in it as a path of keys and indexes."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def walk(value, prefix=()):
        if prefix:
            yield prefix
        if isinstance(value, dict):
            for k, v in value.items():
                yield from walk(v, (*prefix, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                yield from walk(v, (*prefix, i))

    return data, tuple(walk(data))


def get(data, place):
    for key in place:
        data = data[key]
    return data


def put(data, place, change):
    """A copy of `data` with `change(parent, key)` applied at `place`; only the containers on the way are copied."""
    copy = dict(data) if isinstance(data, dict) else list(data)
    if len(place) == 1:
        change(copy, place[0])
    else:
        copy[place[0]] = put(data[place[0]], place[1:], change)
    return copy


def delete(parent, key):
    del parent[key]


REPLACEMENTS = st.one_of(
    st.integers(-3, 10**6), st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
    st.text(max_size=12), st.sampled_from(["blue", "red", "green", "hotline", "game_ended", "move_resolved", "", "nosuch"]),
    st.lists(st.integers(0, 3), max_size=3), st.just({}), st.just([]), st.just([{}]),
)
MUTATION = st.tuples(st.sampled_from(["delete", "replace", "swap"]), st.integers(0), st.integers(0), REPLACEMENTS)


def mutated(data: dict, places: tuple[tuple, ...], mutations) -> dict:
    for action, i, j, replacement in mutations:
        a, b = places[i % len(places)], places[j % len(places)]
        try:
            if action == "delete":
                data = put(data, a, delete)
            elif action == "replace":
                data = put(data, a, lambda parent, key: parent.__setitem__(key, replacement))
            elif a[: len(b)] != b and b[: len(a)] != a:  # swap two values, neither inside the other
                first, second = get(data, a), get(data, b)
                data = put(data, a, lambda parent, key: parent.__setitem__(key, second))
                data = put(data, b, lambda parent, key: parent.__setitem__(key, first))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this place
    return data


def check(path: Path) -> None:
    """Accepted or refused with ProblemsFound; never another exception, and an accepted save replays cleanly."""
    try:
        loaded = load_save(str(path))
    except ProblemsFound as found:
        assert found.problems and all(p.path.startswith(str(path)) for p in found.problems)
        assert all(p.message for p in found.problems)
        return
    save = loaded.save
    result = verify(loaded.campaign.campaign, save.seed, save.turns, save.settings.turns)
    assert result is None or isinstance(result, Divergence)
    session = Session.resume(str(path))  # and it can be played on
    assert session.turn == len(save.turns) + 1 or session.ended


@pytest.mark.parametrize("shipped", SHIPPED, ids=[p.name for p in SHIPPED])
@fuzz
@given(mutations=st.lists(MUTATION, min_size=1, max_size=3), resign=st.sampled_from([True, True, True, False]))
def test_a_save_with_keys_deleted_types_changed_or_values_swapped_is_refused_cleanly_or_replays(shipped, mutations, resign):
    data, places = parsed(shipped)
    data = mutated(data, places, mutations)
    if resign:  # as if a tool had rewritten it with a fresh checksum: the checks after the checksum must hold
        data = {k: v for k, v in data.items() if k != "checksum"}
        data = {**data, "checksum": checksum(data)}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.toml"
        path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
        check(path)


@pytest.mark.parametrize("shipped", SHIPPED, ids=[p.name for p in SHIPPED])
@fuzz
@given(cut=st.floats(0, 1), flips=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), max_size=4))
def test_a_save_with_bytes_truncated_or_flipped_is_refused_cleanly(shipped, cut, flips):
    raw = bytearray(shipped.read_bytes())
    raw = raw[: int(len(raw) * cut)]
    for where, mask in flips:
        if raw:
            raw[min(int(len(raw) * where), len(raw) - 1)] ^= mask
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.toml"
        path.write_bytes(bytes(raw))
        check(path)


def test_saves_are_shipped_to_fuzz():
    assert SHIPPED
