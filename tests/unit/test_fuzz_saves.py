"""Damaged saves are refused with a message or load as the game they were; signed again, they replay or say where."""

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
DEMOS = ("capacity-building-demo", "indo-pacific-demo", "transatlantic-demo", "tutorial-demo")
SHIPPED = [ROOT / "saves" / f"{name}.toml" for name in DEMOS]  # by name: saves/ also gets games played here
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


def refused(path: Path) -> bool:
    """Whether loading `path` is refused with problems that name the file and say what is wrong.

    Any other exception fails the test; a save that loads gives False.
    """
    try:
        load_save(str(path))
    except ProblemsFound as found:
        assert found.problems and all(p.path.startswith(str(path)) for p in found.problems)
        assert all(p.message.strip() for p in found.problems)
        return True
    return False


@functools.cache
def original(shipped: Path):
    return load_save(str(shipped)).save


def check_refused_or_unchanged(path: Path, shipped: Path) -> None:
    """A damaged save not signed again must be refused, or load as the very game it was damaged from
    (a change the checksum does not cover, e.g. white space between TOML tokens, changes nothing)."""
    if not refused(path):
        assert load_save(str(path)).save == original(shipped), "a damaged save loaded as a different game"


def check_resigned(path: Path) -> None:
    """A damaged save signed again passes the checksum: the checks after it must refuse it cleanly,
    or it loads, replays (or says where it diverges) and can be played on."""
    if refused(path):
        return
    loaded = load_save(str(path))
    save = loaded.save
    result = verify(loaded.campaign.campaign, save.seed, save.turns, save.settings.turns)
    assert result is None or isinstance(result, Divergence)
    session = Session.resume(str(path))  # and it can be played on
    assert session.turn == len(save.turns) + 1 or session.ended


def written(data: dict, folder: str, resign: bool) -> Path:
    if resign:  # as if a tool had rewritten it with a fresh checksum: the checks after the checksum must hold
        data = {k: v for k, v in data.items() if k != "checksum"}
        data = {**data, "checksum": checksum(data)}
    path = Path(folder) / "mutant.toml"
    path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("shipped", SHIPPED, ids=[p.name for p in SHIPPED])
@fuzz
@given(mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_a_save_with_keys_deleted_types_changed_or_values_swapped_is_refused_or_loads_unchanged(shipped, mutations):
    data, places = parsed(shipped)
    with tempfile.TemporaryDirectory() as folder:
        check_refused_or_unchanged(written(mutated(data, places, mutations), folder, resign=False), shipped)


@pytest.mark.parametrize("shipped", SHIPPED, ids=[p.name for p in SHIPPED])
@fuzz
@given(mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_a_damaged_save_signed_again_is_refused_with_a_message_or_replays(shipped, mutations):
    data, places = parsed(shipped)
    with tempfile.TemporaryDirectory() as folder:
        check_resigned(written(mutated(data, places, mutations), folder, resign=True))


@pytest.mark.parametrize("shipped", SHIPPED, ids=[p.name for p in SHIPPED])
@fuzz
@given(
    cut=st.one_of(st.just(1.0), st.floats(0, 1)),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=4),
)
def test_a_save_with_bytes_truncated_or_flipped_is_refused_with_a_message_or_loads_unchanged(shipped, cut, flips):
    raw = bytearray(shipped.read_bytes())
    raw = raw[: int(len(raw) * cut)]
    for where, mask in flips:
        if raw:
            raw[min(int(len(raw) * where), len(raw) - 1)] ^= mask
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mutant.toml"
        path.write_bytes(bytes(raw))
        check_refused_or_unchanged(path, shipped)


def test_saves_are_shipped_to_fuzz():
    assert all(path.is_file() for path in SHIPPED)
