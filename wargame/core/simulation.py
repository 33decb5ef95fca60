"""Many bot-played games of one campaign, tallied in whole numbers so the result never depends on run order."""

from __future__ import annotations

import hashlib
from collections import Counter

import attrs

from . import events as ev
from .adjudicator import resolve_turn
from .bots import bot_orders, news_for_bots
from .escalation import ladder
from .model import Campaign, dyad_key
from .orders import TurnRecord
from .state import initial_state
from .statistics import mean_interval, mean_sd, wilson


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
    # What the balance report reads (see `Tally.report`); every key a plain string, every value a whole number.
    moves: dict[str, int] = attrs.Factory(dict)
    """"team|move" -> how many times the team's move was resolved (rolled) in the game."""
    failed: dict[str, int] = attrs.Factory(dict)
    """"team|move" -> how many of those failed."""
    refused: dict[str, int] = attrs.Factory(dict)
    """Team -> orders refused (a requirement unmet, no budget, no such proposal …)."""
    path: dict[str, tuple[int, ...]] = attrs.Factory(dict)
    """Dyad key ("a|b") -> the dyad's rung (index) after each turn played."""
    contained: int = 0
    leaked: int = 0
    messages: dict[str, int] = attrs.Factory(dict)
    """"channel|sent", "channel|delivered", "channel|lost" -> messages."""
    proposals: dict[str, int] = attrs.Factory(dict)
    """"kind|sent", "kind|accepted", "kind|rejected", "kind|lapsed" -> proposals (stand-down, settlement)."""


_TALLIED = (
    ev.ObligationSettled, ev.ObjectiveScored, ev.GameEnded, ev.AccidentRolled, ev.MoveResolved, ev.OrderRefused,
    ev.MessageSent, ev.MessageDelivered, ev.MessageLost, ev.ProposalAnswered,
)
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


def play_out(
    campaign: Campaign, seed: int, personas: dict[str, str], last_turn: int | None = None, record: list | None = None,
) -> GameSummary:
    """Play one game with a bot for every team and summarise it; `record`, when given, receives each
    turn as a `TurnRecord` (its orders and events), so the game can be written as a save."""
    state = initial_state(campaign)
    teams = [t.id for t in campaign.teams]
    news: list[ev.Event] = []
    first_reach: dict[int, int] = {}
    honoured: Counter = Counter()
    breached: Counter = Counter()
    points: Counter = Counter()
    met = []
    ending = ""
    incidents = contained = leaked = 0
    first_crossing = ""
    moves: Counter = Counter()
    failed: Counter = Counter()
    refused: Counter = Counter()
    messages: Counter = Counter()
    proposals: Counter = Counter()
    path: dict[str, list[int]] = {key: [] for key in state.rungs}
    while not state.ended:
        orders = [bot_orders(personas[t], campaign, state, t, seed, news) for t in teams]
        turn = state.turn
        # Without a record nobody reads the explanations: the lean turn gives the same outcomes.
        last, state = resolve_turn(campaign, state, orders, (), seed, last_turn or campaign.turns, explain=record is not None)
        if record is not None:
            record.append(TurnRecord(turn, tuple(orders), (), tuple(last)))
        for rung in range(state.crisis() + 1):
            first_reach.setdefault(rung, turn)
        for key, rung in state.rungs.items():
            path.setdefault(key, []).append(rung)
        news = news_for_bots(last)
        if not first_crossing:
            first_crossing = first_crossing_cause(campaign, last)
        for e in last:
            if not isinstance(e, _TALLIED):
                continue
            if isinstance(e, ev.MoveResolved):
                moves[f"{e.team}|{e.move}"] += 1
                if not e.success:
                    failed[f"{e.team}|{e.move}"] += 1
            elif isinstance(e, ev.OrderRefused):
                refused[e.team] += 1
            elif isinstance(e, ev.MessageSent):
                messages[f"{e.channel}|sent"] += 1
                if e.proposal:
                    proposals[f"{e.proposal}|sent"] += 1
            elif isinstance(e, ev.MessageDelivered):
                messages[f"{e.channel}|delivered"] += 1
            elif isinstance(e, ev.MessageLost):
                messages[f"{e.channel}|lost"] += 1
            elif isinstance(e, ev.ProposalAnswered):
                proposals[f"{e.proposal}|{e.answer}"] += 1
            elif isinstance(e, ev.AccidentRolled):
                incidents += e.happened
                contained += e.contained
                leaked += e.leaked
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
        incidents, first_crossing, pinned, dict(moves), dict(failed), dict(refused),
        {key: tuple(rungs) for key, rungs in path.items()}, contained, leaked, dict(messages), dict(proposals),
    )


