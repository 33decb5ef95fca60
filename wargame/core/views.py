"""What one team may know (fog of war), what the room may know, and what the white cell sees.

What a team learns (one rule, everywhere)
-----------------------------------------

Events hold the truth: every value, every roll, and the true cause of every change, with who may
see each event (`public`, `audience`) and, for a change a secret move caused, who knows that cause
(`secret`, `known_by`). Nothing a team, the room or a network client is shown is formatted from that
truth and filtered afterwards; it is written from the viewer's side by `narrative.describe`, which is
handed a `Viewpoint`: who reads, and whose tracks its intelligence reveals at that moment.

- An event reaches a viewer when it is public or the viewer is in its audience. The white cell
  (FACILITATOR) sees every event; the room (ROOM: the hot-seat public view, the observer projector)
  sees the public ones only and knows nothing that is not public.
- Of another team's track a viewer learns the direction of a change (rose, fell), not its values,
  unless the track is public (credibility) or the viewer's effective intelligence reveals that team's
  tracks (at or above INTEL_REVEALS_TRACKS) when the news reaches it: after the turn it happened in.
  The same holds for a burden-sharing shortfall (the target, not the value) and a pair's
  interoperability (known to the two partners).
- A chance whose modifiers read a track the viewer cannot see is shown without its numbers: no
  percentage, no terms, no roll, as a percentage with the known terms would give the hidden value
  away. That holds for events and for the catalogue of moves (`Option.unknown`).
- A change caused by a secret move reads "an undisclosed action" to everyone but the team that made
  it; the white cell reads the move and the team, and who knew.
- Where the campaign keeps beliefs (`rules.intel_noise`, see `core.perception`), a team reads the
  ladder, the crisis level and other teams' tracks as it believes them (a rung ± a spread, an
  estimate ± an error), never the truth: a climb by a secret or ambiguous move reaches only its
  maker, the true crisis level at the end of a turn is the white cell's, and no value of another
  team's track is shown, only its direction. The room reads the ladder public news has shown.
- A free-form move reaches the teams its visibility and the ruling allow; its argument stays with its
  team and the white cell, and the ruling's reason reaches teams only when the facilitator shares it.
  The reason for firing an inject is the white cell's alone.
- What a team or the room is sent (its `TeamView`, a network `Update`, a report) carries `Seen`
  records: the viewer's sentence, and the event with only what the viewer may know of it
  (`as_known`), or none when a hidden value is its substance. The white cell's views are written from FACILITATOR and name every cause.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from . import events as ev
from . import perception
from .events import Term
from .model import Campaign, dyad_key
from .narrative import (
    FACILITATOR, ROOM, UNDISCLOSED, Viewpoint, chance_is_known, describe, incident_chance_is_known, odds_in_words,
    term_reads, tone, track_name,
)
from .rules import INTEL_REVEALS_TRACKS, budget, effective_intelligence, refusal, success_chance
from .state import GameState, OpenProposal, PendingDecision, PendingObligation, initial_state

__all__ = ["FACILITATOR", "ROOM", "Viewpoint"]


def visible(event: ev.Event, viewer: str) -> bool:
    """Whether `viewer` (a team id, ROOM or FACILITATOR) may see `event` at all."""
    return viewer == FACILITATOR or event.visible_to(viewer)


def visible_events(events: Iterable[ev.Event], viewer: str) -> tuple[ev.Event, ...]:
    return tuple(e for e in events if visible(e, viewer))


@attrs.frozen
class Seen:
    """One event as a viewer learnt it: its sentence written from the viewer's side, and the event
    with only what the viewer may know of it."""

    turn: int
    kind: str
    text: str
    tone: str = ""
    public: bool = True
    known: tuple[ev.AnyEvent, ...] = ()  # type: ignore[valid-type]
    """The event as far as the viewer may know it (`as_known`), or nothing when its substance is a
    value the viewer may not know (a tuple: the tagged union of events has no "none")."""

    @property
    def event(self) -> ev.Event | None:
        return self.known[0] if self.known else None


class _Intel:
    """Just the intelligence tracks of a game, as `effective_intelligence` reads them."""

    def __init__(self, tracks: dict[str, dict[str, float]]):
        self.tracks = tracks


def reveals(campaign: Campaign, state, viewer: str) -> frozenset[str]:
    """The other teams whose tracks `viewer`'s effective intelligence reveals in `state`."""
    if viewer in (FACILITATOR, ROOM) or not campaign.has_team(viewer):
        return frozenset()
    if perception.active(campaign):
        return frozenset()  # where beliefs are kept, a team estimates tracks (`TeamView.estimates`), never reads them
    if effective_intelligence(campaign, state, viewer) < INTEL_REVEALS_TRACKS:
        return frozenset()
    return frozenset(t.id for t in campaign.teams if t.id != viewer)


