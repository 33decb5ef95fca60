"""`run --explain`: the explanation of a bot's choice works the choice out again, apart from the bot,
and comes to the same moves for every bundled campaign and persona; asking for it changes nothing
the bot orders; its scores add up term by term."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.campaign.loader import load_campaign
from wargame.core.adjudicator import resolve_turn
from wargame.core.bots import bot_orders, news_for_bots
from wargame.core.explain import chosen_moves, explain_orders
from wargame.core.personas import PERSONAS
from wargame.core.state import initial_state

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGNS = sorted((ROOT / "campaigns").glob("*.toml")) + sorted((ROOT / "campaigns" / "vignettes").glob("*.toml"))
TURNS = 3


@pytest.mark.parametrize("path", CAMPAIGNS, ids=[p.stem for p in CAMPAIGNS])
def test_the_explained_choice_is_the_bots_own_and_explaining_changes_no_order(path):
    c = load_campaign(str(path)).campaign
    for persona in PERSONAS:
        state, news, seed = initial_state(c), [], 11
        while not state.ended and state.turn <= TURNS:
            orders = []
            for team in (t.id for t in c.teams):
                before = bot_orders(persona, c, state, team, seed, news)
                x = explain_orders(persona, c, state, team, seed, news)
                after = bot_orders(persona, c, state, team, seed, news)
                assert before == after == x.orders, (persona, team, state.turn)
                assert chosen_moves(x) == before.moves[: len(chosen_moves(x))], (persona, team, state.turn)
                for o in x.options:
                    assert sum(v for _, v in o.terms) == pytest.approx(o.weight)
                    assert o.score == pytest.approx(o.weight * (0.5 + o.chance) + o.noise - o.red_line)
                orders.append(before)
            events, state = resolve_turn(c, state, orders, (), seed, c.turns)
            news = news_for_bots(events)


def test_a_hawks_first_turn_in_the_tutorial_names_its_terms_and_its_verdicts():
    c = load_campaign(str(ROOT / "campaigns" / "tutorial.toml")).campaign
    x = explain_orders("hawk", c, initial_state(c), "red", 3)
    assert x.taste == "hawk" and x.budget == 4
    assert [o.verdict for o in x.options].count("chosen") == len(x.orders.moves)
    first = x.options[0]
    assert first.verdict == "chosen" and any(label.startswith("category ") for label, _ in first.terms)
    # Refused by the rules, with the rules' own reason: a strike needs the dyad at an armed standoff.
    assert any(move == "strike" and "Armed standoff" in why for move, _, why in x.refused)
