"""Mutated campaigns are either refused with problems or accepted and playable to the end."""

import tomllib

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wargame.campaign.loader import parse_campaign
from wargame.problems import ProblemsFound
from wargame.session import Session

SOURCE = open("campaigns/tutorial.toml", encoding="utf-8").read()
BASE = tomllib.loads(SOURCE)


def paths(value, prefix=()):
    """Every place in the parsed TOML: (path, value)."""
    yield prefix, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, prefix + (i,))


PLACES = [p for p, _ in paths(BASE) if p]
REPLACEMENTS = st.one_of(
    st.integers(-5, 50), st.floats(-2, 2, allow_nan=False), st.booleans(), st.text(max_size=8),
    st.sampled_from(["blue", "red", "green", "hotline", "calder_pact", "nosuch", ""]),
    st.lists(st.sampled_from(["blue", "red", "x"]), max_size=3), st.just({}),
)


def mutate(data, path, action, replacement):
    import copy

    data = copy.deepcopy(data)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if action == "delete":
        del parent[last]
    else:
        parent[last] = replacement
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(PLACES), st.sampled_from(["delete", "replace"]), REPLACEMENTS),
        min_size=1, max_size=3,
    ),
    st.integers(0, 1000),
)
def test_a_mutated_campaign_is_refused_cleanly_or_plays_to_the_end(mutations, seed):
    data = BASE
    for path, action, replacement in mutations:
        try:
            data = mutate(data, path, action, replacement)
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


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(SOURCE)), st.integers(0, len(SOURCE)))
def test_a_truncated_or_spliced_campaign_text_is_refused_or_accepted_never_crashes(cut, splice):
    text = SOURCE[:cut] + SOURCE[splice:]
    try:
        parse_campaign("cut.toml", text)
    except ProblemsFound as found:
        assert found.problems
