"""Beliefs beside the truth: what each team believes of every dyad's rung and of other teams' tracks.

A campaign keeps beliefs when `rules.intel_noise` is above 0; otherwise every team sees the true
ladder and, at intelligence 0.5 or more, exact tracks (the first engine's rule), and nothing here
runs. Where beliefs are kept, the adjudicator forms them at the end of every turn, team by team in
campaign order, from what that team saw, with rolls from its own stream of the turn
("perception:<team>"), and
records them as one `BeliefsFormed` event per team (seen by that team and the white cell), so
`replay --verify` re-derives them like every other outcome.

How a team's belief of a dyad's rung (a rung and a spread: "±k") moves in a turn, event by event:

- A change it sees (public, or it is in the audience: its own moves, others' public moves) is
  read exactly: the new rung, spread 0. A change by a secret or detectable move is seen only by
  its maker, and by an observer that detected the move (read exactly too).
- A change by an `ambiguous` move is seen only by its maker; every other team reads it one rung
  lower (roll < 1/3), right (< 2/3) or one rung higher, and its spread becomes at least 1.
- Any other change it did not see (a secret move it did not detect, even against itself: it
  knows it was hit, not how far the dyad moved) leaves the rung it believed and widens the spread
  by the size of the change.
- A message delivered to it over a working channel makes the dyad with the sender exact (the
  sender said where it stands: clarification).
- The target of an undetected move with `attribution` rolls that chance to learn who hit it; when
  it does, the dyad with the maker is read exactly.
- `blamed`: the rivals the team believes climbed its dyad by a move whose landing it did not see
  (read higher from an ambiguous move, detected, attributed, or named by a false alarm); its bot
  answers them as it answers a climb it saw.
- `rules.false_alarm`: one roll per team per turn; under it, the team's intelligence reports a
  move by a rival (the next roll picks which) that nobody made: it believes that dyad one rung
  higher than it did, spread at least 1.
- Last, every dyad still uncertain (spread above 0) is rolled against the team's intelligence
  (effective, at the start of the turn): under it, the intelligence settles the dyad (the truth,
  spread 0).

Other teams' tracks: each is estimated within ± intel_noise × (1 − the team's intelligence) × the
track's range (high − low; for resources, the other team's starting resources), the
estimate the truth plus that error times (2·roll − 1), clamped to the track's bounds. Credibility
is public and read exactly. Before the first turn is resolved a team has no estimate yet: views
show credibility only, and bots plan on the briefing's figures.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import attrs

from . import events as ev
from .model import Campaign, dyad_key
from .state import GameState, apply_all, initial_state

PUBLIC = frozenset({"credibility"})
"""Tracks read exactly by everyone (a public reputation); see `narrative.PUBLIC_TRACKS`."""


def active(campaign: Campaign) -> bool:
    """Whether the campaign keeps beliefs beside the truth."""
    return campaign.rules.intel_noise > 0


def track_error(campaign: Campaign, intelligence: float) -> float:
    """How far a team with this intelligence may be off another team's track, either way, as a share
    of the track's range."""
    return round(campaign.rules.intel_noise * (1.0 - min(1.0, max(0.0, intelligence))), 3)


def scale(campaign: Campaign, team: str, track: str) -> float:
    """What an error on `team`'s `track` is a share of: the track's range; for resources (bounded
    only by 100) the team's starting resources, as its briefing gives them."""
    if track == "resources":
        return campaign.team(team).resources
    low, high = campaign.track_bounds(track)
    return high - low


class _DyadKeys(dict):
    """(a, b) → the key of the dyad, either way round; a pair not in the table is keyed as `dyad_key` keys it."""

    def __missing__(self, pair: tuple[str, ...]) -> str:
        return dyad_key(pair[0], pair[1])


