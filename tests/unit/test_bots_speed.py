"""The bots' speed shortcuts give exactly what the plain way gives.

A bot's plan keeps, per campaign, the move orders it may give and what a mediating doctrine
weighs (pairs, step-down moves by cost, the channels it shares with each pair); `bot_orders`
takes a move whose score is already exact as soon as it is the best, and skips mediation below
the doctrine's `mediate_at`. Each is checked here against the plain definition, over states
from bot-played games of every bundled campaign, with doctrines that mediate from the first rung.
"""

import functools
from pathlib import Path

import attrs
import pytest

from wargame.campaign.loader import load_campaign
from wargame.core import bots
from wargame.core.adjudicator import adjudicate
from wargame.core.bots import PERSONAS, STAND_DOWN_TEXT, bot_orders, mediation_orders
from wargame.core.escalation import ladder
from wargame.core.model import Doctrine
from wargame.core.orders import MessageOrder, MoveOrder, TeamOrders
from wargame.core.rules import budget, refusal
from wargame.core.simulation import run_seed
from wargame.core.state import apply_all, initial_state

CAMPAIGNS = sorted((Path(__file__).resolve().parents[2] / "campaigns").glob("*.toml"))


def mediating(campaign):
    """The campaign with every team's doctrine mediating from the first rung up (a default doctrine
    where a team has none), so mediation is weighed on every turn of every game."""
    first = campaign.rungs[0].id
    teams = tuple(
        attrs.evolve(t, doctrine=attrs.evolve(t.doctrine or Doctrine(), mediate_at=first)) for t in campaign.teams
    )
    return attrs.evolve(campaign, teams=teams)


@functools.lru_cache(maxsize=None)
def played(path, games=3):
    """(campaign, [(state, seed, last turn's events)]) from doctrine bots that mediate, and the other personas."""
    c = mediating(load_campaign(str(path)).campaign)
    turns = []
    for game in range(games):
        seed = run_seed(23, game)
        state, last = initial_state(c), ()
        while not state.ended:
            turns.append((state, seed, last))
            persona = ("doctrine", *PERSONAS)[(game + state.turn) % (len(PERSONAS) + 1)]
            orders = [bot_orders(persona, c, state, t.id, seed, last) for t in c.teams]
            last = adjudicate(c, state, orders, (), seed)
            state = apply_all(c, state, last)
    return c, turns


@pytest.fixture(scope="module", params=CAMPAIGNS, ids=[p.stem for p in CAMPAIGNS])
def game(request):
    return played(request.param)


def plain_mediation(campaign, state, team, orders):
    """`mediation_orders` as first written, every turn from the campaign itself."""
    doctrine = campaign.team(team).doctrine
    if doctrine is None or doctrine.mediate_at is None:
        return orders
    floor = campaign.rung_index(doctrine.mediate_at)
    others = [t.id for t in campaign.teams if t.id != team]
    pairs = [(state.rung(a, b), a, b) for i, a in enumerate(others) for b in others[i + 1 :]]
    tense = sorted((p for p in pairs if p[0] >= floor), key=lambda p: -p[0])
    if not tense:
        return orders
    moves = list(orders.moves)
    left = budget(state, team) - sum(campaign.move(m.move).cost for m in moves if campaign.find_move(m.move))
    lad = ladder(campaign)
    steps_down = sorted(
        (m for m in campaign.moves if m.target == "dyad" and m.cost <= left and all(o.move != m.id for o in moves)),
        key=lambda m: m.cost,
    )
    for move in steps_down:
        pair = next(
            ((a, b) for level, a, b in tense
             if lad.move_landing(level, move, move.effects)[0] < level and not refusal(campaign, state, team, move, a, b)),
            None,
        )
        if pair is not None:
            moves.append(MoveOrder(move.id, *pair))
            break
    messages = list(orders.messages)
    carried = {frozenset((p.responder, p.other)) for p in state.proposals if p.sender == team and p.other}
    if not any(m.proposal for m in messages):
        for _, a, b in tense:
            if frozenset((a, b)) in carried:
                continue
            channel = next(
                (ch for ch in campaign.channels
                 if {team, a, b} <= set(ch.members) and state.channels[ch.id] != "suspended"),
                None,
            )
            if channel is not None:
                messages.append(MessageOrder(channel.id, STAND_DOWN_TEXT, (a, b), "stand_down"))
                break
    return attrs.evolve(orders, moves=tuple(moves), messages=tuple(messages))


def test_these_games_give_mediation_to_weigh(game):
    c, turns = game
    mediated = sum(
        len(bot_orders("doctrine", c, state, t.id, seed, last).moves) > 3 or any(
            m.proposal == "stand_down" and len(m.to) == 2 for m in bot_orders("doctrine", c, state, t.id, seed, last).messages
        )
        for state, seed, last in turns
        for t in c.teams
    )
    assert mediated or not any(m.target == "dyad" for m in c.moves) and not c.channels


def test_a_mediating_doctrine_adds_what_the_plain_mediation_adds(game):
    c, turns = game
    for state, seed, last in turns:
        for team in (t.id for t in c.teams):
            for persona in ("doctrine", *PERSONAS):
                orders = bot_orders(persona, c, state, team, seed, last)
                plain = TeamOrders(team=team, moves=orders.moves[:3], messages=orders.messages)
                assert mediation_orders(c, state, team, plain) == plain_mediation(c, state, team, plain)


def test_a_doctrine_bot_gives_the_plain_mediation_of_its_own_choice(game):
    c, turns = game
    for state, seed, last in turns:
        for team in (t.id for t in c.teams):
            orders = bot_orders("doctrine", c, state, team, seed, last)
            believed = bots.read_state(c, state, team, bots.reading_of("doctrine", c, team))
            # Mediation only adds: the first moves and messages are the bot's own choice.
            own = [m for m in orders.moves if m.dyad_with is None]
            said = [m for m in orders.messages if not (m.text == STAND_DOWN_TEXT and len(m.to) == 2)]
            chosen = attrs.evolve(orders, moves=tuple(own), messages=tuple(said))
            assert plain_mediation(c, believed, team, chosen) == orders


def test_the_plan_gives_each_move_order_as_it_would_be_written(game):
    c, _ = game
    for team in (t.id for t in c.teams):
        for persona in PERSONAS:
            plan = bots._plan(c, team, persona)
            for _, target, calm, provoked in plan.fronts:
                for entries in (*calm, *provoked):
                    for entry in entries:
                        assert plan.orders[entry[1].id, target] == MoveOrder(entry[1].id, target or None)