EXAMPLES = 5
"""How many games (the lowest indices) a tally keeps as examples of each ending and each peak rung."""

_COUNTERS = (
    "endings", "reached", "first_turn_sum", "honoured", "breached", "games_with_breach", "points", "met",
    "first_crossing", "points_sq", "last", "moves", "failed", "refused", "peaks", "path_sum", "turn_games",
    "messages", "proposals", "crisis_peak",
)
"""The Counter fields of a tally: merging adds them up."""


def game_row(g: GameSummary, index: int, seed: int) -> dict:
    """One game as a row of `simulate --games FILE.csv` (rung indices; the caller names them)."""
    return {
        "game": index, "seed": seed, "ending": g.ending, "turns": g.turns, "peak": max(g.first_reach, default=0),
        "first_crossing": g.first_crossing, "incidents": g.incidents, "points": dict(g.points),
    }


class Tally:
    """Running totals over games: counters of whole numbers only, so tallies add up in any order.

    `keep_games` also keeps one row per game (see `game_row`) by its index, for `simulate --games`.
    """

    def __init__(self, keep_games: bool = False) -> None:
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
        # For the balance report (see `report`):
        self.points_sq: Counter = Counter()
        """Team -> sum over games of the squared points: with `points`, the spread of the score."""
        self.last: Counter = Counter()
        """Team -> games in which it scored lowest (ties included) while some team scored more."""
        self.moves: Counter = Counter()
        self.failed: Counter = Counter()
        self.refused: Counter = Counter()
        self.peaks: Counter = Counter()
        """"dyad|rung" -> games in which that was the dyad's highest rung."""
        self.path_sum: Counter = Counter()
        """"dyad|turn" -> sum over games of the dyad's rung after that turn."""
        self.turn_games: Counter = Counter()
        """Turn -> games still going at it (the divisor of `path_sum`)."""
        self.contained = 0
        self.leaked = 0
        self.messages: Counter = Counter()
        self.proposals: Counter = Counter()
        self.crisis_peak: Counter = Counter()
        """Rung -> games in which it was the highest rung any dyad reached."""
        self.examples: dict[str, tuple[int, ...]] = {}
        """"ending|reason" or "peak|rung" -> the lowest indices of games that ended so or peaked there."""
        self.rows: dict[int, dict] | None = {} if keep_games else None

    def add(self, g: GameSummary, index: int | None = None, seed: int = 0) -> None:
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
        self.points_sq.update({team: p * p for team, p in g.points.items()})
        if g.points:
            low, high = min(g.points.values()), max(g.points.values())
            if low < high:
                self.last.update(team for team, p in g.points.items() if p == low)
        self.moves.update(g.moves)
        self.failed.update(g.failed)
        self.refused.update(g.refused)
        for dyad, rungs in g.path.items():
            if rungs:
                self.peaks[f"{dyad}|{max(rungs)}"] += 1
            for turn, rung in enumerate(rungs, start=1):
                self.path_sum[f"{dyad}|{turn}"] += rung
        for turn in range(1, g.turns + 1):
            self.turn_games[turn] += 1
        self.contained += g.contained
        self.leaked += g.leaked
        self.messages.update(g.messages)
        self.proposals.update(g.proposals)
        peak = max(g.first_reach, default=0)
        self.crisis_peak[peak] += 1
        if index is not None:
            for key in (f"ending|{g.ending}", f"peak|{peak}"):
                self.examples[key] = tuple(sorted((*self.examples.get(key, ()), index)))[:EXAMPLES]
            if self.rows is not None:
                self.rows[index] = game_row(g, index, seed)

    def merge(self, other: Tally) -> None:
        self.games += other.games
        self.turns += other.turns
        for name in _COUNTERS:
            getattr(self, name).update(getattr(other, name))
        self.incidents += other.incidents
        self.credibility_pinned += other.credibility_pinned
        self.contained += other.contained
        self.leaked += other.leaked
        for key, indices in other.examples.items():
            self.examples[key] = tuple(sorted({*self.examples.get(key, ()), *indices}))[:EXAMPLES]
        if self.rows is not None and other.rows is not None:
            self.rows.update(other.rows)

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
                    {
                        "id": o.id, "description": o.description, "points": o.points, "met": share(self.met[f"{t.id}|{o.id}"]),
                        "met_interval": list(wilson(self.met[f"{t.id}|{o.id}"], self.games)),
                    }
                    for o in t.objectives
                ],
                **self._team_balance(campaign, t.id),
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
            **self._balance(campaign),
        }

    def _team_balance(self, campaign: Campaign, team: str) -> dict:
        """A team's score spread, how often it comes last, and how it used its moves."""
        n = self.games
        mean, sd = mean_sd(n, self.points[team], self.points_sq[team])
        moves = []
        for m in campaign.moves:
            if m.teams and team not in m.teams:
                continue
            used = self.moves[f"{team}|{m.id}"]
            failed = self.failed[f"{team}|{m.id}"]
            moves.append({
                "id": m.id, "name": m.name, "used": used, "per_game": round(used / max(n, 1), 3),
                "failure_rate": round(failed / used, 4) if used else None,
            })
        resolved = sum(m["used"] for m in moves)
        refused = self.refused[team]
        return {
            "sd_points": round(sd, 3),
            "points_interval": list(mean_interval(n, self.points[team], self.points_sq[team])),
            "last": round(self.last[team] / max(n, 1), 4),
            "last_interval": list(wilson(self.last[team], n)),
            "orders": resolved + refused,
            "refused": refused,
            "refusal_rate": round(refused / (resolved + refused), 4) if resolved + refused else 0.0,
            "moves": moves,
        }

    def _balance(self, campaign: Campaign) -> dict:
        """The balance report's figures beyond the first summary: intervals, dyads, traffic, examples."""
        n = max(self.games, 1)
        names = {t.id: t.name for t in campaign.teams}
        ids = [t.id for t in campaign.teams]
        dyads = []
        last_turn = max(self.turn_games, default=0)
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                key = dyad_key(a, b)
                peaks = {r.id: round(self.peaks[f"{key}|{k}"] / n, 4) for k, r in enumerate(campaign.rungs) if self.peaks[f"{key}|{k}"]}
                means = [
                    round(self.path_sum[f"{key}|{turn}"] / self.turn_games[turn], 3) for turn in range(1, last_turn + 1)
                ]
                top = max((k for k, r in enumerate(campaign.rungs) if self.peaks[f"{key}|{k}"]), default=0)
                dyads.append({
                    "dyad": [a, b], "name": f"{names[a]}–{names[b]}", "peak": peaks,
                    "highest": campaign.rungs[top].id, "mean_rung_by_turn": means,
                })
        channels = [
            {
                "id": c.id, "name": c.name,
                **{f"{what}_per_game": round(self.messages[f"{c.id}|{what}"] / n, 3) for what in ("sent", "delivered", "lost")},
            }
            for c in campaign.channels
        ]
        kinds = sorted({key.split("|")[0] for key in self.proposals})
        proposals = [
            {"kind": kind, **{f"{what}_per_game": round(self.proposals[f"{kind}|{what}"] / n, 3) for what in ("sent", "accepted", "rejected", "lapsed")}}
            for kind in kinds
        ]
        return {
            "ending_intervals": {reason: list(wilson(count, self.games)) for reason, count in sorted(self.endings.items())},
            "firebreak_interval": list(wilson(sum(self.first_crossing.values()), self.games)),
            "games_still_going_by_turn": [self.turn_games[turn] for turn in range(1, last_turn + 1)],
            "dyads": dyads,
            "incidents": {
                "per_game": round(self.incidents / n, 3),
                "contained_per_game": round(self.contained / n, 3),
                "leaked_per_game": round(self.leaked / n, 3),
            },
            "channels": channels,
            "proposals": proposals,
            "crisis_peak": {campaign.rungs[k].id: share_of(self.crisis_peak[k], n) for k in sorted(self.crisis_peak)},
            "examples": {key: list(indices) for key, indices in sorted(self.examples.items())},
        }


def share_of(count: int, n: int) -> float:
    return round(count / max(n, 1), 4)
