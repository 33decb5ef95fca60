"""Events: the only way game state changes; each says who may see it."""

from __future__ import annotations

import typing

import attrs

from .model import Condition


@attrs.frozen
class Term:
    """One labelled contribution to a probability."""

    label: str
    value: float


@attrs.frozen
class Counter:
    """A counter-argument to a free-form move as the argument round gave it: the team, its text, and
    the word it voted for the odds (`rules.odds_by = "vote"`; empty when it did not vote)."""

    team: str
    text: str = ""
    odds: str = ""


@attrs.frozen(kw_only=True)
class Event:
    """Common fields: the turn, and who may see the event (public, or an audience of teams).

    Events hold the truth. A change caused by a secret move names that move in `cause` and is
    marked `secret`, with the teams that know the cause in `known_by`; what everyone else reads is
    written from their side by `narrative.describe`.
    """

    turn: int
    public: bool = True
    audience: tuple[str, ...] = ()

    def visible_to(self, team: str) -> bool:
        return self.public or team in self.audience


@attrs.frozen(kw_only=True)
class OrderRefused(Event):
    """An order that could not be carried out, and why; it costs nothing."""

    KIND = "order_refused"
    team: str
    what: str
    reason: str


@attrs.frozen(kw_only=True)
class MoveResolved(Event):
    """A catalogue move's outcome with its rationale: probability, modifiers, roll."""

    KIND = "move_resolved"
    team: str
    index: int
    move: str
    name: str
    category: str
    target: str = ""
    cost: int = 0
    base: float = 1.0
    terms: tuple[Term, ...] = ()
    probability: float = 1.0
    roll: float = 0.0
    success: bool = True
    override: str = ""
    visibility: str = "public"
    tags: tuple[str, ...] = ()
    dyad_with: str = ""
    """A move on another pair's dyad: the second team of the pair (`target` is the first)."""


@attrs.frozen(kw_only=True)
class MoveDetected(Event):
    """Another team's intelligence rolled to detect a move it was not meant to see."""

    KIND = "move_detected"
    observer: str
    team: str
    move: str
    name: str
    target: str = ""
    success: bool = True
    chance: float = 0.0
    roll: float = 0.0
    detected: bool = False


@attrs.frozen(kw_only=True)
class FreeformResolved(Event):
    """A free-form move and the facilitator's ruling on it.

    `visibility` is what the team chose (public, target: its target is told, secret); `detected`
    says the facilitator ruled that a secret move was noticed (by its target, or by everyone when it
    has none). The ruling's `reason` reaches the team only when `reason_shared`; the argument stays
    between the team and the white cell.
    """

    KIND = "freeform_resolved"
    team: str
    index: int
    action: str
    argument: str = ""
    target: str = ""
    outcome: str = "not adjudicated"
    reason: str = ""
    visibility: str = "target"
    detected: bool = False
    reason_shared: bool = False
    odds: str = ""
    """The word of the estimative scale the white cell ruled the odds with; empty: ruled outright."""
    chance: float = 0.0
    roll: float = 0.0
    counters: tuple[Counter, ...] = ()
    """The counter-arguments (and votes) of the teams that could see the move, in campaign team order."""
    voted: bool = False
    """The odds are the median of the uninvolved teams' votes (`rules.odds_by = "vote"`), not the white cell's."""


@attrs.frozen(kw_only=True)
class TrackChanged(Event):
    """A team's track moved, clamped to its bounds."""

    KIND = "track_changed"
    team: str
    track: str
    old: float
    new: float
    cause: str
    secret: bool = False
    known_by: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class EscalationChanged(Event):
    """A dyad moved on the ladder; `held_at` names a firebreak that stopped it.

    `by` names the team whose move did it (empty for accidents, injects and
    agreements); when that move was `secret`, only `known_by` learn the cause.
    """

    KIND = "escalation_changed"
    dyad: tuple[str, ...]
    old: str
    new: str
    cause: str
    held_at: str = ""
    by: str = ""
    secret: bool = False
    known_by: tuple[str, ...] = ()
    domain: str = ""
    """The domain of the move or incident that moved the dyad, when it has one."""
    spilled_from: tuple[str, ...] = ()
    """For a spill-over (horizontal escalation): the dyad whose move or incident drew this one in."""


