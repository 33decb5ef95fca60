"""The campaign model: frozen attrs values describing teams, ladder, moves, channels, treaties, injects."""

# Unlike the other modules, no `from __future__ import annotations`: structuring needs the field
# types as objects, and evaluating them here once costs less than resolving them later from strings.
import functools
from typing import Literal

import attrs

BUILTIN_TRACKS = ("resources", "readiness", "credibility", "support", "intelligence")
"""Tracks every team has; campaigns may declare more in `[[tracks]]`."""

Category = Literal["diplomatic", "military", "economic", "information", "cyber", "alliance"]
TargetKind = Literal["none", "any", "ally", "rival", "dyad"]
Visibility = Literal["public", "detectable", "secret"]
ChannelStatus = Literal["open", "degraded", "suspended"]
Whose = Literal["self", "target", "interop", "target_allies", "team"]
ProposalKind = Literal["stand_down", "settlement"]


class _Value:
    """Base of the model's classes: one `__repr__` for all of them, written as attrs writes it.

    attrs would compile a `__repr__` for each class (repr=False stops it), some 2 ms of every
    start of the program for the classes below; the text is the same.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in attrs.fields(type(self)))
        return f"{type(self).__qualname__}({fields})"


@attrs.frozen(repr=False)
class TrackDef(_Value):
    """A campaign-declared track such as alliance cohesion or munitions stockpile."""

    id: str
    name: str
    min: float = 0.0
    max: float = 1.0
    default: float = 0.5
    description: str = ""


@attrs.frozen(repr=False)
class Condition(_Value):
    """A test on the game state: every key that is set must hold (ANDed); `any` is or, `not` is not.

    `any` holds when one of its conditions does, `not` when its condition does not.
    """

    turn_at_least: int | None = None
    crisis_at_least: str | None = None
    crisis_at_most: str | None = None
    dyad: tuple[str, ...] = ()
    rung_at_least: str | None = None
    rung_at_most: str | None = None
    team: str | None = None
    track: str | None = None
    at_least: float | None = None
    at_most: float | None = None
    treaty_honoured: str | None = None
    treaty_breached: str | None = None
    channel: str | None = None
    channel_status: ChannelStatus | None = None
    ended_by: str | None = None
    not_ended_by: str | None = None
    any: "tuple[Condition, ...]" = ()
    """At least one of these conditions holds (or): `any = [{...}, {...}]`. Empty: no such test."""
    not_: "Condition | None" = attrs.field(default=None, metadata={"key": "not"})
    """This condition does not hold: written `not = {...}` (`not` is a Python keyword, hence the name)."""


@attrs.frozen(repr=False)
class Objective(_Value):
    """Points a team earns when its condition holds at the end of the game."""

    id: str
    description: str
    points: int
    condition: Condition


@attrs.frozen(repr=False)
class Doctrine(_Value):
    """How the `doctrine` bot persona plays a team: the instructor's preferences, as weights.

    A move's score adds its category's weight, its own weight in `moves`,
    `escalation` per rung it climbs from the dyad's rung (negative for restraint),
    `firebreak` times the salience of each threshold it would cross, `obligation`
    if it meets a treaty obligation the team owes, `channels` if it opens or
    restores a channel, and `fear` times ten times the leak chance of the firebreak
    just above, for a step down or a channel opened there; moves that would take a
    dyad above `max_rung` are never chosen. From `propose_at` the team proposes a
    mutual stand-down, and a settlement instead once the crisis has run `settle_after`
    turns (0: never).
    """

    categories: dict[str, float] = attrs.Factory(dict)
    moves: dict[str, float] = attrs.Factory(dict)
    escalation: float = 0.0
    firebreak: float = -5.0
    obligation: float = 2.0
    channels: float = 0.0
    max_rung: str | None = None
    propose_at: str | None = None
    accept: Literal["always", "never", "reciprocal"] = "reciprocal"
    fear: float = 0.0
    settle_after: int = 0
    mediate_at: str | None = None
    """From this rung on a dyad of two other teams, the team makes its moves on other pairs' dyads
    (`target = "dyad"`) on the tensest such dyad, and carries a stand-down proposal between the two
    over a channel it shares with both (`bots.mediation_orders`). None: never."""
    red_lines: float = 3.0
    """Subtracted from a move that would cross another team's declared red line, times that team's
    credibility: how much a threat from a credible declarer holds this team back."""
    declare_at: str | None = None
    """From this crisis rung on, the team declares the red lines its campaign offers it (none: never)."""

    domains: dict[str, float] = attrs.Factory(dict)
    """Added to a move's score by its domain (`cyber = -1.0`: this team keeps out of cyberspace)."""
    retaliate: float = 0.0
    """Added to `escalation` on a dyad with a rival the team believes moved against it last turn (a
    climb it saw, or one it blames on the rival: `perception.blamed`): the answer in kind that turns
    a misreading into a spiral. 0: the team weighs every rival alike."""
    reading: Literal["estimate", "worst", "hopeful"] = "estimate"
    """How the team's bot reads what it is unsure of (`perception.read_state`): its estimate, the
    worst of its error band (the fearful: Jervis's security dilemma) or the best (the hopeful)."""

