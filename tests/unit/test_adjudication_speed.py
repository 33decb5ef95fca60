"""The lean turn (`resolve_turn(..., explain=False)`) and the cheaper streams change no outcome.

The lean turn leaves out the explanations (the terms of chances and of accident and leak
rolls, the notes of beliefs); every other field of every event, the state after the turn and each game's summary
must be what the eager turn gives. A game written as a save (`simulate --save-game`) is
adjudicated eagerly and must still be the game the lean simulation played.
"""

from __future__ import annotations

import random
from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import events as ev
from wargame.core import streams
from wargame.core.adjudicator import resolve_turn
from wargame.core.bots import bot_orders, news_for_bots
from wargame.core.simulation import game_row, play_out, run_seed
from wargame.core.state import initial_state

CAMPAIGNS = sorted((Path(__file__).resolve().parents[2] / "campaigns").glob("*.toml"))
PERSONAS = ("hawk", "dove", "random")


def without_explanations(event: ev.Event) -> ev.Event:
    """The event as the lean turn gives it: its explanatory terms and notes emptied."""
    if isinstance(event, ev.MoveResolved):
        return attrs.evolve(event, terms=())
    if isinstance(event, ev.AccidentRolled):
        return attrs.evolve(event, terms=(), leak_terms=())
    if isinstance(event, ev.BeliefsFormed):
        return attrs.evolve(event, notes=())
    return event


@pytest.mark.parametrize("path", CAMPAIGNS, ids=lambda p: p.stem)
def test_the_lean_turn_gives_the_eager_events_but_for_their_explanations(path):
    campaign = load_campaign(str(path)).campaign
    explained = 0
    for game in range(6):
        seed = run_seed(3, game)
        personas = {t.id: PERSONAS[(game + i) % len(PERSONAS)] for i, t in enumerate(campaign.teams)}
        state, news = initial_state(campaign), []
        while not state.ended:
            orders = [bot_orders(personas[t.id], campaign, state, t.id, seed, news) for t in campaign.teams]
            eager, after = resolve_turn(campaign, state, orders, (), seed, campaign.turns)
            lean, lean_after = resolve_turn(campaign, state, orders, (), seed, campaign.turns, explain=False)
            assert lean == tuple(without_explanations(e) for e in eager)
            # The state keeps each team's latest beliefs: the lean ones without their notes.
            assert lean_after == attrs.evolve(after, beliefs={t: without_explanations(b) for t, b in after.beliefs.items()})
            explained += sum(bool(getattr(e, "terms", ())) for e in eager)
            state, news = after, news_for_bots(eager)
    assert explained, "no eager event had terms: the comparison showed nothing"


@pytest.mark.parametrize("path", CAMPAIGNS, ids=lambda p: p.stem)
def test_a_simulated_game_sums_up_the_same_whether_recorded_or_not(path):
    campaign = load_campaign(str(path)).campaign
    for game in range(4):
        seed = run_seed(5, game)
        personas = {t.id: PERSONAS[(game + i) % len(PERSONAS)] for i, t in enumerate(campaign.teams)}
        record: list = []
        eager = play_out(campaign, seed, personas, record=record)
        lean = play_out(campaign, seed, personas)
        assert lean == eager
        assert game_row(lean, game, seed) == game_row(eager, game, seed)
        assert record and all(isinstance(e, ev.Event) for turn in record for e in turn.events)


def test_a_saved_game_is_the_game_the_lean_simulation_played(tmp_path):
    from wargame import study

    loaded = load_campaign(str(CAMPAIGNS[0]))
    personas = {t.id: "hawk" for t in loaded.campaign.teams}
    seed, index = 1, 3
    _, row = study.save_game(loaded, personas, seed, index, str(tmp_path / "games"))
    lean = play_out(loaded.campaign, run_seed(seed, index), personas)
    assert row == game_row(lean, index, run_seed(seed, index))


@pytest.mark.parametrize("stream", ["adjudication", "bot:red", "perception:blue", "argument:red:0"])
def test_a_turn_stream_is_the_generator_it_always_was(stream):
    import hashlib

    for seed, turn in ((0, 1), (7, 3), (2**40 + 5, 12), (-3, 2)):
        digest = hashlib.sha256(f"{seed}:{turn}:{stream}".encode()).digest()
        reference = random.Random(int.from_bytes(digest[:8], "big"))
        rng = streams.turn_rng(seed, turn, stream)
        assert rng.getstate() == reference.getstate()
        assert [rng.random() for _ in range(50)] == [reference.random() for _ in range(50)]
        assert rng.gauss(0, 1) == reference.gauss(0, 1)