@attrs.frozen(kw_only=True)
class InteropChanged(Event):
    """Two partners' interoperability changed."""

    KIND = "interop_changed"
    teams: tuple[str, ...]
    old: float
    new: float
    cause: str
    secret: bool = False
    known_by: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ChannelChanged(Event):
    """A deconfliction channel opened, degraded or was suspended."""

    KIND = "channel_changed"
    channel: str
    old: str
    new: str
    cause: str
    secret: bool = False
    known_by: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class MessageSent(Event):
    """A message or proposal left its sender; it arrives on `deliver_on` if the channel holds."""

    KIND = "message_sent"
    id: str
    channel: str
    sender: str
    to: tuple[str, ...]
    text: str
    proposal: str = ""
    deliver_on: int = 0


@attrs.frozen(kw_only=True)
class MessageDelivered(Event):
    """A message reached its recipients intact."""

    KIND = "message_delivered"
    id: str
    channel: str
    sender: str
    to: tuple[str, ...]
    text: str
    proposal: str = ""
    reliability: float = 1.0
    roll: float = 0.0


@attrs.frozen(kw_only=True)
class MessageLost(Event):
    """A message never arrived; only its sender learns that it went unacknowledged."""

    KIND = "message_lost"
    id: str
    channel: str
    sender: str
    to: tuple[str, ...]
    reason: str
    reliability: float = 0.0
    roll: float = 0.0


@attrs.frozen(kw_only=True)
class ProposalAnswered(Event):
    """A proposal was accepted or rejected, or lapsed unanswered."""

    KIND = "proposal_answered"
    id: str
    proposal: str
    sender: str
    responder: str
    answer: str


@attrs.frozen(kw_only=True)
class TreatyTriggered(Event):
    """A treaty's commitment fell due: every other member must act by `due`."""

    KIND = "treaty_triggered"
    treaty: str
    victim: str
    cause: str
    obliged: tuple[str, ...]
    due: int
    attacker: str = ""


@attrs.frozen(kw_only=True)
class ConsultationHeld(Event):
    """A member called for consultations under a treaty (Article 4 style)."""

    KIND = "consultation_held"
    treaty: str
    team: str


@attrs.frozen(kw_only=True)
class ObligationSettled(Event):
    """A member honoured or breached a treaty obligation."""

    KIND = "obligation_settled"
    treaty: str
    team: str
    honoured: bool
    trigger_turn: int
    detail: str
    entered: str = ""
    """The attacker whose dyad the member entered by honouring (`obligation.enters_dyad`), else ""."""


@attrs.frozen(kw_only=True)
class DecisionOpened(Event):
    """A consensus treaty was triggered: its members (`voters`) decide next turn whether it binds."""

    KIND = "decision_opened"
    treaty: str
    victim: str
    attacker: str
    voters: tuple[str, ...]
    cause: str


@attrs.frozen(kw_only=True)
class DecisionTaken(Event):
    """The members' decision: the obligation binds, or a member blocked it (a public split)."""

    KIND = "decision_taken"
    treaty: str
    victim: str
    attacker: str
    bound: bool
    blocked_by: tuple[str, ...] = ()
    supported_by: tuple[str, ...] = ()
    silent: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class AllyRestrained(Event):
    """A member held an ally back: the ally's coercive moves lose some chance on turn `until`."""

    KIND = "ally_restrained"
    team: str
    ally: str
    until: int
    cause: str