@attrs.frozen(repr=False)
class RedLine(_Value):
    """A public red line or threat a team may declare: if `condition` comes to hold, it will act.

    A move whose id or one of whose tags is in `enforce` counts as enforcing it. Once crossed, the
    declarer has `within` turns to enforce it; if it does not, it pays `audience_cost` (track
    deltas) times its team's `audience_sensitivity`, and earns `enforced` when it does. `lasts`:
    the line lapses this many turns after it is declared (None: it stands until tested).
    """

    id: str
    text: str
    condition: Condition
    enforce: tuple[str, ...]
    within: int = 1
    lasts: int | None = None
    audience_cost: dict[str, float] = attrs.Factory(lambda: {"support": -0.1, "credibility": -0.15})
    enforced: dict[str, float] = attrs.Factory(lambda: {"credibility": 0.05})


@attrs.frozen(repr=False)
class Team(_Value):
    """A state or bloc played by a human team or a bot persona."""

    id: str
    name: str
    short: str = ""
    briefing: str = ""
    resources: float = 3.0
    readiness: float = 0.5
    credibility: float = 0.5
    support: float = 0.5
    intelligence: float = 0.3
    tracks: dict[str, float] = attrs.Factory(dict)
    persona: str = "random"
    doctrine: Doctrine | None = None
    objectives: tuple[Objective, ...] = ()
    neutral: bool = False
    """Neither ally nor rival of anyone: `target = "rival"` moves do not reach it nor does it make them,
    and an attack on it is reported as such and costs the attacker `rules.attack_on_neutral`."""
    red_lines: tuple[RedLine, ...] = ()
    """The red lines this team may declare, ready-made."""
    audience_sensitivity: float = 0.0
    """How much a public (its own people, the press, a parliament) punishes this team for a bluff:
    the share of a red line's `audience_cost` it pays. High for an open democracy, low for a closed
    regime (Fearon 1994); 0, the default, means a bluff costs nothing."""


@attrs.frozen(repr=False)
class Rung(_Value):
    """One rung of the escalation ladder."""

    id: str
    name: str
    band: str
    description: str = ""
    firebreak: bool = False
    terminal: bool = False
    threshold: str = ""
    """A firebreak's name as a threshold ("the nuclear taboo"); the rung's name when empty."""
    salience: float = 1.0
    """How strongly a firebreak holds (0–1): what crossing it weighs with the bots, as a share of
    their `firebreak` weight. The first shot is not the nuclear taboo."""
    leak: float = 0.0
    """A firebreak's chance that an incident on the rung below crosses it (before readiness)."""
    incident: bool = False
    """An incident may land here. When no rung says so, an incident climbs one rung, as before."""
    domain: str = ""
    """Where the rung is fought (maritime, cyber …): the domain of an incident on it when no move
    of the turn gave the dyad one. Empty: no domain."""
    spill: float | None = None
    """The chance that an incident landing here draws each side's allies in against the other
    side (one rung); None: `rules.spill`."""


@attrs.frozen(repr=False)
class TrackRequirement(_Value):
    """A bound on one of the acting team's tracks."""

    track: str
    at_least: float | None = None
    at_most: float | None = None


@attrs.frozen(repr=False)
class Requirements(_Value):
    """What must hold, at the start of the turn, for a move to be made."""

    min_rung: str | None = None
    max_rung: str | None = None
    tracks: tuple[TrackRequirement, ...] = ()
    channel: str | None = None
    channel_status: tuple[ChannelStatus, ...] = ()
    treaty: str | None = None
    provision: str | None = None


