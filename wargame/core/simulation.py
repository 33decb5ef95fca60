"""Many bot-played games of one campaign, tallied in whole numbers so the result never depends on run order."""

from __future__ import annotations

import hashlib
from collections import Counter

import attrs

from . import events as ev
from .adjudicator import resolve_turn
from .bots import bot_orders, news_for_bots
from .escalation import ladder
from .model import Campaign
from .state import initial_state


def run_seed(seed: int, index: int) -> int:
    """The seed of run `index` of a simulation started with `seed`."""
    return int.from_bytes(hashlib.sha256(f"{seed}:run:{index}".encode()).digest()[:8], "big")


@attrs.frozen
class GameSummary:
    """What a simulation keeps of one game."""

    ending: str
    turns: int
    first_reach: dict[int, int]
    honoured: dict[str, int]
    breached: dict[str, int]
    points: dict[str, int]
    met: tuple[tuple[str, str], ...]
    incidents: int = 0
    first_crossing: str = ""
    """What first carried a dyad across a firebreak: "incident", "move", "other" (injects,
    rulings), or "" when no firebreak was crossed."""
    credibility_pinned: int = 0
    """How many teams ended the game with credibility at its lowest or highest value."""


_TALLIED = (ev.ObligationSettled, ev.ObjectiveScored, ev.GameEnded, ev.AccidentRolled)
"""The events a summary counts; one check passes over the rest (most of a turn)."""


def first_crossing_cause(campaign: Campaign, events) -> str:
    """What carried a dyad across a firebreak first among `events`: "incident" (an accident nobody
    ordered), "move" (a team's move), "other" (an inject, an agreement, a ruling), or "" if none did."""
    firebreaks = ladder(campaign).firebreaks  # worked out once per campaign: this runs every turn
    if not firebreaks:
        return ""
    rung_index = campaign._index["rung"]
    after_incident: tuple[str, ...] = ()
    for e in events:
        if isinstance(e, ev.AccidentRolled):
            # An incident that happened and was not contained is followed at once by the
            # escalation it causes (a contained one causes none).
            # (An incident's dyad is in campaign order, an escalation's sorted: compare them sorted.)
            after_incident = tuple(sorted(e.dyad)) if e.happened and not e.contained else ()
        elif isinstance(e, ev.EscalationChanged):
            old, new = rung_index[e.old], rung_index[e.new]
            if any(old < f <= new for f in firebreaks):
                return "incident" if e.dyad == after_incident and not e.by else "move" if e.by else "other"
            after_incident = ()
    return ""


def play_out(campaign: Campaign, seed: int, personas: dict[str, str], last_turn: int | None = None) -> GameSummary:
    """Play one game with a bot for every team and summarise it."""
    state = initial_state(campaign)
    teams = [t.id for t in campaign.teams]
    news: list[ev.Event] = []
    first_reach: dict[int, int] = {}
    honoured: Counter = Counter()
    breached: Counter = Counter()
    points: Counter = Counter()
    met = []
    ending = ""
    incidents = 0
    first_crossing = ""
    while not state.ended:
        orders = [bot_orders(personas[t], campaign, state, t, seed, news) for t in teams]
        turn = state.turn
        last, state = resolve_turn(campaign, state, orders, (), seed, last_turn or campaign.turns)
        for rung in range(state.crisis() + 1):
            first_reach.setdefault(rung, turn)
        news = news_for_bots(last)
        if not first_crossing:
            first_crossing = first_crossing_cause(campaign, last)
        for e in last:
            if not isinstance(e, _TALLIED):
                continue
            if isinstance(e, ev.AccidentRolled):
                incidents += e.happened
            elif isinstance(e, ev.ObligationSettled):
                (honoured if e.honoured else breached)[e.treaty] += 1
            elif isinstance(e, ev.ObjectiveScored):
                points[e.team] += e.points
                if e.met:
                    met.append((e.team, e.objective))
            elif isinstance(e, ev.GameEnded):
                ending = e.reason
    low, high = campaign.track_bounds("credibility")
    pinned = sum(state.tracks[t]["credibility"] in (low, high) for t in teams)
    return GameSummary(
        ending, state.turn - 1, first_reach, dict(honoured), dict(breached), dict(points), tuple(met),
        incidents, first_crossing, pinned,
    )


