"""What one team may know (fog of war), and what the facilitator sees."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from . import events as ev
from .events import Term
from .model import Campaign, dyad_key
from .rules import INTEL_REVEALS_TRACKS, budget, effective_intelligence, refusal, success_chance
from .state import GameState, OpenProposal, PendingObligation

FACILITATOR = "facilitator"


def visible(event: ev.Event, viewer: str) -> bool:
    """Whether `viewer` (a team id, or FACILITATOR) may see `event`."""
    return viewer == FACILITATOR or event.visible_to(viewer)


def visible_events(events: Iterable[ev.Event], viewer: str) -> tuple[ev.Event, ...]:
    return tuple(e for e in events if visible(e, viewer))


@attrs.frozen
class DyadView:
    """One pair of teams on the ladder."""

    teams: tuple[str, str]
    rung: str
    rung_name: str
    band: str
    index: int


@attrs.frozen
class ChannelView:
    """A channel the team is on, and its state."""

    id: str
    name: str
    kind: str
    members: tuple[str, ...]
    status: str
    reliability: float
    latency: int


@attrs.frozen
class TreatyView:
    """A treaty the team belongs to, with the obligations it owes now."""

    id: str
    name: str
    members: tuple[str, ...]
    provisions: tuple[str, ...]
    owed: tuple[PendingObligation, ...]


@attrs.frozen
class Option:
    """A move against one target (or none): its chance now, or why it cannot be made."""

    move: str
    name: str
    category: str
    cost: int
    target: str
    chance: float
    terms: tuple[Term, ...]
    refusal: str


@attrs.frozen
class TeamView:
    """Everything one team may know at the start of a turn."""

    team: str
    turn: int
    budget: int
    tracks: dict[str, float]
    dyads: tuple[DyadView, ...]
    crisis: str
    channels: tuple[ChannelView, ...]
    treaties: tuple[TreatyView, ...]
    proposals: tuple[OpenProposal, ...]
    intel: dict[str, dict[str, float]]
    intel_level: float
    events: tuple[ev.Event, ...]
    ended: str


def dyads(campaign: Campaign, state: GameState) -> tuple[DyadView, ...]:
    """Every dyad with its rung; the ladder is public knowledge."""
    ids = [t.id for t in campaign.teams]
    out = []
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            index = state.rungs[dyad_key(a, b)]
            rung = campaign.rungs[index]
            out.append(DyadView((a, b), rung.id, rung.name, rung.band, index))
    return tuple(out)


def options(campaign: Campaign, state: GameState, team: str) -> tuple[Option, ...]:
    """Every catalogue move for every sensible target, with its chance or the reason it is barred."""
    out = []
    others = [t.id for t in campaign.teams if t.id != team]
    for move in campaign.moves:
        for target in [None] if move.target == "none" else others:
            reason = refusal(campaign, state, team, move, target)
            chance, terms = (0.0, ()) if reason else success_chance(campaign, state, team, move, target)
            out.append(
                Option(move.id, move.name, move.category, move.cost, target or "", chance, terms, reason)
            )
    return tuple(out)


def team_view(campaign: Campaign, state: GameState, log: Iterable[ev.Event], team: str) -> TeamView:
    """The fog-of-war view of `team`: own tracks, public events, its inbox, what its intelligence shows."""
    intel_level = effective_intelligence(campaign, state, team)
    intel = {}
    for other in campaign.teams:
        if other.id == team:
            continue
        # Credibility is a public reputation; the rest needs intelligence (own or shared).
        if intel_level >= INTEL_REVEALS_TRACKS:
            intel[other.id] = dict(state.tracks[other.id])
        else:
            intel[other.id] = {"credibility": state.tracks[other.id]["credibility"]}
    channels = tuple(
        ChannelView(c.id, c.name, c.kind, c.members, state.channels[c.id], c.reliability, c.latency)
        for c in campaign.channels
        if team in c.members
    )
    treaties = tuple(
        TreatyView(
            t.id, t.name, t.members, t.provisions,
            tuple(o for o in state.obligations if o.treaty == t.id and o.team == team),
        )
        for t in campaign.treaties
        if team in t.members
    )
    crisis = campaign.rungs[state.crisis()]
    return TeamView(
        team=team,
        turn=state.turn,
        budget=budget(state, team),
        tracks=dict(state.tracks[team]),
        dyads=dyads(campaign, state),
        crisis=crisis.name,
        channels=channels,
        treaties=treaties,
        proposals=tuple(p for p in state.proposals if p.responder == team),
        intel=intel,
        intel_level=intel_level,
        events=visible_events(log, team),
        ended=state.ended,
    )