class _DyadBeliefs(dict):
    """(dyad number, rung index, spread) → the `DyadBelief`, made the first time it is asked for and then
    shared (it is frozen): in place of building ninety a turn in a six-team campaign. Rung indices and
    spreads are ints (saves load them strictly), so equal keys stand for the very same belief."""

    def __init__(self, plan: _Plan):
        super().__init__()
        self.pairs, self.rung_ids = plan.pairs, plan.rung_ids

    def __missing__(self, key: tuple[int, int, int]) -> ev.DyadBelief:
        p, rung, spread = key
        belief = self[key] = ev.dyad_belief(self.pairs[p], self.rung_ids[rung], spread)
        return belief


class _Plan:
    """What forming and reading beliefs works out from the campaign once (kept in `Campaign.derived`).

    The dyads are numbered in the order of their keys, the order in which beliefs roll for them and
    list them, so a turn's beliefs are kept in lists by that number instead of dicts by key.
    """

    def __init__(self, campaign: Campaign):
        self.teams = [t.id for t in campaign.teams]
        self.rivals = {team: [x for x in self.teams if x != team] for team in self.teams}
        self.rung_ids = [r.id for r in campaign.rungs]
        self.rung_at = {r.id: campaign.rung_index(r.id) for r in campaign.rungs}
        self.top = len(self.rung_ids) - 1
        self.keys = sorted(initial_state(campaign).rungs)  # every state has these dyads
        self.pairs = [tuple(key.split("|")) for key in self.keys]
        self.key_of = _DyadKeys()
        self.slot_of: dict[tuple[str, str], int] = {}  # (a, b) either way round → the dyad's number
        for p, (a, b) in enumerate(self.pairs):
            self.key_of[a, b] = self.key_of[b, a] = self.keys[p]
            self.slot_of[a, b] = self.slot_of[b, a] = p
        # other team → track → (low, high, scale)
        self.bounds = {
            t.id: {track: (*campaign.track_bounds(track), scale(campaign, t.id, track)) for track in campaign.track_names()}
            for t in campaign.teams
        }
        self.belief = _DyadBeliefs(self)
        self._specs: dict[float, dict] = {}

    def estimate_specs(self, share: float) -> dict[str, dict[str, tuple[float, float, float]]]:
        """`bounds` with each scale replaced by the error a team with this `track_error` share makes
        (kept: a team's intelligence takes few values). Share is a float, never −0.0 (intel_noise > 0),
        so equal keys give the very same errors."""
        specs = self._specs.get(share)
        if specs is None:
            specs = self._specs[share] = {
                other: {track: (low, high, round(share * size, 3)) for track, (low, high, size) in bounds.items()}
                for other, bounds in self.bounds.items()
            }
        return specs


def _plan(campaign: Campaign) -> _Plan:
    plan = campaign.derived.get("perception")
    if plan is None:
        plan = campaign.derived["perception"] = _Plan(campaign)
    return plan


def rung_beliefs(campaign: Campaign, state, team: str) -> dict[str, tuple[int, int]]:
    """`team`'s belief of every dyad: key → (rung index, spread). The truth where it keeps none."""
    formed = state.beliefs.get(team) if active(campaign) else None
    if formed is None:
        return {key: (index, 0) for key, index in state.rungs.items()}
    plan = _plan(campaign)
    key_of, rung_at = plan.key_of, plan.rung_at
    return {key_of[d.dyad]: (rung_at[d.rung], d.spread) for d in formed.dyads}


def estimates(campaign: Campaign, state, team: str) -> tuple[ev.TrackEstimate, ...]:
    """`team`'s latest estimates of other teams' tracks (none before the first turn is resolved)."""
    formed = state.beliefs.get(team) if active(campaign) else None
    return formed.tracks if formed is not None else ()


_STATE_FIELDS = tuple(a.name for a in attrs.fields(GameState))
_RUNGS, _TRACKS = _STATE_FIELDS.index("rungs"), _STATE_FIELDS.index("tracks")


def _with_beliefs(state: GameState, rungs: dict[str, int], tracks: dict[str, dict[str, float]]) -> GameState:
    """`attrs.evolve(state, rungs=rungs, tracks=tracks)`, in two thirds of the time (bots read a state
    per team a turn): the fields in order, without evolve's looking them up by name."""
    values = [getattr(state, name) for name in _STATE_FIELDS]
    values[_RUNGS], values[_TRACKS] = rungs, tracks
    return GameState(*values)