@attrs.frozen(kw_only=True)
class CommitmentChanged(Event):
    """A member's credibility under one treaty changed (`rules.credibility = "per_commitment"`)."""

    KIND = "commitment_changed"
    treaty: str
    team: str
    old: float
    new: float
    cause: str


@attrs.frozen(kw_only=True)
class BurdenShortfall(Event):
    """A member fell short of the treaty's burden-sharing target this turn."""

    KIND = "burden_shortfall"
    treaty: str
    team: str
    track: str
    value: float
    target: float


@attrs.frozen(kw_only=True)
class AccidentRolled(Event):
    """The chance of an incident on a tense dyad, the roll, and what the incident did.

    An incident that happened may be contained over the working channel that best contains it
    (`channel`, its `containment` and the roll): when `contained`, it moves nothing. Else it climbs, or comes up against the
    firebreak `threshold`, which it crosses when the leak roll succeeds (`leaked`).
    """

    KIND = "accident_rolled"
    dyad: tuple[str, ...]
    terms: tuple[Term, ...]
    chance: float
    roll: float
    happened: bool
    channel: str = ""
    containment: float = 0.0
    containment_roll: float = 0.0
    contained: bool = False
    threshold: str = ""
    leak: float = 0.0
    leak_terms: tuple[Term, ...] = ()
    leak_roll: float = 0.0
    leaked: bool = False
    domain: str = ""
    """The incident's domain: that of the move that raised the dyad this turn, else of its rung."""
    spill: float = 0.0
    """The chance that the incident, having climbed, drew each side's allies in (rolled only above 0)."""
    spill_roll: float = 0.0
    spilled: bool = False


@attrs.frozen(kw_only=True)
class StepDownVoided(Event):
    """A step down offered by `team` on a dyad came to nothing: `other` climbed it the same turn."""

    KIND = "step_down_voided"
    dyad: tuple[str, ...]
    team: str
    other: str
    cause: str
    secret: bool = False
    known_by: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class NeutralityViolated(Event):
    """A public move by `attacker` attacked the neutral team `neutral`; the costs follow as track changes."""

    KIND = "neutrality_violated"
    attacker: str
    neutral: str
    move: str
    name: str
    climbed: bool = False
    """The move took their dyad higher (else it carried a force tag)."""


@attrs.frozen(kw_only=True)
class RedLineDeclared(Event):
    """A team declared a public red line: if `condition` comes to hold, it will make a move in
    `enforce` (move ids or tags) within `within` turns, or pay `audience_cost` (already scaled by its
    audience sensitivity); enforcing earns `enforced`. `deadline`: the last turn it stands (0: until
    tested)."""

    KIND = "red_line_declared"
    team: str
    line: str
    text: str
    condition: Condition
    enforce: tuple[str, ...]
    within: int = 1
    deadline: int = 0
    audience_cost: dict[str, float] = attrs.Factory(dict)
    enforced: dict[str, float] = attrs.Factory(dict)


@attrs.frozen(kw_only=True)
class RedLineChanged(Event):
    """A declared red line was `crossed` (by `by`, when a team's public move did it; enforce by
    `due`), `enforced` (by the move `move`), `bluffed` (not enforced in time: the audience cost is
    paid) or `expired` (its deadline passed untested)."""

    KIND = "red_line_changed"
    team: str
    line: str
    text: str
    status: str
    detail: str
    by: str = ""
    due: int = 0
    move: str = ""


@attrs.frozen(kw_only=True)
class InjectFired(Event):
    """A scripted development reached the teams."""

    KIND = "inject_fired"
    inject: str
    name: str
    text: str
    cause: str
    reason: str = ""
    """The facilitator's reason for firing it: for the white cell only."""


@attrs.frozen(kw_only=True)
class InjectPostponed(Event):
    """The facilitator held an inject back until a later turn."""

    KIND = "inject_postponed"
    inject: str
    until: int
    reason: str


