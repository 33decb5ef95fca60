"""Game state, built from a campaign and changed only by applying events."""

from __future__ import annotations

import attrs

from . import events as ev
from .model import Campaign, dyad_key


@attrs.frozen
class PendingObligation:
    """A member that must make a move with `tag` under `treaty` by the end of turn `due`."""

    treaty: str
    team: str
    tag: str
    trigger_turn: int
    due: int


@attrs.frozen
class InTransit:
    """A message on its way; it is rolled for on `deliver_on`."""

    id: str
    channel: str
    sender: str
    to: tuple[str, ...]
    text: str
    proposal: str
    deliver_on: int


@attrs.frozen
class OpenProposal:
    """A delivered proposal awaiting the recipient's answer until `expires`."""

    id: str
    kind: str
    sender: str
    responder: str
    expires: int


@attrs.frozen
class GameState:
    """Everything the rules need between turns. Dicts are never mutated once built."""

    turn: int
    tracks: dict[str, dict[str, float]]
    rungs: dict[str, int]
    interop: dict[str, float]
    channels: dict[str, str]
    in_transit: tuple[InTransit, ...] = ()
    proposals: tuple[OpenProposal, ...] = ()
    obligations: tuple[PendingObligation, ...] = ()
    honoured: frozenset[str] = frozenset()
    breached: frozenset[str] = frozenset()
    fired: frozenset[str] = frozenset()
    postponed: dict[str, int] = attrs.Factory(dict)
    calm_streak: int = 0
    ended: str = ""
    crisis_history: tuple[str, ...] = ()

    def rung(self, a: str, b: str) -> int:
        return self.rungs[dyad_key(a, b)]

    def crisis(self) -> int:
        return max(self.rungs.values(), default=0)


def initial_state(campaign: Campaign) -> GameState:
    """The state before turn 1, as the campaign sets it up."""
    start = campaign.rung_index(campaign.rules.start_rung) if campaign.rules.start_rung else 0
    ids = [t.id for t in campaign.teams]
    rungs = {dyad_key(a, b): start for i, a in enumerate(ids) for b in ids[i + 1 :]}
    for d in campaign.dyads:
        rungs[dyad_key(d.teams[0], d.teams[1])] = campaign.rung_index(d.rung)
    interop = {dyad_key(a, b): 0.0 for i, a in enumerate(ids) for b in ids[i + 1 :]}
    for p in campaign.interoperability:
        interop[dyad_key(p.teams[0], p.teams[1])] = p.value
    tracks = {}
    for t in campaign.teams:
        values = {
            "resources": t.resources,
            "readiness": t.readiness,
            "credibility": t.credibility,
            "support": t.support,
            "intelligence": t.intelligence,
        }
        for d in campaign.tracks:
            values[d.id] = t.tracks.get(d.id, d.default)
        tracks[t.id] = values
    return GameState(
        turn=1,
        tracks=tracks,
        rungs=rungs,
        interop=interop,
        channels={c.id: c.status for c in campaign.channels},
    )


def apply(campaign: Campaign, state: GameState, event: ev.Event) -> GameState:
    """The one place state changes: the state after `event`."""
    handler = _HANDLERS.get(type(event))
    return handler(campaign, state, event) if handler else state


def apply_all(campaign: Campaign, state: GameState, events) -> GameState:
    for event in events:
        state = apply(campaign, state, event)
    return state


def _track(campaign, state, e: ev.TrackChanged):
    team = dict(state.tracks[e.team])
    team[e.track] = e.new
    return attrs.evolve(state, tracks={**state.tracks, e.team: team})


def _escalation(campaign, state, e: ev.EscalationChanged):
    key = dyad_key(e.dyad[0], e.dyad[1])
    return attrs.evolve(state, rungs={**state.rungs, key: campaign.rung_index(e.new)})


def _interop(campaign, state, e: ev.InteropChanged):
    key = dyad_key(e.teams[0], e.teams[1])
    return attrs.evolve(state, interop={**state.interop, key: e.new})


def _channel(campaign, state, e: ev.ChannelChanged):
    return attrs.evolve(state, channels={**state.channels, e.channel: e.new})


def _sent(campaign, state, e: ev.MessageSent):
    item = InTransit(e.id, e.channel, e.sender, e.to, e.text, e.proposal, e.deliver_on)
    return attrs.evolve(state, in_transit=state.in_transit + (item,))


def _arrived(campaign, state, e):
    in_transit = tuple(m for m in state.in_transit if m.id != e.id)
    proposals = state.proposals
    if isinstance(e, ev.MessageDelivered) and e.proposal:
        expires = e.turn + campaign.rules.proposal_expiry
        proposals += (OpenProposal(e.id, e.proposal, e.sender, e.to[0], expires),)
    return attrs.evolve(state, in_transit=in_transit, proposals=proposals)


def _answered(campaign, state, e: ev.ProposalAnswered):
    return attrs.evolve(state, proposals=tuple(p for p in state.proposals if p.id != e.id))


def _triggered(campaign, state, e: ev.TreatyTriggered):
    tag = campaign.treaty(e.treaty).obligation.tag
    # A member already under an obligation of this treaty keeps the earlier, tighter deadline.
    owed = {(o.treaty, o.team) for o in state.obligations}
    new = tuple(
        PendingObligation(e.treaty, team, tag, e.turn, e.due)
        for team in e.obliged
        if (e.treaty, team) not in owed
    )
    return attrs.evolve(state, obligations=state.obligations + new)


def _settled(campaign, state, e: ev.ObligationSettled):
    obligations = tuple(
        o for o in state.obligations if not (o.treaty == e.treaty and o.team == e.team)
    )
    key = f"{e.treaty}|{e.team}"
    if e.honoured:
        return attrs.evolve(state, obligations=obligations, honoured=state.honoured | {key})
    return attrs.evolve(state, obligations=obligations, breached=state.breached | {key})


def _inject(campaign, state, e: ev.InjectFired):
    postponed = {k: v for k, v in state.postponed.items() if k != e.inject}
    return attrs.evolve(state, fired=state.fired | {e.inject}, postponed=postponed)


def _postponed(campaign, state, e: ev.InjectPostponed):
    return attrs.evolve(state, postponed={**state.postponed, e.inject: e.until})


def _ended(campaign, state, e: ev.GameEnded):
    return attrs.evolve(state, ended=e.reason)


def _completed(campaign, state, e: ev.TurnCompleted):
    return attrs.evolve(
        state,
        turn=e.turn + 1,
        calm_streak=e.calm_streak,
        crisis_history=state.crisis_history + (e.crisis,),
    )


_HANDLERS = {
    ev.TrackChanged: _track,
    ev.EscalationChanged: _escalation,
    ev.InteropChanged: _interop,
    ev.ChannelChanged: _channel,
    ev.MessageSent: _sent,
    ev.MessageDelivered: _arrived,
    ev.MessageLost: _arrived,
    ev.ProposalAnswered: _answered,
    ev.TreatyTriggered: _triggered,
    ev.ObligationSettled: _settled,
    ev.InjectFired: _inject,
    ev.InjectPostponed: _postponed,
    ev.GameEnded: _ended,
    ev.TurnCompleted: _completed,
}