@attrs.frozen(repr=False)
class Modifier(_Value):
    """A term added to a move's success chance: weight × (value − centre).

    `of` says whose value: the actor's track, the target's track, the best value of
    that track among the target's allies (deterrence), the actor–target
    interoperability (then `track` is left out), or a named team's track
    (`of = "team"` with `team`: a mediator's standing, a patron's resolve).
    """

    weight: float
    track: str = ""
    of: Whose = "self"
    centre: float = 0.5
    team: str = ""
    """With `of = "team"`: the team whose track is read, whoever acts and whoever is targeted."""


@attrs.frozen(repr=False)
class Success(_Value):
    """A move's chance of success: a base chance and modifiers from tracks."""

    base: float = 1.0
    modifiers: tuple[Modifier, ...] = ()


SPILL_SIDES = ("actor", "target", "actor_allies", "target_allies")
"""The words a spill's `dyad` may use for a side, besides a team id (see `core.spillover`)."""


@attrs.frozen(repr=False)
class Spill(_Value):
    """Horizontal escalation: dyads other than the move's own that a move moves.

    `dyad` names two sides, each "actor", "target", "actor_allies", "target_allies" (every treaty
    partner of that team, a pair of partners left out) or a team id; the spill climbs `steps` and
    lands at least on `rung_at_least`, crossing only the firebreaks `crosses` names.
    """

    dyad: tuple[str, ...]
    steps: int = 1
    rung_at_least: str | None = None
    crosses: tuple[str, ...] = ()


@attrs.frozen(repr=False)
class Effects(_Value):
    """What a move does when it succeeds (or, as `on_failure`, when it fails)."""

    actor: dict[str, float] = attrs.Factory(dict)
    target: dict[str, float] = attrs.Factory(dict)
    escalation: int = 0
    interoperability: float = 0.0
    channel: str | None = None
    channel_status: ChannelStatus | None = None
    invoke_treaty: str | None = None
    consult_treaty: str | None = None
    rung_at_least: str | None = None
    """The dyad lands at least on this rung (after `escalation`): what the move is, not how far it goes."""
    rung_exactly: str | None = None
    """The dyad lands on this rung, above or below where it was."""
    restrain: bool = False
    """Aimed at an ally: its coercive moves next turn lose `rules.restraint` of their chance (see `alliances`)."""
    spill: tuple[Spill, ...] = ()
    """Other dyads the move moves as well (allies drawn in, a second front): see `core.spillover`."""


@attrs.frozen(repr=False)
class Move(_Value):
    """A move in the catalogue that teams may order."""

    id: str
    name: str
    category: Category
    cost: int
    description: str = ""
    target: TargetKind = "none"
    teams: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    requires: Requirements = Requirements()
    success: Success = Success()
    effects: Effects = Effects()
    on_failure: Effects = Effects()
    visibility: Visibility = "public"
    tags: tuple[str, ...] = ()
    crosses_firebreak: bool = False
    """The move may cross every firebreak (kept for older files; `crosses` names them)."""
    crosses: tuple[str, ...] = ()
    """The firebreaks (rung ids) this move may cross; a firebreak it may not cross holds it below."""
    ambiguous: bool = False
    """Where beliefs are kept (`rules.intel_noise`): the rung this move lands on is hard to read;
    every team but its maker reads it a rung lower, right or a rung higher, by a roll."""
    attribution: float | None = None
    """Where beliefs are kept: the chance that the target of this secret or detectable move, when it
    did not detect it, learns who did it (it always knows it was hit). None: it never learns."""
    domain: str = ""
    """Where the move acts (maritime, cyber …): an incident on a dyad it raised takes this domain."""


@attrs.frozen(repr=False)
class Channel(_Value):
    """A deconfliction channel: hotline, mil-to-mil link or mediator."""

    id: str
    name: str
    members: tuple[str, ...]
    kind: str = "hotline"
    status: ChannelStatus = "open"
    reliability: float = 0.9
    latency: int = 0
    dampening: float = 0.5
    containment: float = 0.0
    """The chance that an incident between two of its members is resolved over it without a climb."""
    domains: tuple[str, ...] = ()
    """The domains whose incidents it dampens and contains (an INCSEA line is no help in
    cyberspace); empty: every domain."""


@attrs.frozen(repr=False)
class Trigger(_Value):
    """What activates a treaty: a move with `tag` by a non-member against a member."""

    tag: str = "armed_attack"
    min_rung: str | None = None


@attrs.frozen(repr=False)
class Obligation(_Value):
    """What a triggered treaty asks of every other member, and by when."""

    tag: str = "collective_defense"
    within: int = 1
    enters_dyad: bool = False
    """true: only a move against the attacker or for the victim meets it, and honouring puts the
    member at least at the victim's rung with the attacker (entrapment; see `alliances`)."""


