"""Bot personas: each decides a team's orders from what that team may know.

Every persona is a `Taste`, a set of weights over moves; `tit-for-tat` and
`deterrent` pick a taste per target from what that target did last turn, and
`doctrine` reads the weights the instructor wrote into the campaign.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from . import events as ev
from .adjudicator import turn_rng
from .model import Campaign, Doctrine, Move
from .orders import MessageOrder, MoveOrder, Response, TeamOrders
from .rules import budget, refusal, success_chance, treaty_partners
from .state import GameState
from .views import visible_events

PERSONAS = ("random", "hawk", "dove", "tit-for-tat", "deterrent", "doctrine")
MAX_MOVES = 3
THRESHOLD = 0.5
"""A move is chosen only if its score beats this: a bot may well pass."""


@attrs.frozen
class Taste:
    """How much a persona likes a move, term by term; see `_score`."""

    categories: dict[str, float] = attrs.Factory(dict)
    moves: dict[str, float] = attrs.Factory(dict)
    escalation: float = 0.0
    firebreak: float = -0.5
    obligation: float = 0.0
    channels: float = 0.0
    posture: float = 0.0
    noise: float = 0.6
    max_escalation: int = 99
    max_rung: int | None = None


HAWK = Taste(
    categories={"military": 1.2, "cyber": 1.0, "information": 0.6, "alliance": 0.5, "economic": 0.3, "diplomatic": -0.4},
    escalation=1.5, firebreak=-1.0, obligation=3.0, channels=-0.5,
)
DOVE = Taste(
    categories={"diplomatic": 1.2, "alliance": 0.8, "economic": 0.5, "information": 0.2, "cyber": -0.3, "military": -0.5},
    escalation=-2.0, firebreak=-10.0, obligation=1.5, channels=1.0,
)
RANDOM = Taste(noise=2.0)
# Deterrence: honour commitments, build credible posture, answer provocation firmly
# but by one rung at most, and never be the one to cross a firebreak.
DETER_FIRM = Taste(
    categories={"alliance": 1.2, "military": 0.8, "diplomatic": 0.4, "cyber": 0.3, "information": 0.5, "economic": 0.3},
    escalation=0.6, firebreak=-10.0, obligation=4.0, channels=0.5, posture=1.5, max_escalation=1,
)
DETER_CALM = Taste(
    categories={"alliance": 1.2, "diplomatic": 1.0, "economic": 0.5, "information": 0.3, "military": 0.2, "cyber": -0.2},
    escalation=-1.0, firebreak=-10.0, obligation=4.0, channels=1.5, posture=1.0, max_escalation=0,
)


def doctrine_taste(campaign: Campaign, doctrine: Doctrine | None) -> Taste:
    """The taste an instructor's doctrine describes (a cautious default when there is none)."""
    d = doctrine or Doctrine(escalation=-0.5, obligation=2.0, channels=0.5)
    return Taste(
        categories=dict(d.categories), moves=dict(d.moves), escalation=d.escalation,
        firebreak=d.firebreak, obligation=d.obligation, channels=d.channels,
        max_rung=campaign.rung_index(d.max_rung) if d.max_rung else None,
    )


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
    last = [e for e in visible_events(log, team) if e.turn == state.turn - 1]
    hostile = _escalated_against(campaign, team, last)
    partners = treaty_partners(campaign, team)
    rivals = [t.id for t in campaign.teams if t.id != team and t.id not in partners]
    owed = {o.tag for o in state.obligations if o.team == team}
    doctrine = campaign.team(team).doctrine

    def taste(target: str) -> Taste:
        if persona == "tit-for-tat":
            # Mirror the other side: answer last turn's escalation in kind, else cooperate.
            return HAWK if target in hostile else DOVE
        if persona == "deterrent":
            return DETER_FIRM if target in hostile else DETER_CALM
        if persona == "doctrine":
            return own_doctrine
        return {"hawk": HAWK, "dove": DOVE}.get(persona, RANDOM)

    own_doctrine = doctrine_taste(campaign, doctrine) if persona == "doctrine" else RANDOM
    others = [t.id for t in campaign.teams if t.id != team]
    tastes = {target: taste(target) for target in others + [""]}
    scored = []
    allies = set(campaign.allies(team))
    for move in campaign.moves:
        if move.teams and team not in move.teams:
            continue
        if move.target == "none":
            targets = [""]
        elif move.target == "ally":
            targets = [o for o in others if o in allies]
        elif move.target == "rival":
            targets = [o for o in others if o not in allies]
        else:
            targets = others
        if move.targets:
            targets = [t for t in targets if t in move.targets]
        for target in targets:
            t = tastes[target]
            if move.effects.escalation > t.max_escalation:
                continue
            if t.max_rung is not None and target and state.rung(team, target) + move.effects.escalation > t.max_rung:
                continue
            score = _score(t, move, owed, target in rivals)
            # The best a move can score is with a certain success and the luckiest draw:
            # skip the legality check and the chance for moves that cannot make the cut.
            if max(score * 1.5, score * 0.5) + t.noise <= THRESHOLD:
                continue
            if refusal(campaign, state, team, move, target or None):
                continue
            chance, _ = success_chance(campaign, state, team, move, target or None)
            scored.append((score * (0.5 + chance) + t.noise * rng.random(), move, target))
    scored.sort(key=lambda entry: -entry[0])
    spent, chosen, used, available = 0, [], set(), budget(state, team)
    for score, move, target in scored:
        if score <= THRESHOLD or len(chosen) == MAX_MOVES:
            break
        if move.id in used or spent + move.cost > available:
            continue
        spent += move.cost
        used.add(move.id)
        chosen.append(MoveOrder(move.id, target or None))
    return TeamOrders(
        team=team,
        moves=tuple(chosen),
        messages=_messages(persona, campaign, state, team, rivals, hostile, rng),
        responses=_responses(persona, campaign, state, team, hostile, rng),
    )


