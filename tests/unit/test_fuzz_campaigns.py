"""Mutated campaigns are either refused with problems or accepted and playable to the end; every campaign
that validates plays to the end with bots."""

from __future__ import annotations

import copy
import functools
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.campaign.loader import load_campaign, parse_campaign
from wargame.core.bots import PERSONAS
from wargame.core.simulation import play_out
from wargame.problems import ProblemsFound
from wargame.session import Session

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGNS = sorted((ROOT / "campaigns").glob("*.toml"))
IDS = [p.name for p in CAMPAIGNS]
SEEDS = range(10)


def paths(value, prefix=()):
    """Every place in the parsed TOML: (path, value)."""
    yield prefix, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, prefix + (i,))


@functools.cache
def base(path: Path) -> tuple[str, dict, list[tuple], list[str]]:
    """The campaign's text, its parsed TOML, every place in it, and every id it defines (for swapping in)."""
    source = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        pytest.skip(f"{path.name} is not TOML at the moment ({exc}); its author's tests say why")
    places = [p for p, _ in paths(data) if p]
    ids = sorted({v for p, v in paths(data) if p and p[-1] == "id" and isinstance(v, str)})
    return source, data, places, ids


def mutate(data, path, action, replacement):
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "delete":
        del parent[last]
    else:
        parent[last] = replacement


REPLACEMENTS = st.one_of(
    st.integers(-5, 50), st.floats(-2, 2, allow_nan=False), st.booleans(), st.text(max_size=8),
    st.just(""), st.lists(st.text(max_size=3), max_size=3), st.just({}),
)


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=IDS)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mutations=st.lists(
        st.tuples(st.integers(0), st.sampled_from(["delete", "replace", "reference", "swap"]), st.integers(0), REPLACEMENTS),
        min_size=1, max_size=3,
    ),
    seed=st.integers(0, 1000),
)
def test_a_mutated_campaign_is_refused_cleanly_or_plays_to_the_end(campaign, mutations, seed):
    _, data, places, ids = base(campaign)
    data = copy.deepcopy(data)
    for where, action, other, replacement in mutations:
        path = places[where % len(places)]
        try:
            if action == "reference":  # point a reference at another id of the same campaign
                replacement = ids[other % len(ids)] if ids else "nosuch"
            elif action == "swap":  # swap two values, neither inside the other
                second = places[other % len(places)]
                if path[: len(second)] == second or second[: len(path)] == path:
                    continue
                first_value = functools.reduce(lambda d, k: d[k], path, data)
                replacement = functools.reduce(lambda d, k: d[k], second, data)
                mutate(data, second, "replace", first_value)
            mutate(data, path, action if action == "delete" else "replace", replacement)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this place
    try:
        loaded = parse_campaign("mutant.toml", tomli_w.dumps(data))
    except ProblemsFound as found:
        assert found.problems and all(str(p).startswith("mutant.toml") for p in found.problems)
        return
    session = Session.start(loaded, seed)
    while not session.ended:
        session.submit_bots()
        session.commit()


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=IDS)
@settings(max_examples=40, deadline=None)
@given(cut=st.floats(0, 1), splice=st.floats(0, 1))
def test_a_truncated_or_spliced_campaign_text_is_refused_or_accepted_never_crashes(campaign, cut, splice):
    source = base(campaign)[0]
    text = source[: int(len(source) * cut)] + source[int(len(source) * splice):]
    try:
        parse_campaign("cut.toml", text)
    except ProblemsFound as found:
        assert found.problems


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=IDS)
def test_every_campaign_that_validates_plays_to_the_end_with_every_bot_persona_for_many_seeds(campaign):
    try:
        loaded = load_campaign(str(campaign))
    except ProblemsFound as found:
        pytest.skip(f"{campaign.name} does not validate at the moment: {found.problems[0]}")
    c = loaded.campaign
    for persona in PERSONAS:
        for seed in SEEDS:
            summary = play_out(c, seed, {t.id: persona for t in c.teams})
            assert summary.ending, f"{campaign.name}, {persona}, seed {seed}: the game did not end"
            assert 1 <= summary.turns <= c.turns


def test_there_are_campaigns_to_fuzz():
    assert any(p.name == "tutorial.toml" for p in CAMPAIGNS)