def _believed(plan: _Plan, state, formed: ev.BeliefsFormed) -> tuple[dict[str, int], dict[str, dict[str, float]]]:
    """The rungs and tracks of `state` as `formed` believes them: new dicts, but a team's tracks dict
    is shared with `state` where it holds no estimate of them (states' dicts are never changed)."""
    key_of, rung_at = plan.key_of, plan.rung_at
    rungs = {key_of[d.dyad]: rung_at[d.rung] for d in formed.dyads}
    truth = state.tracks
    tracks = dict(truth)
    who = values = None
    for e in formed.tracks:  # grouped by team: a team's tracks are copied at its first estimate
        if e.team != who:
            who = e.team
            values = tracks.get(who)
            if values is not None and values is truth[who]:
                values = tracks[who] = dict(values)
        if values is not None:
            values[e.track] = e.value
    return rungs, tracks


def believed_state(campaign: Campaign, state, team: str):
    """`state` as `team` believes it: rungs and other teams' tracks replaced by its beliefs.

    Where the campaign keeps no beliefs (or before any are formed, for tracks) this is `state`
    itself; everything else (its own tracks, channels, proposals, obligations) is as it is.
    """
    if not active(campaign) or team not in state.beliefs:
        return state
    return _with_beliefs(state, *_believed(_plan(campaign), state, state.beliefs[team]))


READINGS = ("estimate", "worst", "hopeful")
"""How a bot reads what it is unsure of: see `read_state`."""

THREAT_TRACKS = ("readiness",)
"""Other teams' tracks a fearful reader takes at the top of its band, a hopeful one at the bottom:
forces ready to strike are the threat a worst-case reading imagines."""


def read_state(campaign: Campaign, state, team: str, reading: str = "estimate"):
    """`state` as `team` believes it (`believed_state`), read the way its bot reads uncertainty.

    `estimate`: the belief as it stands. `worst` (the fearful, Jervis's spiral model: a state unsure
    of a rival's intent prepares for the worst): each dyad of `team` it is unsure of at the top of
    its band (believed rung + spread) and every rival's readiness at the top of its error band.
    `hopeful` (wishful thinking): the bottom of both. Dyads of other pairs and other tracks are read
    as estimated; nothing changes where the campaign keeps no beliefs or the team has formed none.
    """
    if not active(campaign) or team not in state.beliefs:
        return state
    plan = _plan(campaign)
    formed = state.beliefs[team]
    rungs, tracks = _believed(plan, state, formed)  # fresh dicts (and a fresh one for each estimated team)
    if reading != "estimate":
        sign = 1 if reading == "worst" else -1
        top, key_of = plan.top, plan.key_of
        for d in formed.dyads:
            if d.spread and team in d.dyad:
                key = key_of[d.dyad]
                rungs[key] = min(top, max(0, rungs[key] + sign * d.spread))
        for e in formed.tracks:
            if e.track in THREAT_TRACKS and e.error and e.team in tracks:
                low, high = campaign.track_bounds(e.track)
                tracks[e.team][e.track] = round(min(high, max(low, e.value + sign * e.error)), 2)
    return _with_beliefs(state, rungs, tracks)


def suspected(campaign: Campaign, state, team: str) -> set[str]:
    """Rivals a worst-case reader holds to blame for what it is unsure of: the other side of every
    dyad of `team` whose rung it cannot read (a climb it did not see, by a move it could not trace)
    is taken to have moved against it, as the Gulf of Tonkin's second attack was taken to be real."""
    formed = state.beliefs.get(team) if active(campaign) else None
    if formed is None or formed.turn != state.turn - 1:
        return set()
    return {d.dyad[0] if d.dyad[1] == team else d.dyad[1] for d in formed.dyads if d.spread and team in d.dyad}


def blamed(campaign: Campaign, state, team: str) -> set[str]:
    """Rivals `team` believes moved against it last turn without its seeing the move (attribution, a
    false alarm): a provocation as real to it as a climb it saw."""
    formed = state.beliefs.get(team) if active(campaign) else None
    return set(formed.blamed) if formed is not None and formed.turn == state.turn - 1 else set()