def viewpoint(campaign: Campaign, state: GameState, viewer: str) -> Viewpoint:
    """`viewer` with what it knows in `state` (the white cell knows everything, the room what is public)."""
    return Viewpoint(viewer, reveals(campaign, state, viewer))


def as_known(campaign: Campaign, e: ev.Event, seen_by: Viewpoint) -> ev.Event | None:
    """`e` as far as the viewer may know it: the event itself, a copy with what it may not know taken
    out (a secret cause, the white cell's reasons, a free-form argument), or None when a value it
    may not know is the event's substance (another team's hidden track, a chance resting on one)."""
    if seen_by.white_cell:
        return e
    if not seen_by.sees(e):
        return None
    who = seen_by.who
    match e:
        case ev.MoveResolved():
            if campaign.rules.show_odds != "exact":
                return None  # the teams are shown odds in words or not at all: the event carries the number
            if not chance_is_known(campaign, e, seen_by):
                return None  # its chance, terms and roll would give a hidden value away, even to its maker
            if who == e.team or not e.override:
                return e
            return attrs.evolve(e, override="ruled by the facilitator")
        case ev.FreeformResolved():
            reason = e.reason if e.reason_shared else ""
            argument = e.argument if who == e.team else ""
            if e.odds and campaign.rules.show_odds != "exact":  # the number and the roll stay with the white cell
                hidden = campaign.rules.show_odds == "hidden"
                # Hidden odds hide the votes too: their median is the odds.
                counters = tuple(attrs.evolve(c, odds="") for c in e.counters) if hidden else e.counters
                return attrs.evolve(
                    e, reason=reason, argument=argument, odds="" if hidden else e.odds, chance=0.0, roll=0.0,
                    counters=counters,
                )
            return attrs.evolve(e, reason=reason, argument=argument)
        case ev.TrackChanged():
            if not seen_by.knows_track(e.team, e.track):
                return None
        case ev.InteropChanged():
            if not (who in e.teams or any(t in seen_by.reveals for t in e.teams)):
                return None
        case ev.BurdenShortfall():
            return e if seen_by.knows_track(e.team, e.track) else None
        case ev.InjectFired():
            return attrs.evolve(e, reason="") if e.reason else e
        case ev.InjectPostponed():
            return None
        case ev.GameLengthChanged():
            return attrs.evolve(e, reason="") if e.reason else e
        case ev.AccidentRolled():
            if not incident_chance_is_known(e, seen_by):
                return None  # its chances would give the other side's readiness away
    if isinstance(e, (ev.TrackChanged, ev.InteropChanged, ev.EscalationChanged, ev.ChannelChanged)):
        if not seen_by.knows_cause(e):
            changes = {"cause": UNDISCLOSED, "known_by": ()}
            if isinstance(e, ev.EscalationChanged):
                changes["by"] = ""
                # Which dyad a secret move spilled from, or its domain, would give the move away.
                if e.spilled_from:
                    changes["spilled_from"] = ()
                if e.domain:
                    changes["domain"] = ""
            return attrs.evolve(e, **changes)
    return e


def seen_one(campaign: Campaign, e: ev.Event, seen_by: Viewpoint) -> Seen:
    """`e` as `seen_by` learns it (the caller has checked that it reaches the viewer)."""
    return Seen(
        e.turn, e.KIND, describe(campaign, e, seen_by), tone(campaign, e), e.public,
        (known,) if (known := as_known(campaign, e, seen_by)) is not None else (),
    )


def seen(campaign: Campaign, log: Iterable[ev.Event], viewer: str) -> tuple[Seen, ...]:
    """Every event of `log` that reaches `viewer`, written from its side with what it knew once
    that turn's news arrived (its intelligence after the turn)."""
    events = list(log)
    if viewer == FACILITATOR:
        return tuple(seen_one(campaign, e, Viewpoint(FACILITATOR)) for e in events)
    intel = _Intel({t: {"intelligence": v["intelligence"]} for t, v in initial_state(campaign).tracks.items()})
    out: list[Seen] = []
    start = 0
    while start < len(events):
        turn = events[start].turn
        end = start
        while end < len(events) and events[end].turn == turn:
            e = events[end]
            if isinstance(e, ev.TrackChanged) and e.track == "intelligence" and e.team in intel.tracks:
                intel.tracks[e.team]["intelligence"] = e.new
            end += 1
        here = Viewpoint(viewer, reveals(campaign, intel, viewer))
        out += [seen_one(campaign, e, here) for e in events[start:end] if here.sees(e)]
        start = end
    return tuple(out)