@attrs.frozen(kw_only=True)
class GameLengthChanged(Event):
    """The white cell moved the last turn of the game (`old` to `new`)."""

    KIND = "game_length_changed"
    old: int
    new: int
    reason: str = ""
    """The white cell's reason: for the white cell only."""


@attrs.frozen(kw_only=True)
class GameEnded(Event):
    """The game is over, and why."""

    KIND = "game_ended"
    reason: str
    detail: str


@attrs.frozen(kw_only=True)
class ObjectiveScored(Event):
    """Whether a team met one of its objectives at the end."""

    KIND = "objective_scored"
    team: str
    objective: str
    description: str
    met: bool
    points: int


@attrs.frozen(kw_only=True)
class TurnCompleted(Event):
    """The turn closed at this crisis level; `calm_streak` counts calm turns in a row."""

    KIND = "turn_completed"
    crisis: str
    calm_streak: int


@attrs.frozen
class DyadBelief:
    """What one team believes of one dyad: a rung, and how many rungs either way it may be off."""

    dyad: tuple[str, ...]
    rung: str
    spread: int = 0


@attrs.frozen
class TrackEstimate:
    """What one team estimates of another team's track: a value within ± `error`."""

    team: str
    track: str
    value: float
    error: float = 0.0


@attrs.frozen(kw_only=True)
class BeliefsFormed(Event):
    """What one team believes at the end of a turn, where the campaign keeps beliefs
    (`rules.intel_noise`): every dyad's rung with a spread, other teams' tracks with an error, and
    `notes` saying from the team's side why (an ambiguous move, an attribution, a false alarm, a
    message that clarified). Seen only by that team and the white cell."""

    KIND = "beliefs_formed"
    team: str
    dyads: tuple[DyadBelief, ...] = ()
    tracks: tuple[TrackEstimate, ...] = ()
    notes: tuple[str, ...] = ()
    blamed: tuple[str, ...] = ()
    """Rivals the team believes moved against it this turn without its seeing the move: named by
    attribution or by a false alarm (its bot answers them as it answers a climb it saw)."""
    false_alarm: str = ""
    """The rival a false alarm named this turn (`rules.false_alarm`): the white cell's to know."""


EVENT_TYPES: tuple[type[Event], ...] = (
    OrderRefused,
    MoveResolved,
    MoveDetected,
    FreeformResolved,
    TrackChanged,
    EscalationChanged,
    InteropChanged,
    ChannelChanged,
    MessageSent,
    MessageDelivered,
    MessageLost,
    ProposalAnswered,
    TreatyTriggered,
    ConsultationHeld,
    ObligationSettled,
    BurdenShortfall,
    AccidentRolled,
    StepDownVoided,
    NeutralityViolated,
    RedLineDeclared,
    RedLineChanged,
    InjectFired,
    InjectPostponed,
    GameLengthChanged,
    GameEnded,
    ObjectiveScored,
    TurnCompleted,
    DecisionOpened,
    DecisionTaken,
    AllyRestrained,
    CommitmentChanged,
    BeliefsFormed,
)

AnyEvent = typing.Union[EVENT_TYPES]  # type: ignore[valid-type]
"""The tagged union of every event kind, as saves store them."""


# Fast constructors for the terms and events the adjudicator builds by the dozen every turn.
#
# attrs' __init__ for a frozen, slotted class sets each field with
# `object.__setattr__`, which looks the slot up by name every time: building the
# events was a fifth of the adjudicator's time. These write each slot through its
# descriptor, looked up once, and give the very value the class would (these
# classes have no validators, converters or post-init hooks), still frozen: about
# twice as fast. They are written out field by field because a loop over the
# fields takes back most of the gain. Their parameters are the fields, in order,
# with no defaults (a test checks both).


def _slot_setters(cls: type) -> tuple:
    """The `__set__` of each field's slot descriptor, in field order."""
    return tuple(next(k.__dict__[a.name] for k in cls.__mro__ if a.name in k.__dict__).__set__ for a in attrs.fields(cls))