def public_state(campaign: Campaign, state, log: Sequence[ev.Event]):
    """`state` with the ladder as the room knows it (the observer projector): the campaign's start and
    every public change since, where beliefs are kept (a climb only its maker saw stays off it)."""
    if not active(campaign):
        return state
    rungs = dict(initial_state(campaign).rungs)
    for e in log:
        if isinstance(e, ev.EscalationChanged) and e.public:
            rungs[dyad_key(e.dyad[0], e.dyad[1])] = campaign.rung_index(e.new)
    return attrs.evolve(state, rungs=rungs)


def hides(campaign: Campaign, known_by: tuple[str, ...], ambiguous: bool) -> bool:
    """Whether a dyad's change is kept from the teams that did not make it (only where beliefs are kept)."""
    return active(campaign) and (bool(known_by) or ambiguous)


AMBIGUOUS_READINGS = ((1 / 3, -1), (2 / 3, 0), (1.0, 1))
"""An ambiguous landing as a reader takes it: (roll below, rungs off)."""


def ambiguous_reading(roll: float) -> int:
    """How many rungs off a reader takes an ambiguous move's landing (−1, 0 or +1)."""
    return next(off for below, off in AMBIGUOUS_READINGS if roll < below)


def form(
    campaign: Campaign,
    start,
    end,
    events: Sequence[ev.Event],
    intelligence: dict[str, float],
    rng_for: Callable[[str], random.Random],
    *,
    explain: bool = True,
) -> list[ev.BeliefsFormed]:
    """Every team's beliefs at the end of the turn `start.turn`: `start` and `end` are the states
    before and after the turn's `events`; `intelligence` is each team's at the start of the turn;
    `rng_for(team)` the team's own stream (so one team's rolls never shift another's).

    With `explain` false the `notes` (why a team believes what it does) are left empty; every roll
    and every other field is the same.

    A team's beliefs are kept as two lists by the dyad's number (`_Plan`), rung and spread, in place
    of the dict by key the rules above speak of; what every team reads alike of a change is worked
    out once for all of them.
    """
    turn = start.turn
    plan = _plan(campaign)
    rung_ids, rung_at, top, slot_of, keys = plan.rung_ids, plan.rung_at, plan.top, plan.slot_of, plan.keys
    names = campaign.short_name_of
    moves_by: dict[tuple[str, str], ev.MoveResolved] = {}
    news: list[ev.Event] = []  # what moves beliefs: changes of the ladder and deliveries, in order
    detections: dict[str, set[tuple[str, str]]] = {}
    for e in events:
        kind = type(e)  # events are never subclassed: `is` in place of isinstance, for a hundred events a turn
        if kind is ev.MoveResolved:
            moves_by[(e.team, e.target)] = e
        elif kind is ev.EscalationChanged or kind is ev.MessageDelivered:
            news.append(e)
        elif kind is ev.MoveDetected and e.detected:
            detections.setdefault(e.observer, set()).add((e.team, e.target))
    # Each change of the ladder as every team reads it alike: (change, dyad number, new and old rung
    # index, (maker, the other side), whether others read it as ambiguous, the note if they do).
    # A delivery is (None, delivery).
    changes: list[tuple] = []
    for e in news:
        if isinstance(e, ev.EscalationChanged):
            a, b = e.dyad
            other = b if e.by == a else a
            made = moves_by.get((e.by, other))
            move = campaign.find_move(made.move) if made is not None else None
            ambiguous = move is not None and move.ambiguous and not e.secret
            note = (f"{move.name} ({names[e.by]}) was hard to read: you may have "
                    f"{names[a]}–{names[b]} a rung off.") if ambiguous and explain else ""
            changes.append((e, slot_of[a, b], rung_at[e.new], rung_at[e.old], (e.by, other), ambiguous, note))
        else:
            changes.append((None, e))
    # The undetected hits that may be traced, by target, in the order of the moves.
    traceable: dict[str, list[tuple[ev.MoveResolved, float]]] = {}
    for made in moves_by.values():
        if made.public:
            continue
        move = campaign.find_move(made.move)
        if move is not None and move.attribution is not None:
            traceable.setdefault(made.target, []).append((made, move.attribution))
    false_alarm = campaign.rules.false_alarm
    held = start.beliefs if active(campaign) else {}
    end_rungs = end.rungs
    truth = [end_rungs[key] for key in keys]
    n = len(keys)
    # Other teams' tracks as they are, but for the public ones (read exactly, not estimated).
    hidden = {team: [(track, value) for track, value in values.items() if track not in PUBLIC]
              for team, values in end.tracks.items()}
    belief, track_estimate = plan.belief, ev.track_estimate
    out = []
    for team in plan.teams:
        roll = rng_for(team).random
        formed = held.get(team)
        if formed is None:  # the truth, sure of it (`rung_beliefs`)
            rung, spread = [start.rungs[key] for key in keys], [0] * n
        else:
            rung, spread = [0] * n, [0] * n
            for d in formed.dyads:
                p = slot_of[d.dyad]
                rung[p], spread[p] = rung_at[d.rung], d.spread
        notes: list[str] = []
        blamed: list[str] = []
        hard_to_read: dict[int, str] = {}  # by dyad: said only if the dyad is still uncertain at the end
        detected = detections.get(team, ())

        for change in changes:
            e = change[0]
            if e is not None:
                _, p, new, old, maker, ambiguous, note = change
                if e.visible_to(team):
                    rung[p], spread[p] = new, 0
                elif maker in detected:
                    rung[p], spread[p] = new, 0
                    if maker[1] == team and new > old:
                        blamed.append(maker[0])
                elif ambiguous:
                    reading = min(top, max(0, new + ambiguous_reading(roll())))
                    if maker[1] == team and reading > rung[p]:
                        blamed.append(maker[0])
                    rung[p], spread[p] = reading, max(1, spread[p])
                    if explain:
                        hard_to_read[p] = note
                else:
                    spread[p] = min(top, spread[p] + abs(new - old))
            else:
                e = change[1]
                if team in e.to and e.sender != team:
                    p = slot_of[team, e.sender]
                    if explain and (spread[p] or rung[p] != truth[p]):
                        notes.append(f"{names[e.sender]}'s message made clear where you stand: "
                                     f"{campaign.rungs[truth[p]].name}.")
                    rung[p], spread[p] = truth[p], 0
        # Attribution: the target of an undetected hit knows it was hit; it may learn by whom.
        for made, attribution in traceable.get(team, ()):
            if (made.team, team) in detected:
                continue
            if roll() < attribution:
                if explain:
                    notes.append(f"You traced the {made.name.lower()} against you to {names[made.team]}.")
                blamed.append(made.team)
                p = slot_of[team, made.team]
                rung[p], spread[p] = truth[p], 0
            elif explain:
                notes.append("You were hit by an undisclosed action and cannot say by whom.")
        # A false alarm: a move against the team that nobody made.
        alarm = ""
        if false_alarm and roll() < false_alarm:
            rivals = plan.rivals[team]
            alarm = rivals[min(len(rivals) - 1, int(roll() * len(rivals)))]
            blamed.append(alarm)
            p = slot_of[team, alarm]
            rung[p], spread[p] = min(top, rung[p] + 1), max(1, spread[p])
            if explain:
                notes.append(f"Your intelligence reports a move by {names[alarm]} against you: you take "
                             f"{names[team]}–{names[alarm]} to be at {campaign.rungs[rung[p]].name}, ±1.")
        # Intelligence settles what is still uncertain, dyad by dyad in the order of their keys.
        settles = intelligence[team]
        for p in range(n):
            if spread[p] and roll() < settles:
                rung[p], spread[p] = truth[p], 0
        if hard_to_read:
            notes[:0] = [text for p, text in hard_to_read.items() if spread[p]]
        dyads = tuple([belief[p, rung[p], spread[p]] for p in range(n)])
        specs = plan.estimate_specs(track_error(campaign, intelligence[team]))
        tracks = []
        for other in plan.rivals[team]:
            spec = specs[other]
            for track, value in hidden[other]:
                low, high, error = spec[track]
                if error:
                    value += error * (2 * roll() - 1)
                    value = value if value > low else low  # max(low, value) and min(high, …), as calls cost
                    value = round(value if value < high else high, 2)
                tracks.append(track_estimate(other, track, value, error))
        out.append(ev.beliefs_formed(
            turn, False, (team,), team, dyads, tuple(tracks), tuple(notes), tuple(dict.fromkeys(blamed)), alarm,
        ))
    return out