@attrs.frozen
class DyadView:
    """One pair of teams on the ladder."""

    teams: tuple[str, str]
    rung: str
    rung_name: str
    band: str
    index: int
    spread: int = 0
    """How many rungs either way the viewer may be off (its belief: see `core.perception`)."""


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
    decision: PendingDecision | None = None
    """The members' decision open under this treaty that the team votes on this turn, if any."""


@attrs.frozen
class Option:
    """A move against one target (or none): its chance now, or why it cannot be made.

    When the chance rests on tracks the team cannot see, `unknown` names them and `chance` (-1)
    and `terms` are left out: a percentage would give the hidden values away. Where the team keeps
    beliefs and holds an estimate of each such track, the chance is worked out from its estimates
    instead (`estimated`): a figure the team believes, which gives away nothing it does not.
    """

    move: str
    name: str
    category: str
    cost: int
    target: str
    chance: float
    terms: tuple[Term, ...]
    refusal: str
    unknown: tuple[str, ...] = ()
    dyad_with: str = ""
    """A move on another pair's dyad: the second team of the pair (`target` is the first)."""
    estimated: bool = False
    """`chance` and `terms` rest on the team's estimates of the tracks in `unknown` (see `perception`)."""
    odds: str = ""
    """When the campaign shows teams odds in words (`rules.show_odds`), the word for the chance, or
    "not shown" when it shows none; `chance` (-1) and `terms` are then left out. Empty: exact."""


@attrs.frozen
class RedLineView:
    """A declared red line, as everyone may know it (a declaration is public), and where it stands."""

    team: str
    line: str
    text: str
    condition: str
    """What crosses it, in words."""
    enforce: str
    """What enforces it, in words."""
    status: str
    """standing, crossed, enforced, bluffed or expired."""
    declared: int
    due: int = 0
    deadline: int = 0
    by: str = ""
    cost: dict[str, float] = attrs.Factory(dict)
    """What a bluff costs (or, once `bluffed`, cost) the declarer: only in the declarer's own view."""


@attrs.frozen
class RedLineOffer:
    """A ready-made red line this team may declare now (or `refusal`: why not)."""

    id: str
    text: str
    condition: str
    enforce: str
    within: int
    refusal: str = ""


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
    events: tuple[Seen, ...]
    """Every event the team may see, all turns, as it learnt them."""
    ended: str
    red_lines: tuple[RedLineView, ...] = ()
    """Every red line declared so far, by anyone, and where it stands."""
    offers: tuple[RedLineOffer, ...] = ()
    """The red lines the campaign offers this team."""
    compose_red_lines: bool = False
    """Whether the campaign lets the team compose a line of its own."""
    estimates: tuple[ev.TrackEstimate, ...] = ()
    """Where beliefs are kept: the team's estimates of other teams' tracks, each ± its error (the
    values are also in `intel`)."""


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


def believed_dyads(campaign: Campaign, state: GameState, team: str) -> tuple[DyadView, ...]:
    """Every dyad as `team` believes it: its rung and spread (the truth where beliefs are not kept)."""
    believed = perception.rung_beliefs(campaign, state, team)
    return tuple(attrs.evolve(d, spread=believed[dyad_key(*d.teams)][1]) for d in dyads(campaign, perception.believed_state(campaign, state, team)))