@attrs.frozen(repr=False)
class BurdenSharing(_Value):
    """A per-turn target on a member track; a shortfall costs the free rider."""

    track: str
    at_least: float
    shortfall: dict[str, float] = attrs.Factory(dict)


@attrs.frozen(repr=False)
class Treaty(_Value):
    """An alliance commitment between members."""

    id: str
    name: str
    members: tuple[str, ...]
    trigger: Trigger = Trigger()
    obligation: Obligation = Obligation()
    honour: dict[str, float] = attrs.Factory(lambda: {"credibility": 0.1})
    breach: dict[str, float] = attrs.Factory(lambda: {"credibility": -0.2})
    burden_sharing: BurdenSharing | None = None
    provisions: tuple[Literal["intelligence_sharing", "basing"], ...] = ()
    basing_bonus: float = 0.1
    commitment: float = 1.0
    """How firmly members stand behind one another (0–1): a `target_allies` deterrence term reads an
    ally's track only this far from the modifier's centre (Press: credibility is per commitment). 1, the
    default, is a defence pact; about 0.5 a consultation pact; a team with no treaty with the target
    does not deter at all."""
    description: str = ""
    decision: Literal["automatic", "consensus"] = "automatic"
    """"consensus": a trigger opens a members' decision; the obligation binds only if no member
    blocks it in its next orders (silence is consent), else the alliance splits in public."""
    split: dict[str, float] = attrs.Factory(dict)
    """Track deltas every member suffers when a decision is blocked (a public split)."""
    caveats: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    """Per member, tags that do not count for it: a move with one of them never meets its obligation."""


@attrs.frozen(repr=False)
class TrackDelta(_Value):
    """A change to one team's track, used by injects."""

    team: str
    track: str
    delta: float


@attrs.frozen(repr=False)
class DyadShift(_Value):
    """A change of rungs on one dyad, used by injects."""

    dyad: tuple[str, ...]
    delta: int = 0
    rung_at_least: str | None = None
    """The dyad lands at least on this rung (injects never cross a firebreak)."""


@attrs.frozen(repr=False)
class InjectEffects(_Value):
    """What an inject does to the world when it fires."""

    tracks: tuple[TrackDelta, ...] = ()
    escalation: tuple[DyadShift, ...] = ()
    channel: str | None = None
    channel_status: ChannelStatus | None = None


@attrs.frozen(repr=False)
class Inject(_Value):
    """A scripted event: at a turn, when a condition holds, or when the facilitator fires it."""

    id: str
    name: str
    text: str
    turn: int | None = None
    when: Condition | None = None
    effects: InjectEffects = InjectEffects()


@attrs.frozen(repr=False)
class EstimativeWord(_Value):
    """One step of the estimative scale the white cell rules free-form moves on: a word and its chance."""

    word: str
    chance: float


DEFAULT_ESTIMATIVE_SCALE = (
    EstimativeWord("almost certain", 0.95),
    EstimativeWord("likely", 0.75),
    EstimativeWord("even chance", 0.5),
    EstimativeWord("unlikely", 0.25),
    EstimativeWord("remote", 0.05),
)
"""The words of intelligence estimates (after the UK PHIA yardstick and ICD 203), most likely first."""