def believed(campaign: Campaign, d: ev.DyadBelief) -> str:
    """"Sabotage, ±1" or "Sabotage": a believed rung as a sentence gives it."""
    name = campaign.rungs[campaign.rung_index(d.rung)].name
    return f"{name}, ±{d.spread}" if d.spread else name


def describe(campaign: Campaign, e: ev.BeliefsFormed, white: bool) -> str:
    """The sentence for a team's beliefs ("What Meridia believes: Aldmark–Korvath is at Armed standoff,
    ±1."): only what it believes and why, the same for the team and the white cell, which alone is
    told of a false alarm; the truth it lacks is left to the perception-gap review."""
    names = campaign.short_name_of
    unsure = [d for d in e.dyads if d.spread]
    picture = "; ".join(f"{names[d.dyad[0]]}–{names[d.dyad[1]]} is at {believed(campaign, d)}" for d in unsure)
    # The same opening for the team and the white cell: one event, read from two sides.
    who = f"What {names[e.team]} believes"
    text = f"{who}: {picture}." if picture else f"{who}: the ladder as it stands, sure of every rung."
    if e.notes:
        text += " " + " ".join(e.notes)
    if white and e.false_alarm:
        text += f" [false alarm: no move by {names[e.false_alarm]} was made]"
    return text