def options(campaign: Campaign, state: GameState, team: str) -> tuple[Option, ...]:
    """Every catalogue move for every sensible target, with its chance or the reason it is barred."""
    believes = bool(perception.estimates(campaign, state, team))  # it holds an estimate of every hidden track
    state = perception.believed_state(campaign, state, team)  # as the team believes the ladder stands
    out = []
    others = [t.id for t in campaign.teams if t.id != team]
    knows = viewpoint(campaign, state, team)
    short = campaign.short_name_of
    pairs = [(a, b) for i, a in enumerate(others) for b in others[i + 1 :]]
    shown = campaign.rules.show_odds
    for move in campaign.moves:
        # A move on another pair's dyad is offered once per pair it may act between (`third_parties`), and
        # once, with no pair, to a team that may not make it at all: ten barred rows would say the same.
        if move.target == "dyad":
            mine = not move.teams or team in move.teams
            chosen = [p for p in pairs if not move.targets or set(p) <= set(move.targets)] if mine else [(None, None)]
        for target, dyad_with in [(None, None)] if move.target == "none" else chosen if move.target == "dyad" else [(o, None) for o in others]:
            reason = refusal(campaign, state, team, move, target, dyad_with)
            chance, terms = (0.0, ()) if reason else success_chance(campaign, state, team, move, target)
            unknown: tuple[str, ...] = ()
            estimated = False
            if terms:
                # Written from the team's side: a term reading a track it cannot see hides the chance.
                probe = ev.MoveResolved(turn=state.turn, team=team, index=0, move=move.id, name=move.name,
                                        category=move.category, target=target or "", terms=terms)
                if not chance_is_known(campaign, probe, knows):
                    unknown = tuple(
                        f"{short.get(whose, whose)}'s {track_name(campaign, track).lower()}"
                        for whose, track in (r for r in term_reads(campaign, probe) if r is not None)
                        if not knows.knows_track(whose, track)
                    ) or ("a track your intelligence does not reveal",)
                    if believes:
                        # `state` is the team's belief: its chance is read from its own estimates.
                        estimated = True
                    else:
                        chance, terms = -1.0, ()
            odds = ""
            if shown != "exact" and not reason:  # written from the team's side: a word, or nothing
                odds = "not shown" if shown == "hidden" or (unknown and not estimated) else odds_in_words(campaign, chance)
                chance, terms = -1.0, ()
            out.append(
                Option(
                    move.id, move.name, move.category, move.cost, target or "", chance, terms, reason, unknown,
                    dyad_with or "", estimated, odds,
                )
            )
    return tuple(out)


def team_view(campaign: Campaign, state: GameState, log: Iterable[ev.Event], team: str) -> TeamView:
    """The fog-of-war view of `team`: own tracks, public events, its inbox, what its intelligence shows."""
    intel_level = effective_intelligence(campaign, state, team)
    intel = {}
    guessed = perception.estimates(campaign, state, team)
    for other in campaign.teams:
        if other.id == team:
            continue
        if perception.active(campaign):
            # Estimates, not the truth; none before the first turn is resolved.
            intel[other.id] = {"credibility": state.tracks[other.id]["credibility"]}
            intel[other.id].update({e.track: e.value for e in guessed if e.team == other.id})
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
            next((d for d in state.decisions if d.treaty == t.id and team in d.voters), None),
        )
        for t in campaign.treaties
        if team in t.members
    )
    believed = believed_dyads(campaign, state, team)
    crisis = campaign.rungs[max((d.index for d in believed), default=0)]
    return TeamView(
        team=team,
        turn=state.turn,
        budget=budget(state, team),
        tracks=dict(state.tracks[team]),
        dyads=believed,
        crisis=crisis.name,
        channels=channels,
        treaties=treaties,
        proposals=tuple(p for p in state.proposals if p.responder == team),
        intel=intel,
        intel_level=intel_level,
        events=seen(campaign, log, team),
        ended=state.ended,
        red_lines=red_line_views(campaign, state, team),
        offers=red_line_offers(campaign, state, team),
        compose_red_lines=campaign.rules.compose_red_lines,
        estimates=guessed,
    )


def red_line_views(campaign: Campaign, state: GameState, viewer: str) -> tuple[RedLineView, ...]:
    """Every declared red line and where it stands (public), with its cost for the declarer's eyes only."""
    from .declarations import condition_words, enforce_words

    return tuple(
        RedLineView(
            x.team, x.line, x.text, condition_words(campaign, x.condition), enforce_words(campaign, x.enforce),
            x.status, x.declared, x.due, x.deadline, x.by, dict(x.audience_cost) if x.team == viewer else {},
        )
        for x in state.red_lines
    )


def red_line_offers(campaign: Campaign, state: GameState, team: str) -> tuple[RedLineOffer, ...]:
    """The ready-made lines `team` may declare, each with why it cannot be declared now ("" if it can)."""
    if not campaign.has_team(team) or not campaign.team(team).red_lines:
        return ()
    from .declarations import condition_words, enforce_words, line_for
    from .orders import DeclareOrder

    out = []
    for line in campaign.team(team).red_lines:
        made = line_for(campaign, state, team, DeclareOrder(line=line.id), 0)
        out.append(
            RedLineOffer(
                line.id, line.text, condition_words(campaign, line.condition), enforce_words(campaign, line.enforce),
                line.within, made if isinstance(made, str) else "",
            )
        )
    return tuple(out)