def _score(t: Taste, move: Move, owed: set[str], against_rival: bool) -> float:
    score = t.categories.get(move.category, 0.0) + t.moves.get(move.id, 0.0)
    score += t.escalation * move.effects.escalation
    if move.crosses_firebreak:
        score += t.firebreak
    if owed & set(move.tags):
        score += t.obligation if t is not RANDOM else 1.0
    if move.effects.channel_status == "open":
        score += t.channels
    gains = move.effects.actor
    score += t.posture * (gains.get("credibility", 0.0) + gains.get("readiness", 0.0)) * 5
    if against_rival and move.effects.escalation > 0:
        score += 0.3
    return score


def _escalated_against(campaign: Campaign, team: str, last: Sequence[ev.Event]) -> set[str]:
    """Teams that, by a move `team` could see, raised their dyad with `team` last turn."""
    out = set()
    for e in last:
        if isinstance(e, ev.EscalationChanged) and team in e.dyad and e.by and e.by != team:
            if campaign.rung_index(e.new) > campaign.rung_index(e.old):
                out.add(e.by)
    return out


def _wants_to_propose(persona: str, campaign: Campaign, team: str, level: int) -> bool:
    if persona in ("dove", "tit-for-tat", "deterrent"):
        return level >= 2
    if persona == "doctrine":
        doctrine = campaign.team(team).doctrine
        return bool(doctrine and doctrine.propose_at) and level >= campaign.rung_index(doctrine.propose_at)
    return False


def _messages(persona, campaign, state, team, rivals, hostile, rng) -> tuple[MessageOrder, ...]:
    out = []
    for channel in campaign.channels:
        if team not in channel.members or state.channels[channel.id] == "suspended":
            continue
        for other in channel.members:
            if other == team or other not in rivals:
                continue
            level = state.rung(team, other)
            if _wants_to_propose(persona, campaign, team, level) and other not in hostile:
                text = "We propose a mutual stand-down of forces to lower the temperature."
                out.append(MessageOrder(channel.id, text, (other,), "stand_down"))
            elif persona == "random" and rng.random() < 0.3:
                out.append(MessageOrder(channel.id, "We seek clarification of your intentions.", (other,)))
            elif persona == "hawk" and level >= 3 and rng.random() < 0.3:
                out.append(MessageOrder(channel.id, "Stand back or bear the consequences.", (other,)))
            elif persona == "deterrent" and other in hostile:
                text = "Our commitments are not in question. We will answer force, and we keep this line open."
                out.append(MessageOrder(channel.id, text, (other,)))
        if out:
            break
    return tuple(out)


def _responses(persona, campaign, state, team, hostile, rng) -> tuple[Response, ...]:
    out = []
    for p in state.proposals:
        if p.responder != team:
            continue
        if persona == "dove":
            accept = True
        elif persona in ("tit-for-tat", "deterrent"):
            accept = p.sender not in hostile
        elif persona == "doctrine":
            doctrine = campaign.team(team).doctrine
            rule = doctrine.accept if doctrine else "reciprocal"
            accept = rule == "always" or (rule == "reciprocal" and p.sender not in hostile)
        elif persona == "hawk":
            accept = p.kind == "stand_down" and rng.random() < 0.3
        else:
            accept = rng.random() < 0.5
        out.append(Response(p.id, accept))
    return tuple(out)