def gap_timeline(campaign: Campaign, records, viewer: str, white: bool) -> list[dict]:
    """The perception-gap review: per team (only `viewer`'s own unless `white`), per dyad it was ever
    unsure of or wrong about, turn by turn what it believed (rung, spread) and, for the white cell,
    the truth, the turns it was wrong and the turn the gap last closed (None: still open at the end).
    Empty where the campaign keeps no beliefs. `records` are the save's turns (their `events`)."""
    if not active(campaign):
        return []
    teams = [t.id for t in campaign.teams]
    state = initial_state(campaign)
    rows: dict[tuple[str, str], dict] = {}
    for record in records:
        state = apply_all(campaign, state, record.events)
        for e in record.events:
            if not isinstance(e, ev.BeliefsFormed) or not (white or e.team == viewer):
                continue
            for d in e.dyads:
                key = dyad_key(d.dyad[0], d.dyad[1])
                row = rows.setdefault((e.team, key), {"team": e.team, "dyad": list(d.dyad), "turns": []})
                entry = {"turn": e.turn, "rung": d.rung, "spread": d.spread}
                if white:
                    entry["truth"] = campaign.rungs[state.rungs[key]].id
                row["turns"].append(entry)
    out = []
    for (team, _), row in sorted(rows.items(), key=lambda item: (teams.index(item[0][0]), item[0][1])):
        wrong = [t["turn"] for t in row["turns"] if white and t["rung"] != t["truth"]]
        unsure = [t["turn"] for t in row["turns"] if t["spread"]]
        if not wrong and not unsure:
            continue
        if white:
            row["wrong"] = wrong
            last = row["turns"][-1]
            closed = None
            if last["rung"] == last["truth"] and wrong:
                closed = next(t["turn"] for t in row["turns"] if t["turn"] > wrong[-1])
            row["closed"] = closed
        out.append(row)
    return out


def gaps(campaign: Campaign, formed: ev.BeliefsFormed, truth: dict[str, int]) -> list[tuple[tuple[str, ...], int, int, int]]:
    """Each dyad of `formed` with (dyad, believed index, spread, true index): for the perception-gap review."""
    return [
        (d.dyad, campaign.rung_index(d.rung), d.spread, truth[dyad_key(d.dyad[0], d.dyad[1])]) for d in formed.dyads
    ]