class Tally:
    """Running totals over games: counters of whole numbers only, so tallies add up in any order."""

    def __init__(self) -> None:
        self.games = 0
        self.turns = 0
        self.endings: Counter = Counter()
        self.reached: Counter = Counter()
        self.first_turn_sum: Counter = Counter()
        self.honoured: Counter = Counter()
        self.breached: Counter = Counter()
        self.games_with_breach: Counter = Counter()
        self.points: Counter = Counter()
        self.met: Counter = Counter()
        self.incidents = 0
        self.first_crossing: Counter = Counter()
        self.credibility_pinned = 0

    def add(self, g: GameSummary) -> None:
        self.games += 1
        self.turns += g.turns
        self.endings[g.ending] += 1
        for rung, turn in g.first_reach.items():
            self.reached[rung] += 1
            self.first_turn_sum[rung] += turn
        self.honoured.update(g.honoured)
        self.breached.update(g.breached)
        for treaty in g.breached:
            self.games_with_breach[treaty] += 1
        self.points.update(g.points)
        self.met.update(f"{team}|{objective}" for team, objective in g.met)
        self.incidents += g.incidents
        if g.first_crossing:
            self.first_crossing[g.first_crossing] += 1
        self.credibility_pinned += g.credibility_pinned

    def merge(self, other: Tally) -> None:
        self.games += other.games
        self.turns += other.turns
        for name in (
            "endings", "reached", "first_turn_sum", "honoured", "breached", "games_with_breach", "points", "met",
            "first_crossing",
        ):
            getattr(self, name).update(getattr(other, name))
        self.incidents += other.incidents
        self.credibility_pinned += other.credibility_pinned

    def report(self, campaign: Campaign) -> dict:
        """Shares and averages, in campaign order, ready for JSON."""
        n = max(self.games, 1)

        def share(count: int) -> float:
            return round(count / n, 4)

        rungs = []
        for i, r in enumerate(campaign.rungs):
            reached = self.reached[i]
            rungs.append({
                "id": r.id, "name": r.name, "band": r.band, "firebreak": r.firebreak, "terminal": r.terminal,
                "reached": share(reached),
                "first_turn": round(self.first_turn_sum[i] / reached, 2) if reached else None,
            })
        treaties = [
            {
                "id": t.id, "name": t.name,
                "honoured_per_game": round(self.honoured[t.id] / n, 3),
                "breached_per_game": round(self.breached[t.id] / n, 3),
                "games_with_breach": share(self.games_with_breach[t.id]),
            }
            for t in campaign.treaties
        ]
        teams = [
            {
                "id": t.id, "name": t.name, "mean_points": round(self.points[t.id] / n, 3),
                "objectives": [
                    {"id": o.id, "description": o.description, "points": o.points, "met": share(self.met[f"{t.id}|{o.id}"])}
                    for o in t.objectives
                ],
            }
            for t in campaign.teams
        ]
        crossed = sum(self.first_crossing.values())
        return {
            "games": self.games,
            "runs": self.games,
            "mean_turns": round(self.turns / n, 3),
            "firebreak_crossed": share(crossed),
            "first_crossing": {cause: share(self.first_crossing[cause]) for cause in ("move", "incident", "other")},
            "inadvertent_crossing": share(self.first_crossing["incident"]),
            "incidents_per_game": round(self.incidents / n, 3),
            "credibility_pinned": round(self.credibility_pinned / (n * max(len(campaign.teams), 1)), 4),
            "endings": {reason: share(count) for reason, count in sorted(self.endings.items(), key=lambda kv: (-kv[1], kv[0]))},
            "rungs": rungs,
            "firebreaks": [r for r in rungs if r["firebreak"]],
            "treaties": treaties,
            "teams": teams,
        }