_new = object.__new__
_TERM = _slot_setters(Term)
_TRACK_CHANGED = _slot_setters(TrackChanged)
_MOVE_RESOLVED = _slot_setters(MoveResolved)
_MOVE_DETECTED = _slot_setters(MoveDetected)


def term(label, value) -> Term:
    t, s = _new(Term), _TERM
    s[0](t, label)
    s[1](t, value)
    return t


def track_changed(turn, public, audience, team, track, old, new, cause, secret, known_by) -> TrackChanged:
    e, s = _new(TrackChanged), _TRACK_CHANGED
    s[0](e, turn)
    s[1](e, public)
    s[2](e, audience)
    s[3](e, team)
    s[4](e, track)
    s[5](e, old)
    s[6](e, new)
    s[7](e, cause)
    s[8](e, secret)
    s[9](e, known_by)
    return e


def move_resolved(
    turn, public, audience, team, index, move, name, category, target, cost, base, terms,
    probability, roll, success, override, visibility, tags, dyad_with,
) -> MoveResolved:
    e, s = _new(MoveResolved), _MOVE_RESOLVED
    s[0](e, turn)
    s[1](e, public)
    s[2](e, audience)
    s[3](e, team)
    s[4](e, index)
    s[5](e, move)
    s[6](e, name)
    s[7](e, category)
    s[8](e, target)
    s[9](e, cost)
    s[10](e, base)
    s[11](e, terms)
    s[12](e, probability)
    s[13](e, roll)
    s[14](e, success)
    s[15](e, override)
    s[16](e, visibility)
    s[17](e, tags)
    s[18](e, dyad_with)
    return e


def move_detected(
    turn, public, audience, observer, team, move, name, target, success, chance, roll, detected
) -> MoveDetected:
    e, s = _new(MoveDetected), _MOVE_DETECTED
    s[0](e, turn)
    s[1](e, public)
    s[2](e, audience)
    s[3](e, observer)
    s[4](e, team)
    s[5](e, move)
    s[6](e, name)
    s[7](e, target)
    s[8](e, success)
    s[9](e, chance)
    s[10](e, roll)
    s[11](e, detected)
    return e


FAST_CONSTRUCTORS = {Term: term, TrackChanged: track_changed, MoveResolved: move_resolved, MoveDetected: move_detected}
"""Each fast constructor by its class (for the test that keeps them true to the fields)."""


# Fast constructors for what `perception.form` builds every turn: a dyad belief and a track estimate
# for every team of every dyad and rival track (about 300 a turn in a six-team campaign).

_DYAD_BELIEF = _slot_setters(DyadBelief)
_TRACK_ESTIMATE = _slot_setters(TrackEstimate)
_BELIEFS_FORMED = _slot_setters(BeliefsFormed)


def dyad_belief(dyad, rung, spread) -> DyadBelief:
    b, s = _new(DyadBelief), _DYAD_BELIEF
    s[0](b, dyad)
    s[1](b, rung)
    s[2](b, spread)
    return b


def track_estimate(team, track, value, error) -> TrackEstimate:
    t, s = _new(TrackEstimate), _TRACK_ESTIMATE
    s[0](t, team)
    s[1](t, track)
    s[2](t, value)
    s[3](t, error)
    return t


def beliefs_formed(turn, public, audience, team, dyads, tracks, notes, blamed, false_alarm) -> BeliefsFormed:
    e, s = _new(BeliefsFormed), _BELIEFS_FORMED
    s[0](e, turn)
    s[1](e, public)
    s[2](e, audience)
    s[3](e, team)
    s[4](e, dyads)
    s[5](e, tracks)
    s[6](e, notes)
    s[7](e, blamed)
    s[8](e, false_alarm)
    return e


FAST_CONSTRUCTORS.update({DyadBelief: dyad_belief, TrackEstimate: track_estimate, BeliefsFormed: beliefs_formed})
