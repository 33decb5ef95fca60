"""The engine gives, game for game, the events the golden corpus recorded: speed work must not change a roll."""

import json

import pytest

from tests import engine_corpus


@pytest.fixture(scope="module")
def golden():
    return json.loads(engine_corpus.GOLDEN.read_text())


def test_every_game_of_the_corpus_gives_the_events_the_golden_corpus_recorded(golden):
    now = engine_corpus.fingerprints()
    differ = sorted(name for name in now if golden.get(name) != now[name])
    assert set(now) == set(golden), "the corpus's games changed: python -m tests.engine_corpus --write"
    assert not differ, (
        f"{len(differ)} of {len(now)} games changed their events (first: {differ[:5]}). If the rules or bots were "
        "meant to change, bump the engine version and write the corpus anew: python -m tests.engine_corpus --write"
    )


def test_the_corpus_spoils_orders_and_intervenes_so_refusals_and_rulings_are_pinned_too():
    names = [name for name, *_ in engine_corpus.games()]
    assert any("|spoiled|" in n for n in names)
    assert any(n.startswith("campaigns/vignettes/") for n in names)
    assert any(n.startswith("docs/recipes/") for n in names)
