"""Game state, built from a campaign and changed only by applying events."""

from __future__ import annotations

import attrs

from . import events as ev
from .model import Campaign, Condition, dyad_key


@attrs.frozen
class PendingObligation:
    """A member that must make a move with `tag` under `treaty` by the end of turn `due`."""

    treaty: str
    team: str
    tag: str
    trigger_turn: int
    due: int
    victim: str = ""
    attacker: str = ""


@attrs.frozen
class PendingDecision:
    """A members' decision open under a consensus treaty: `voters` vote in their next orders."""

    treaty: str
    victim: str
    attacker: str
    voters: tuple[str, ...]
    opened: int


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
    other: str = ""
    """A proposal `sender` carries between two teams: the other recipient. It takes effect on the
    two recipients' dyad once both accept (`third_parties`); "": a proposal on the sender's own dyad."""


@attrs.frozen
class DeclaredLine:
    """A red line as declared (see `events.RedLineDeclared`) and where it stands: `standing` (not
    crossed yet), `crossed` (on turn `crossed`, by `by`; to be enforced by `due`), `enforced`,
    `bluffed` or `expired`."""

    team: str
    line: str
    text: str
    condition: Condition
    enforce: tuple[str, ...]
    within: int
    deadline: int
    audience_cost: dict[str, float]
    enforced: dict[str, float]
    declared: int
    status: str = "standing"
    crossed: int = 0
    due: int = 0
    by: str = ""

    @property
    def open(self) -> bool:
        return self.status in ("standing", "crossed")


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
    decisions: tuple[PendingDecision, ...] = ()
    restrained: dict[str, int] = attrs.Factory(dict)
    """Team -> the turn on which its coercive moves are restrained by an ally."""
    commitments: dict[str, float] = attrs.Factory(dict)
    """"treaty|member" -> credibility under that commitment, once it changed (see `alliances`)."""
    red_lines: tuple[DeclaredLine, ...] = ()
    last_turn: int = 0
    """The last turn as the white cell last set it; 0: as the game was set up."""
    beliefs: dict[str, ev.BeliefsFormed] = attrs.Factory(dict)
    """Each team's latest beliefs (empty where the campaign keeps none: see `core.perception`)."""

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
    """The state after `event`."""
    return apply_all(campaign, state, (event,))


def apply_all(campaign: Campaign, state: GameState, events) -> GameState:
    """The state after `events`, applied in order."""
    draft = None
    for event in events:
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            if draft is None:
                draft = Draft(state)
            handler(campaign, draft, event)
    return state if draft is None else draft.freeze()


class Draft:
    """A working copy of a state that events change in place: the one place state changes.

    A turn has dozens of events; rebuilding a frozen state (and copying its dicts)
    for each one was most of the cost of applying them. A draft copies each dict
    the first time an event changes it, so the state it came from is never
    touched, and `freeze` gives the GameState once at the end. It reads like a
    GameState (same attributes, `rung`, `crisis`), so the adjudicator and the rule
    helpers use it while a turn is being resolved.
    """

    __slots__ = (*(a.name for a in attrs.fields(GameState)), "_copied", "_copied_tracks")

    def __init__(self, state: GameState):
        for name in _FIELDS:
            setattr(self, name, getattr(state, name))
        self._copied: set[str] = set()  # dict fields copied so far
        self._copied_tracks: set[str] = set()  # teams whose tracks were copied so far

    def apply(self, campaign: Campaign, event: ev.Event) -> None:
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            handler(campaign, self, event)

    def apply_track(self, event: ev.TrackChanged) -> None:
        """`apply` for the commonest event, for a caller that knows its type: its handler."""
        if event.team not in self._copied_tracks:
            self.own_tracks(event.team)
        self.tracks[event.team][event.track] = event.new

    def rung(self, a: str, b: str) -> int:
        return self.rungs[dyad_key(a, b)]

    def crisis(self) -> int:
        return max(self.rungs.values(), default=0)

    def own(self, name: str) -> dict:
        """The dict field `name`, copied first if this draft has not copied it yet."""
        if name not in self._copied:
            setattr(self, name, dict(getattr(self, name)))
            self._copied.add(name)
        return getattr(self, name)

    def own_tracks(self, team: str) -> dict[str, float]:
        """One team's tracks, copied first (with the outer dict) if not copied yet."""
        if team not in self._copied_tracks:
            tracks = self.own("tracks")
            tracks[team] = dict(tracks[team])
            self._copied_tracks.add(team)
        return self.tracks[team]

    def freeze(self) -> GameState:
        """The state as it stands; the draft may go on changing without touching it."""
        self._copied = set()
        self._copied_tracks = set()
        return GameState(*[getattr(self, name) for name in _FIELDS])  # _FIELDS are in GameState's order


_FIELDS = tuple(a.name for a in attrs.fields(GameState))


def _track(campaign, d: Draft, e: ev.TrackChanged):
    d.apply_track(e)


def _escalation(campaign, d: Draft, e: ev.EscalationChanged):
    d.own("rungs")[dyad_key(e.dyad[0], e.dyad[1])] = campaign.rung_index(e.new)


