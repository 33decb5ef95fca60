"""Rule helpers shared by the adjudicator, the views and the bots: legality, chances, conditions."""

from __future__ import annotations

import attrs

from .events import Term, term
from .alliances import PER_COMMITMENT, RESTRAINED, coercive, commitment_tracks, restrained, restrains
from .model import Campaign, Condition, Move, TrackRequirement, dyad_key
from .state import GameState
from .third_parties import dyad_refusal, neutral_refusal

PROBABILITY_FLOOR = 0.0
PROBABILITY_CEILING = 1.0
INTEL_REVEALS_TRACKS = 0.5
"""Effective intelligence at or above which a team sees another team's tracks."""


def clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def tidy(value: float) -> float:
    """Round so that sums of deltas stay readable (0.3, not 0.30000000000000004)."""
    return _TIDIED[value] if value.__class__ is float and value else round(value, 6)


class _Tidied(dict):
    """Each float's `tidy`, kept as it is first worked out (up to `_TIDIED_KEPT` of them).

    Rounding to six places goes through decimal digits and is slow, while a game's
    tracks and chances take few distinct values (about a thousand in a thousand
    turns): a look-up is four times faster. Only non-zero floats are looked up:
    0.0 and -0.0 are one key but round to different zeros, and an int key would
    give back a float.
    """

    def __missing__(self, value: float) -> float:
        tidied = round(value, 6)
        if len(self) < _TIDIED_KEPT:
            self[value] = tidied
        return tidied


_TIDIED_KEPT = 1 << 14
_TIDIED = _Tidied()


def budget(state: GameState, team: str) -> int:
    """What a team may spend on moves this turn: its resources track, in whole units."""
    return int(state.tracks[team]["resources"])


def treaty_partners(campaign: Campaign, team: str, provision: str | None = None) -> list[str]:
    """Teams that share a treaty with `team` (only treaties with `provision`, when given)."""
    if provision is None:
        return list(campaign.allies(team))
    return list(_tables(campaign).partners(team, provision))


def has_provision(campaign: Campaign, team: str, provision: str) -> bool:
    return any(team in t.members and provision in t.provisions for t in campaign.treaties)


def basing_bonus(campaign: Campaign, team: str, target: str) -> float:
    """What basing rights add to the chance of a military move by `team` against `target`."""
    basing = _tables(campaign).basing(team, target)
    return basing.value if basing is not None else 0.0


def effective_intelligence(campaign: Campaign, state: GameState, team: str) -> float:
    """A team's intelligence, raised to the best of partners it shares intelligence with."""
    own = state.tracks[team]["intelligence"]
    shared = [state.tracks[p]["intelligence"] for p in _tables(campaign).partners(team, "intelligence_sharing")]
    return max([own] + shared)


def channel_between(campaign: Campaign, state: GameState, a: str, b: str) -> float:
    """The best dampening of a working channel joining a and b (halved when degraded)."""
    best = 0.0
    for ch in _tables(campaign).channels_between(a, b):
        status = state.channels[ch.id]
        value = ch.dampening if status == "open" else ch.dampening / 2 if status == "degraded" else 0.0
        best = max(best, value)
    return best


def containment_between(campaign: Campaign, state: GameState, a: str, b: str) -> tuple[str, float]:
    """The working channel joining a and b that best contains an incident, and its containment
    (halved when degraded); ("", 0.0) when none does."""
    best, value = "", 0.0
    for ch in _tables(campaign).channels_between(a, b):
        status = state.channels[ch.id]
        contains = ch.containment if status == "open" else ch.containment / 2 if status == "degraded" else 0.0
        if contains > value:
            best, value = ch.id, contains
    return best, value


@attrs.frozen
class Gate:
    """What a move needs of the state at the start of a turn, its rung ids read as indices once.

    `refusal` explains a closed gate; the bots, which try every move against every
    target each turn, only ask whether it is open.
    """

    low: int
    """The lowest rung the dyad (or, for an untargeted move, the crisis) may be on."""
    high: int
    tracks: tuple[TrackRequirement, ...]
    channel: str | None
    statuses: tuple[str, ...]
    """The channel states the move needs; empty when it needs none."""

    @classmethod
    def of(cls, campaign: Campaign, move: Move) -> Gate:
        rq = move.requires
        return cls(
            low=campaign.rung_index(rq.min_rung) if rq.min_rung else 0,
            high=campaign.rung_index(rq.max_rung) if rq.max_rung else len(campaign.rungs),
            tracks=rq.tracks,
            channel=rq.channel,
            statuses=tuple(rq.channel_status) if rq.channel else (),
        )

    def admits(self, state: GameState, team: str) -> bool:
        """Whether `team`'s tracks and the channel allow the move now; the rung is checked apart."""
        tracks = state.tracks[team]
        for tr in self.tracks:
            value = tracks[tr.track]
            if tr.at_least is not None and value < tr.at_least:
                return False
            if tr.at_most is not None and value > tr.at_most:
                return False
        return not self.statuses or state.channels[self.channel] in self.statuses


