"""Bot personas: each decides a team's orders from what that team may know."""

from __future__ import annotations

from collections.abc import Sequence

from . import events as ev
from .adjudicator import turn_rng
from .model import Campaign
from .orders import MessageOrder, MoveOrder, Response, TeamOrders
from .rules import treaty_partners
from .state import GameState
from .views import options, visible_events

PERSONAS = ("random", "hawk", "dove", "tit-for-tat")
MAX_MOVES = 3

# How much each persona likes a move: by category, per rung of escalation, and
# for crossing a firebreak. Obligations owed under a treaty weigh for all but
# `random`, so allied bots honour commitments unless a persona says otherwise.
_TASTES = {
    "hawk": {
        "category": {"military": 1.2, "cyber": 1.0, "information": 0.6, "alliance": 0.5,
                     "economic": 0.3, "diplomatic": -0.4},
        "escalation": 1.5, "firebreak": -1.0, "obligation": 3.0, "noise": 0.6,
    },
    "dove": {
        "category": {"diplomatic": 1.2, "alliance": 0.8, "economic": 0.5, "information": 0.2,
                     "cyber": -0.3, "military": -0.5},
        "escalation": -2.0, "firebreak": -10.0, "obligation": 1.5, "noise": 0.6,
    },
    "random": {"category": {}, "escalation": 0.0, "firebreak": -0.5, "obligation": 0.0, "noise": 2.0},
}


def bot_orders(
    persona: str,
    campaign: Campaign,
    state: GameState,
    team: str,
    seed: int,
    log: Sequence[ev.Event] = (),
) -> TeamOrders:
    """A persona's orders for `team` this turn, using only what `team` may see of `log`."""
    rng = turn_rng(seed, state.turn, f"bot:{team}")
    seen = visible_events(log, team)
    last = [e for e in seen if e.turn == state.turn - 1]
    hostile = _escalated_against(team, last)
    rivals = [t.id for t in campaign.teams if t.id != team and t.id not in treaty_partners(campaign, team)]
    owed = {o.tag for o in state.obligations if o.team == team}

    def taste(target: str) -> dict:
        if persona == "tit-for-tat":
            # Mirror the other side: answer last turn's escalation in kind, else cooperate.
            return _TASTES["hawk"] if target in hostile else _TASTES["dove"]
        return _TASTES.get(persona, _TASTES["random"])

    scored = []
    for option in options(campaign, state, team):
        if option.refusal:
            continue
        move = campaign.move(option.move)
        t = taste(option.target)
        score = t["category"].get(move.category, 0.0)
        score += t["escalation"] * move.effects.escalation
        if move.crosses_firebreak:
            score += t["firebreak"]
        if owed & set(move.tags):
            score += t["obligation"] if persona != "random" else 1.0
        if option.target and option.target in rivals and move.effects.escalation > 0:
            score += 0.3
        score = score * (0.5 + option.chance) + t["noise"] * rng.random()
        scored.append((score, option))
    scored.sort(key=lambda pair: -pair[0])
    spent, chosen, used = 0, [], set()
    for score, option in scored:
        if score <= 0.5 or len(chosen) == MAX_MOVES:
            continue
        if option.move in used or spent + option.cost > state.tracks[team]["resources"]:
            continue
        spent += option.cost
        used.add(option.move)
        chosen.append(MoveOrder(option.move, option.target or None))
    return TeamOrders(
        team=team,
        moves=tuple(chosen),
        messages=_messages(persona, campaign, state, team, rivals, hostile, rng),
        responses=_responses(persona, state, team, hostile, rng),
    )


def _escalated_against(team: str, last: Sequence[ev.Event]) -> set[str]:
    """Teams whose dyad with `team` rose last turn."""
    out = set()
    for e in last:
        if isinstance(e, ev.EscalationChanged) and team in e.dyad and e.new != e.old:
            if e.cause.startswith("accidental"):
                continue
            other = e.dyad[0] if e.dyad[1] == team else e.dyad[1]
            out.add(other)
    return out


def _messages(persona, campaign, state, team, rivals, hostile, rng) -> tuple[MessageOrder, ...]:
    out = []
    for channel in campaign.channels:
        if team not in channel.members or state.channels[channel.id] == "suspended":
            continue
        for other in channel.members:
            if other == team or other not in rivals:
                continue
            level = state.rung(team, other)
            if persona in ("dove", "tit-for-tat") and level >= 2 and other not in hostile:
                text = "We propose a mutual stand-down of forces to lower the temperature."
                out.append(MessageOrder(channel.id, text, (other,), "stand_down"))
            elif persona == "random" and rng.random() < 0.3:
                out.append(MessageOrder(channel.id, "We seek clarification of your intentions.", (other,)))
            elif persona == "hawk" and level >= 3 and rng.random() < 0.3:
                out.append(MessageOrder(channel.id, "Stand back or bear the consequences.", (other,)))
        if out:
            break
    return tuple(out)


def _responses(persona, state, team, hostile, rng) -> tuple[Response, ...]:
    out = []
    for p in state.proposals:
        if p.responder != team:
            continue
        if persona == "dove":
            accept = True
        elif persona == "tit-for-tat":
            accept = p.sender not in hostile
        elif persona == "hawk":
            accept = p.kind == "stand_down" and rng.random() < 0.3
        else:
            accept = rng.random() < 0.5
        out.append(Response(p.id, accept))
    return tuple(out)