@attrs.frozen(repr=False)
class Rules(_Value):
    """Campaign-wide numbers the adjudicator uses."""

    accident_base: float = 0.0
    accident_per_rung: float = 0.02
    accident_after_escalation: float = 0.05
    start_rung: str | None = None
    calm_rung: str | None = None
    calm_turns: int = 2
    proposal_expiry: int = 2
    end_on_settlement: bool = True
    force_rung: str | None = None
    """The first use-of-force rung: a move tagged with one of `force_tags` that climbs never lands
    below it (and may cross the firebreaks up to it). None: no such floor."""
    force_tags: tuple[str, ...] = ("armed_attack", "kinetic")
    de_escalation: Literal["unilateral", "takes_two"] = "unilateral"
    """"takes_two": a move that steps a dyad down is an offer, void if the other side climbs that
    dyad the same turn; of several step-downs on one dyad the deepest applies. "unilateral": each
    step applies as it comes (the first engine's rule, kept for older campaigns and their saves)."""
    leak_readiness: float = 0.0
    """Added to a firebreak's leak chance per point of the two sides' mean readiness above 0.5."""
    alert_at: float = 1.0
    """The readiness at or above which a team stands on high alert."""
    accident_mutual_alert: float = 0.0
    """Added to the chance of an incident when both sides of a dyad stand on high alert."""
    credibility_baseline: float | None = None
    """Where credibility drifts back to at the end of each turn (by `credibility_drift`); None: to
    each team's own starting credibility. Reputations fade when nothing tests them (Press 2005)."""
    credibility_drift: float = 0.0
    """The share of the gap to the baseline closed at the end of each turn (0–1); 0, the default:
    credibility never drifts."""
    incidents_before_step_downs: bool = False
    """true: an incident is rolled where the dyad stood at the start of the turn when a step-down
    took it lower since (forces ordered back are still in contact while they withdraw: Posen's
    inadvertent escalation, Schelling's threat that leaves something to chance). false: where the
    dyad stands once every move is in (the first engine's rule)."""
    attack_on_neutral: dict[str, float] = attrs.Factory(dict)
    """Track changes of a team whose public move attacks a neutral team (carries one of `force_tags`
    or climbs their dyad): what breaking a neutrality costs at home and abroad. Empty: nothing, but
    the attack is still reported as one."""
    credibility_returns: Literal["linear", "diminishing"] = "linear"
    """"diminishing": a change of credibility shrinks as it nears the bound it moves towards (full
    at the middle of the range, none at the bound), so reputations stop piling up at 0 or 1."""
    credibility: Literal["global", "per_commitment"] = "global"
    """"per_commitment": each member's credibility under each treaty is held apart (honour and breach
    change it), and deterrence through `target_allies` reads the commitment toward the target."""
    commitment_drift: float = 0.0
    """Where credibility is per commitment: the share of the gap between a commitment's credibility and
    its base (the member's starting credibility) closed at the end of each turn (0–1); 0: none."""
    commitment_returns: Literal["linear", "diminishing"] = "linear"
    """Where credibility is per commitment: "diminishing" shrinks honour's gain and breach's loss with
    the room left towards the bound they move to, as `credibility_returns` does for the track."""
    restraint: float = 0.2
    """How much a restrained ally's coercive moves lose from their chance (see `effects.restrain`)."""
    compose_red_lines: bool = False
    """true: a team may compose a red line of its own (a dyad reaching a rung, what counts as
    enforcing it, a deadline) besides those its campaign offers; false: only the offered ones."""
    estimative_scale: tuple[EstimativeWord, ...] = DEFAULT_ESTIMATIVE_SCALE
    """The words (and their chances) the white cell sets a free-form move's odds with."""
    show_odds: Literal["exact", "words", "hidden"] = "exact"
    """What teams see of chances: the number ("exact"), the nearest word of the estimative scale
    ("words") or nothing ("hidden"). The white cell always sees the numbers."""
    default_odds: str = ""
    """The word a host with no facilitator (`host --headless --auto-odds`) rules free-form moves on;
    "": the middle word of `estimative_scale`."""
    odds_by: Literal["white_cell", "vote"] = "white_cell"
    """Who sets a free-form move's odds: the white cell ("white_cell"), or the teams not party to it
    that may see it, each voting a word of `estimative_scale` in the argument round ("vote"; the odds
    are the median word, the less likely of the two middle words on a tie; with no vote, the white cell's)."""
    intel_noise: float = 0.0
    """Above 0, each team keeps beliefs (see `core.perception`): it estimates other teams' tracks
    within ± intel_noise × (1 − its intelligence) × the track's range and every dyad's rung within a spread, instead
    of seeing exact tracks at intelligence 0.5 and every rung. 0, the default: no beliefs."""
    false_alarm: float = 0.0
    """Where beliefs are kept: each team's chance, each turn, that its intelligence reports a move
    against it that no one made (it believes its dyad with a rival one rung higher)."""
    spill: float = 0.0
    """The chance that an incident that climbs draws each side's allies in against the other side
    (one rung, no firebreak crossed), unless the rung it lands on sets its own `spill`."""


@attrs.frozen(repr=False)
class DyadStart(_Value):
    """A dyad that starts above the ladder's first rung."""

    teams: tuple[str, ...]
    rung: str


@attrs.frozen(repr=False)
class Interoperability(_Value):
    """How well two partners' forces can operate together (0–1)."""

    teams: tuple[str, ...]
    value: float


@attrs.frozen(repr=False)
class Observation(_Value):
    """One dyad's rung at the end of one turn as it happened in the crisis a vignette encodes (`wargame calibrate`)."""

    turn: int
    dyad: tuple[str, ...]
    rung: str
    note: str = ""
    source: str = ""
    """Where the observation comes from: author, title, year (and page or section)."""