def _interop(campaign, d: Draft, e: ev.InteropChanged):
    d.own("interop")[dyad_key(e.teams[0], e.teams[1])] = e.new


def _channel(campaign, d: Draft, e: ev.ChannelChanged):
    d.own("channels")[e.channel] = e.new


def _sent(campaign, d: Draft, e: ev.MessageSent):
    d.in_transit += (InTransit(e.id, e.channel, e.sender, e.to, e.text, e.proposal, e.deliver_on),)


def _arrived(campaign, d: Draft, e):
    d.in_transit = tuple(m for m in d.in_transit if m.id != e.id)
    if isinstance(e, ev.MessageDelivered) and e.proposal:
        expires = e.turn + campaign.rules.proposal_expiry
        if len(e.to) == 2:  # carried between two teams: each answers it
            first, second = e.to
            d.proposals += (
                OpenProposal(e.id, e.proposal, e.sender, first, expires, second),
                OpenProposal(e.id, e.proposal, e.sender, second, expires, first),
            )
        else:
            d.proposals += (OpenProposal(e.id, e.proposal, e.sender, e.to[0], expires),)


def _answered(campaign, d: Draft, e: ev.ProposalAnswered):
    # An acceptance closes only its recipient's copy of a carried proposal; a refusal or a lapse closes it for both.
    if e.answer == "accepted":
        d.proposals = tuple(p for p in d.proposals if not (p.id == e.id and p.responder == e.responder))
    else:
        d.proposals = tuple(p for p in d.proposals if p.id != e.id)


def _triggered(campaign, d: Draft, e: ev.TreatyTriggered):
    tag = campaign.treaty(e.treaty).obligation.tag
    # A member already under an obligation of this treaty keeps the earlier, tighter deadline.
    owed = {(o.treaty, o.team) for o in d.obligations}
    d.obligations += tuple(
        PendingObligation(e.treaty, team, tag, e.turn, e.due, e.victim, e.attacker)
        for team in e.obliged
        if (e.treaty, team) not in owed
    )


def _settled(campaign, d: Draft, e: ev.ObligationSettled):
    d.obligations = tuple(o for o in d.obligations if not (o.treaty == e.treaty and o.team == e.team))
    key = f"{e.treaty}|{e.team}"
    if e.honoured:
        d.honoured = d.honoured | {key}
    else:
        d.breached = d.breached | {key}


def _inject(campaign, d: Draft, e: ev.InjectFired):
    if not e.inject:  # an ad-hoc inject the white cell wrote: nothing scripted to mark fired
        return
    d.fired = d.fired | {e.inject}
    if e.inject in d.postponed:
        del d.own("postponed")[e.inject]


def _postponed(campaign, d: Draft, e: ev.InjectPostponed):
    d.own("postponed")[e.inject] = e.until


def _length(campaign, d: Draft, e: ev.GameLengthChanged):
    d.last_turn = e.new


def _ended(campaign, d: Draft, e: ev.GameEnded):
    d.ended = e.reason


def _completed(campaign, d: Draft, e: ev.TurnCompleted):
    d.turn = e.turn + 1
    d.calm_streak = e.calm_streak
    d.crisis_history += (e.crisis,)


def _decision_opened(campaign, d: Draft, e: ev.DecisionOpened):
    d.decisions += (PendingDecision(e.treaty, e.victim, e.attacker, e.voters, e.turn),)


def _decision_taken(campaign, d: Draft, e: ev.DecisionTaken):
    d.decisions = tuple(x for x in d.decisions if x.treaty != e.treaty)


def _restrained(campaign, d: Draft, e: ev.AllyRestrained):
    d.own("restrained")[e.ally] = e.until


def _commitment(campaign, d: Draft, e: ev.CommitmentChanged):
    d.own("commitments")[f"{e.treaty}|{e.team}"] = e.new


def _declared(campaign, d: Draft, e: ev.RedLineDeclared):
    d.red_lines += (
        DeclaredLine(
            e.team, e.line, e.text, e.condition, e.enforce, e.within, e.deadline, e.audience_cost,
            e.enforced, e.turn,
        ),
    )


def _line_changed(campaign, d: Draft, e: ev.RedLineChanged):
    def changed(x: DeclaredLine) -> DeclaredLine:
        if (x.team, x.line) != (e.team, e.line) or not x.open:
            return x
        if e.status == "crossed":
            return attrs.evolve(x, status="crossed", crossed=e.turn, due=e.due, by=e.by)
        return attrs.evolve(x, status=e.status)

    d.red_lines = tuple(changed(x) for x in d.red_lines)


def _believed(campaign, d: Draft, e: ev.BeliefsFormed):
    d.own("beliefs")[e.team] = e


_HANDLERS = {
    ev.RedLineDeclared: _declared,
    ev.RedLineChanged: _line_changed,
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
    ev.GameLengthChanged: _length,
    ev.GameEnded: _ended,
    ev.TurnCompleted: _completed,
    ev.DecisionOpened: _decision_opened,
    ev.DecisionTaken: _decision_taken,
    ev.AllyRestrained: _restrained,
    ev.CommitmentChanged: _commitment,
    ev.BeliefsFormed: _believed,
}
