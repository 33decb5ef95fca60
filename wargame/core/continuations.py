"""A saved game played on from one of its turns many times by bots: how its actual outcome compares.

Each continuation starts from the state after the turns kept (rebuilt from their events), with its
own seed for the turns after, and is summarised the same way as the actual game: how it ended, the
highest rung each dyad reached (after any turn, the start included), whether a firebreak was
crossed, and each team's points. Tallies are whole-number counters, so they add up in any order
and the result never depends on how the runs were split among workers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import attrs

from . import events as ev
from .adjudicator import resolve_turn
from .bots import bot_orders, news_for_bots
from .escalation import ladder
from .model import Campaign, dyad_key
from .orders import TurnRecord
from .state import GameState, apply_all, initial_state


@attrs.frozen
class Outcome:
    """What a continuation (or the actual game) came to."""

    ending: str
    peaks: dict[str, int]
    """Each dyad (its state key) with the highest rung index it stood on after any turn."""
    points: dict[str, int]


def _raise_peaks(peaks: dict[str, int], state: GameState) -> None:
    for key, rung in state.rungs.items():
        if rung > peaks.get(key, -1):
            peaks[key] = rung


def history(campaign: Campaign, records: Sequence[TurnRecord]) -> tuple[GameState, dict[str, int], dict[str, int], list[ev.Event]]:
    """The state after `records`, with the peaks and points so far and the last turn's events."""
    state = initial_state(campaign)
    peaks: dict[str, int] = {}
    points: Counter = Counter()
    _raise_peaks(peaks, state)
    last: tuple[ev.Event, ...] = ()
    for record in records:
        state = apply_all(campaign, state, record.events)
        _raise_peaks(peaks, state)
        for e in record.events:
            if isinstance(e, ev.ObjectiveScored):
                points[e.team] += e.points
        last = record.events
    return state, peaks, dict(points), list(last)


def actual_outcome(campaign: Campaign, records: Sequence[TurnRecord]) -> Outcome:
    """The recorded game's outcome, summarised as a continuation's is."""
    state, peaks, points, _ = history(campaign, records)
    return Outcome(state.ended, peaks, points)


def play_on(
    campaign: Campaign, start: GameState, peaks: dict[str, int], points: dict[str, int], last: Sequence[ev.Event],
    personas: dict[str, str], seed: int, last_turn: int,
) -> Outcome:
    """Bots play every team from `start` to the end of the game; `seed` makes this continuation's rolls."""
    state = start
    peaks = dict(peaks)
    scored: Counter = Counter(points)
    news = news_for_bots(last)
    teams = [t.id for t in campaign.teams]
    while not state.ended:
        orders = [bot_orders(personas[t], campaign, state, t, seed, news) for t in teams]
        # Lean: a continuation keeps only outcomes, so the explanations are never built.
        events, state = resolve_turn(campaign, state, orders, (), seed, state.last_turn or last_turn, explain=False)
        _raise_peaks(peaks, state)
        news = news_for_bots(events)
        for e in events:
            if isinstance(e, ev.ObjectiveScored):
                scored[e.team] += e.points
    return Outcome(state.ended, peaks, dict(scored))


def first_firebreak(campaign: Campaign) -> int | None:
    """The index of the lowest firebreak rung, or None when the ladder has none."""
    found = ladder(campaign).firebreaks
    return min(found) if found else None


class ContinuationTally:
    """Counts over continuations: endings, dyads reaching each rung, firebreaks, points."""

    def __init__(self) -> None:
        self.games = 0
        self.endings: Counter = Counter()
        self.reached: Counter = Counter()
        """(dyad key, rung index) -> continuations whose dyad peaked at or above that rung."""
        self.firebreak = 0
        self.points: Counter = Counter()
        self.at_least: Counter = Counter()
        """team -> continuations in which it scored at least its points in the actual game."""

    def add(self, outcome: Outcome, campaign: Campaign, actual: Outcome) -> None:
        self.games += 1
        self.endings[outcome.ending] += 1
        for key, peak in outcome.peaks.items():
            for rung in range(peak + 1):
                self.reached[(key, rung)] += 1
        breaks = first_firebreak(campaign)
        if breaks is not None and max(outcome.peaks.values(), default=0) >= breaks:
            self.firebreak += 1
        self.points.update(outcome.points)
        for t in campaign.teams:
            if outcome.points.get(t.id, 0) >= actual.points.get(t.id, 0):
                self.at_least[t.id] += 1

    def merge(self, other: ContinuationTally) -> None:
        self.games += other.games
        self.firebreak += other.firebreak
        for name in ("endings", "reached", "points", "at_least"):
            getattr(self, name).update(getattr(other, name))

    def report(self, campaign: Campaign, actual: Outcome) -> dict:
        """Shares in campaign order, each beside the actual game's value, ready for JSON."""
        n = max(self.games, 1)

        def share(count: int) -> float:
            return round(count / n, 4)

        names = campaign.short_names()
        breaks = first_firebreak(campaign)
        dyads = []
        ids = [t.id for t in campaign.teams]
        for a, b in ((a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]):
            key = dyad_key(a, b)
            peak = actual.peaks.get(key, 0)
            dyads.append({
                "dyad": f"{a}-{b}", "name": f"{names.get(a, a)}–{names.get(b, b)}",
                "actual_peak": campaign.rungs[peak].id,
                "reach_actual_peak": share(self.reached[(key, peak)]),
                "reached": {r.id: share(self.reached[(key, i)]) for i, r in enumerate(campaign.rungs)},
            })
        return {
            "runs": self.games,
            "endings": {reason: share(count) for reason, count in sorted(self.endings.items(), key=lambda kv: (-kv[1], kv[0]))},
            "actual_ending": actual.ending,
            "actual_ending_share": share(self.endings[actual.ending]),
            "firebreak": campaign.rungs[breaks].id if breaks is not None else None,
            "firebreak_crossed": share(self.firebreak),
            "actual_firebreak_crossed": breaks is not None and max(actual.peaks.values(), default=0) >= breaks,
            "dyads": dyads,
            "teams": [
                {
                    "id": t.id, "name": t.name, "actual_points": actual.points.get(t.id, 0),
                    "mean_points": round(self.points[t.id] / n, 3), "at_least_actual": share(self.at_least[t.id]),
                }
                for t in campaign.teams
            ],
        }