@attrs.frozen(repr=False)
class Campaign(_Value):
    """A whole campaign as an instructor wrote it."""

    title: str
    turns: int
    teams: tuple[Team, ...]
    rungs: tuple[Rung, ...]
    moves: tuple[Move, ...]
    summary: str = ""
    briefing: str = ""
    rules: Rules = Rules()
    tracks: tuple[TrackDef, ...] = ()
    dyads: tuple[DyadStart, ...] = ()
    interoperability: tuple[Interoperability, ...] = ()
    channels: tuple[Channel, ...] = ()
    treaties: tuple[Treaty, ...] = ()
    injects: tuple[Inject, ...] = ()
    domains: tuple[str, ...] = ()
    """The domains the campaign's rungs, moves, channels and doctrines may name; empty: any."""
    history: tuple[Observation, ...] = ()
    """The observed path of a historical crisis (a vignette): what `wargame calibrate` scores bots against."""
    purpose: str = ""
    """Why the seminar plays this campaign, in a sentence or two: the after-action report opens with it."""
    learning_questions: tuple[str, ...] = ()
    """The questions the seminar should be able to answer afterwards; the report lists them first."""

    # Lookups by id: the adjudicator and the bots ask thousands of times a turn,
    # so each index is built once per campaign.
    @functools.cached_property
    def _index(self) -> dict[str, dict]:
        return {
            "team": {t.id: t for t in self.teams},
            "move": {m.id: m for m in self.moves},
            "rung": {r.id: i for i, r in enumerate(self.rungs)},
            "channel": {c.id: c for c in self.channels},
            "treaty": {t.id: t for t in self.treaties},
            "inject": {i.id: i for i in self.injects},
        }

    def team(self, team_id: str) -> Team:
        return self._index["team"][team_id]

    def short_names(self) -> dict[str, str]:
        """Each team's short name (its name when none is given), for tight spaces."""
        return dict(self.short_name_of)

    @functools.cached_property
    def short_name_of(self) -> dict[str, str]:
        """The same, shared and read-only by convention: for hot paths."""
        return {t.id: t.short or t.name for t in self.teams}

    def move(self, move_id: str) -> Move:
        return self._index["move"][move_id]

    def find_move(self, move_id: str) -> Move | None:
        return self._index["move"].get(move_id)

    def has_team(self, team_id: str) -> bool:
        return team_id in self._index["team"]

    def rung_index(self, rung_id: str) -> int:
        return self._index["rung"][rung_id]

    def channel(self, channel_id: str) -> Channel:
        return self._index["channel"][channel_id]

    def find_channel(self, channel_id: str) -> Channel | None:
        return self._index["channel"].get(channel_id)

    def treaty(self, treaty_id: str) -> Treaty:
        return self._index["treaty"][treaty_id]

    def inject(self, inject_id: str) -> Inject:
        return self._index["inject"][inject_id]

    @functools.cached_property
    def _partners(self) -> dict[str, tuple[str, ...]]:
        out = {}
        for team in self.teams:
            partners = {m for t in self.treaties if team.id in t.members for m in t.members}
            out[team.id] = tuple(t.id for t in self.teams if t.id in partners and t.id != team.id)
        return out

    def track_bounds(self, track: str) -> tuple[float, float]:
        bounds = self._track_bounds.get(track)
        return bounds if bounds is not None else (0.0, 1.0)

    @functools.cached_property
    def _track_bounds(self) -> dict[str, tuple[float, float]]:
        bounds = {}
        for t in reversed(self.tracks):  # the first definition of an id wins
            bounds[t.id] = (t.min, t.max)
        bounds["resources"] = (0.0, 100.0)
        return bounds

    @functools.cached_property
    def derived(self) -> dict:
        """Tables the rules and the bots work out from this campaign once and keep, for speed.

        A campaign never changes, so neither do they; each module keeps its own key.
        """
        return {}

    def track_names(self) -> tuple[str, ...]:
        return BUILTIN_TRACKS + tuple(t.id for t in self.tracks)

    def allies(self, team_id: str) -> tuple[str, ...]:
        """Teams that share at least one treaty with `team_id`, in campaign order."""
        return self._partners[team_id]


def dyad_key(a: str, b: str) -> str:
    """The canonical key of an unordered pair of teams."""
    return f"{a}|{b}" if a < b else f"{b}|{a}"