class _Tables:
    """What the rules read from a campaign over and over, worked out once (see `Campaign.derived`)."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign
        self._gates: dict[str, tuple[Move, Gate]] = {}
        self._static: dict[tuple[str, str, str], tuple[Move, tuple[str, str, str]]] = {}
        self._partners: dict[tuple[str, str], tuple[str, ...]] = {}
        self._between: dict[tuple[str, str], tuple] = {}
        self._basing: dict[tuple[str, str], Term | None] = {}
        self._fixed: dict[tuple[str, str, str], tuple[Move, tuple[float, tuple[Term, ...]]]] = {}
        self._checks: dict[tuple[str, str, str], tuple[Move, tuple[str, str, str, Gate]]] = {}
        self._backers: dict[tuple[str, str], tuple[str, ...]] = {}
        self._commitments: dict[tuple[str, str], tuple[float, ...] | None] = {}
        self._labels: dict[tuple[str, str, str | None, str, float], tuple[str, str]] = {}

    def gate(self, move: Move) -> Gate:
        entry = self._gates.get(move.id)
        if entry is not None and entry[0] is move:
            return entry[1]
        gate = Gate.of(self.campaign, move)
        if self.campaign.find_move(move.id) is move:  # only the campaign's own moves are kept
            self._gates[move.id] = (move, gate)
        return gate

    def static_refusals(self, team: str, move: Move, target: str) -> tuple[str, str, str]:
        """The reasons `refusal` gives that no state can change, in three parts: see `refusal`."""
        key = (team, move.id, target)
        entry = self._static.get(key)
        if entry is not None and entry[0] is move:
            return entry[1]
        c = self.campaign
        reasons = (_who_and_whom(c, team, move, target), _on_channel(c, team, move), _entitled(c, team, move))
        # Keep only what a bounded set of keys can reach: the campaign's moves, its teams as targets.
        if c.has_team(team) and (not target or c.has_team(target)) and c.find_move(move.id) is move:
            self._static[key] = (move, reasons)
        return reasons

    def refusal_checks(self, team: str, move: Move, target: str) -> tuple[str, str, str, Gate]:
        """`static_refusals` and `gate` in one look-up: what `refusal` reads first, every time."""
        key = (team, move.id, target)
        entry = self._checks.get(key)
        if entry is not None and entry[0] is move:
            return entry[1]
        checks = (*self.static_refusals(team, move, target), self.gate(move))
        if key in self._static:  # kept for the same bounded set of keys
            self._checks[key] = (move, checks)
        return checks

    def fixed(self, team: str, move: Move, target: str) -> tuple[float, tuple[Term, ...]]:
        """`success_chance` of a move without modifiers: nothing in it reads the state."""
        key = (team, move.id, target)
        entry = self._fixed.get(key)
        if entry is not None and entry[0] is move:
            return entry[1]
        c = self.campaign
        result = _chance(c, None, team, move, target or None, explain=True)
        if c.has_team(team) and (not target or c.has_team(target)) and c.find_move(move.id) is move:
            self._fixed[key] = (move, result)
        return result

    def partners(self, team: str, provision: str) -> tuple[str, ...]:
        key = (team, provision)
        if key not in self._partners:
            partners: list[str] = []
            for t in self.campaign.treaties:
                if team in t.members and provision in t.provisions:
                    partners += [m for m in t.members if m != team and m not in partners]
            self._partners[key] = tuple(partners)
        return self._partners[key]

    def channels_between(self, a: str, b: str) -> tuple:
        key = (a, b)
        if key not in self._between:
            self._between[key] = tuple(ch for ch in self.campaign.channels if a in ch.members and b in ch.members)
        return self._between[key]

    def backers(self, target: str, team: str) -> tuple[str, ...]:
        """The allies of `target` other than `team`: who may back `target` against `team`."""
        key = (target, team)
        backers = self._backers.get(key)
        if backers is None:
            backers = tuple(p for p in self.campaign.allies(target) if p != team)
            if self.campaign.has_team(team):  # keep only what a bounded set of keys can reach
                self._backers[key] = backers
        return backers

    def commitments(self, target: str, team: str) -> tuple[float, ...] | None:
        """How firmly each of `backers(target, team)` is committed to `target`: the highest
        `commitment` of the treaties it shares with `target`. None when every one is 1 (the
        first engine's deterrence, read the quicker way)."""
        key = (target, team)
        if key not in self._commitments:
            treaties = self.campaign.treaties
            held = tuple(
                max(t.commitment for t in treaties if backer in t.members and target in t.members)
                for backer in self.backers(target, team)
            )
            self._commitments[key] = None if all(h == 1.0 for h in held) else held
        return self._commitments[key]

    def label(self, of: str, track: str, target: str | None, backer: str, weight: float) -> tuple[str, str]:
        """A modifier's label but for its value: the text before and after it."""
        key = (of, track, target, backer, weight)
        parts = self._labels.get(key)
        if parts is None:
            parts = self._labels[key] = (_whose(self.campaign, of, track, target, backer), f"(weight {weight:g})")
        return parts

    def basing(self, team: str, target: str) -> Term | None:
        """The basing-rights term of a military move by `team` against `target`: its label and bonus."""
        key = (team, target)
        if key not in self._basing:
            treaties = self.campaign.treaties
            hosts = [t.name for t in treaties if team in t.members and target not in t.members and "basing" in t.provisions]
            if hosts:
                bonus = max(t.basing_bonus for t in treaties if t.name in hosts)
                self._basing[key] = Term(f"basing rights ({hosts[0]})", bonus)
            else:
                self._basing[key] = None
        return self._basing[key]


def gate(campaign: Campaign, move: Move) -> Gate:
    """What `move` needs of the state at the start of a turn."""
    return _tables(campaign).gate(move)


def static_refusals(campaign: Campaign, team: str, move: Move, target: str | None) -> tuple[str, str, str]:
    """The reasons `refusal` may give that no game state can change: all empty when the
    move is allowed whenever its `gate` is open and the rung is in its range."""
    return _tables(campaign).static_refusals(team, move, target or "")


def _tables(campaign: Campaign) -> _Tables:
    tables = campaign.derived.get("rules")
    if tables is None:
        tables = campaign.derived["rules"] = _Tables(campaign)
    return tables


class _Names:
    """Team names looked up only when a refusal needs them (most checks pass)."""

    def __init__(self, campaign: Campaign):
        self.campaign = campaign

    def __getitem__(self, team: str) -> str:
        return self.campaign.team(team).name

    def get(self, team: str, default: str) -> str:
        try:
            return self.campaign.team(team).name
        except KeyError:
            return default


def refusal(
    campaign: Campaign, state: GameState, team: str, move: Move, target: str | None, dyad_with: str | None = None
) -> str:
    """Why `team` cannot make `move` against `target` now, or "" when it can.

    The first reason found is given, checks in this order: who may make the move
    and against whom; the rung; the team's tracks; being on the channel the move
    needs; the channel's state; treaties and provisions. The parts no state can
    change are worked out once per campaign (`_Tables.static_refusals`). A move on another pair's
    dyad (`target = "dyad"`) is checked on the dyad of `target` and `dyad_with`.
    """
    on_pair = move.target == "dyad"
    who, channel_member, entitled, gate = _tables(campaign).refusal_checks(team, move, "" if on_pair else target or "")
    if on_pair:
        who = who or dyad_refusal(campaign, team, move, target, dyad_with)
    if who:
        return who
    level = state.rung(target, dyad_with) if on_pair else state.rung(team, target) if target else state.crisis()
    if level < gate.low or level > gate.high:  # where the move stands is named only when it is refused
        where = f"the dyad {campaign.team(target).name}–{campaign.team(dyad_with).name}" if on_pair else _where(campaign, target)
        if level < gate.low:
            return f"{where} is below {campaign.rungs[gate.low].name}"
        return f"{where} is above {campaign.rungs[gate.high].name}"
    tracks = state.tracks[team] if gate.tracks else None
    for tr in gate.tracks:
        value = tracks[tr.track]
        if tr.at_least is not None and value < tr.at_least:
            return f"your {tr.track} is {value:g}, needs at least {tr.at_least:g}"
        if tr.at_most is not None and value > tr.at_most:
            return f"your {tr.track} is {value:g}, needs at most {tr.at_most:g}"
    if channel_member:
        return channel_member
    if gate.statuses and state.channels[gate.channel] not in gate.statuses:
        return f"{campaign.channel(gate.channel).name} is {state.channels[gate.channel]}"
    return entitled


def _where(campaign: Campaign, target: str | None) -> str:
    return f"the dyad with {campaign.team(target).name}" if target else "the crisis"


def _who_and_whom(campaign: Campaign, team: str, move: Move, target: str) -> str:
    names = _Names(campaign)
    if move.teams and team not in move.teams:
        return f"only {', '.join(names.get(t, t) for t in move.teams)} may make this move"
    if move.target == "none":
        if target:
            return "this move takes no target"
        return ""
    if move.target == "dyad":
        return ""  # the pair is checked apart: `third_parties.dyad_refusal`
    if not target:
        return "this move needs a target team"
    if not campaign.has_team(target):
        return f'there is no team "{target}"'
    if target == team:
        return "a team cannot target itself"
    if move.targets and target not in move.targets:
        return f"this move can only target {', '.join(names[t] for t in move.targets)}"
    allied = target in campaign.allies(team)
    if move.target == "ally" and not allied:
        return f"{names[target]} is not an ally (no shared treaty)"
    if move.target == "rival" and allied:
        return f"{names[target]} is an ally; this move targets rivals"
    return neutral_refusal(campaign, team, move, target)


def _on_channel(campaign: Campaign, team: str, move: Move) -> str:
    rq = move.requires
    if rq.channel and team not in campaign.channel(rq.channel).members:
        return f"you are not on {campaign.channel(rq.channel).name}"
    return ""


def _entitled(campaign: Campaign, team: str, move: Move) -> str:
    rq = move.requires
    if rq.treaty and team not in campaign.treaty(rq.treaty).members:
        return f"you are not a member of {campaign.treaty(rq.treaty).name}"
    if rq.provision and not has_provision(campaign, team, rq.provision):
        return f"no treaty of yours grants {rq.provision.replace('_', ' ')}"
    for effect in (move.effects, move.on_failure):
        if effect.channel and team not in campaign.channel(effect.channel).members:
            return f"you are not on {campaign.channel(effect.channel).name}"
        for treaty in (effect.invoke_treaty, effect.consult_treaty):
            if treaty and team not in campaign.treaty(treaty).members:
                return f"you are not a member of {campaign.treaty(treaty).name}"
    return ""


def success_chance(
    campaign: Campaign, state: GameState, team: str, move: Move, target: str | None, explain: bool = True
) -> tuple[float, tuple[Term, ...]]:
    """The chance a move succeeds, and each term that moved it from the base.

    With `explain=False` the terms are left out (the chance is the same): the bots
    weigh many moves and never show why.
    """
    if not move.success.modifiers:
        chance, terms = _tables(campaign).fixed(team, move, target or "")
        terms = terms if explain else ()
    else:
        chance, terms = _chance(campaign, state, team, move, target, explain)
    if state.restrained and (held := restrained(campaign, state, team, move)):
        # Held back by an ally this turn: applied after the clamp's ceiling, never below its floor.
        chance = tidy(max(PROBABILITY_FLOOR, chance + held))
        terms = (*terms, term(RESTRAINED, held)) if explain else ()
    return chance, terms


def fixed_chance(campaign: Campaign, team: str, move: Move, target: str | None) -> float | None:
    """The chance of `move` when nothing ties it to the game state (no modifier, no restraint that
    could hold it back), else None."""
    if move.success.modifiers or (coercive(move) and restrains(campaign)):
        return None
    return _tables(campaign).fixed(team, move, target or "")[0]


def _chance(
    campaign: Campaign, state: GameState | None, team: str, move: Move, target: str | None, explain: bool
) -> tuple[float, tuple[Term, ...]]:
    """`success_chance`; only the modifiers read `state` (None will do for a move without any)."""
    values: list[float] = []
    terms: list[Term] = []
    tables = _tables(campaign)
    for mod in move.success.modifiers:
        of, track = mod.of, mod.track
        backer = ""
        if of == "self":
            value = state.tracks[team][track]
        elif of == "target":
            value = state.tracks[target][track]
        elif of == "interop":
            value = state.interop.get(dyad_key(team, target), 0.0)
        elif of == "team":
            backer = mod.team  # named in the label as a backer is
            value = state.tracks[backer][track]
        else:
            backers = tables.backers(target, team)
            if not backers:
                continue
            tracks = state.tracks
            if track == "credibility" and campaign.rules.credibility == PER_COMMITMENT:
                tracks = commitment_tracks(campaign, state, target, backers)
            commitments = tables.commitments(target, team)
            if commitments is None:
                # The first of the backers with the highest value, as max(backers, key=...) picks.
                backer, value = backers[0], tracks[backers[0]][track]
                for p in backers[1:]:
                    if tracks[p][track] > value:
                        backer, value = p, tracks[p][track]
            else:
                # Each ally counts only as far as it is committed to the target: its value is
                # read that far from the centre, and the ally that counts most is the one named.
                backer, value, commitment = "", 0.0, 0.0
                for p, held in zip(backers, commitments):
                    if not backer or held * (tracks[p][track] - mod.centre) > commitment * (value - mod.centre):
                        backer, value, commitment = p, tracks[p][track], held
                if commitment != 1.0:
                    contribution = tidy(mod.weight * commitment * (value - mod.centre))
                    if contribution:
                        values.append(contribution)
                        if explain:
                            whose, weight = tables.label(of, track, target, backer, mod.weight)
                            terms.append(term(f"{whose} {value:g} × commitment {commitment:g} {weight}", contribution))
                    continue
        contribution = tidy(mod.weight * (value - mod.centre))
        if contribution:
            values.append(contribution)
            if explain:
                whose, weight = tables.label(of, track, target, backer, mod.weight)
                terms.append(term(f"{whose} {value:g} {weight}", contribution))
    if move.category == "military" and target:
        basing = tables.basing(team, target)
        if basing is not None:
            values.append(basing.value)
            if explain:
                terms.append(basing)
    total = move.success.base + sum(values)
    total = total if total > PROBABILITY_FLOOR else PROBABILITY_FLOOR  # clamp, written out (NaN included)
    return tidy(total if total < PROBABILITY_CEILING else PROBABILITY_CEILING), tuple(terms)


def _whose(campaign: Campaign, of: str, track: str, target: str | None, backer: str) -> str:
    short = campaign.short_name_of
    if of == "self":
        return f"own {track}"
    if of == "target":
        return f"{short[target]}'s {track}"
    if of == "interop":
        return f"interoperability with {short[target]}"
    if of == "team":
        return f"{short[backer]}'s {track}"
    return f"{short[target]}'s ally {short[backer]}: {track}"


def holds(campaign: Campaign, state: GameState, cond: Condition, ended_by: str = "") -> bool:
    """Whether every part of a condition holds in `state`."""
    if cond.turn_at_least is not None and state.turn < cond.turn_at_least:
        return False
    if cond.crisis_at_least or cond.crisis_at_most:
        crisis = state.crisis()
        if cond.crisis_at_least and crisis < campaign.rung_index(cond.crisis_at_least):
            return False
        if cond.crisis_at_most and crisis > campaign.rung_index(cond.crisis_at_most):
            return False
    if cond.dyad:
        level = state.rung(cond.dyad[0], cond.dyad[1])
        if cond.rung_at_least and level < campaign.rung_index(cond.rung_at_least):
            return False
        if cond.rung_at_most and level > campaign.rung_index(cond.rung_at_most):
            return False
    if cond.team and cond.track:
        value = state.tracks[cond.team][cond.track]
        if cond.at_least is not None and value < cond.at_least:
            return False
        if cond.at_most is not None and value > cond.at_most:
            return False
    if cond.treaty_honoured:
        broken = {k for k in state.breached if k.startswith(cond.treaty_honoured + "|")}
        if cond.team:
            broken = {k for k in broken if k.endswith("|" + cond.team)}
        # Honoured means nobody (or this team) broke it: a treaty never tested was not broken.
        if broken:
            return False
    if cond.treaty_breached:
        broken = {k for k in state.breached if k.startswith(cond.treaty_breached + "|")}
        if cond.team:
            broken = {k for k in broken if k.endswith("|" + cond.team)}
        if not broken:
            return False
    if cond.channel and state.channels[cond.channel] != cond.channel_status:
        return False
    if cond.ended_by and ended_by != cond.ended_by:
        return False
    if cond.not_ended_by and ended_by == cond.not_ended_by:
        return False
    if cond.any and not any(holds(campaign, state, one, ended_by) for one in cond.any):
        return False
    if cond.not_ is not None and holds(campaign, state, cond.not_, ended_by):
        return False
    return True
