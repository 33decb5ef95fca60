"""Calibration against history: how well bots playing a vignette reproduce the rungs its crisis went through.

A vignette's `[[history]]` says where each dyad stood at the end of each turn as it happened.
Played many times by one persona, each (dyad, turn) gets a forecast, the share of games on each
rung, scored against the observed rung by the Brier score and the log score. Pure: the games are
played with the engine's own seeded streams, and every figure is a plain number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import attrs

from .adjudicator import resolve_turn
from .bots import bot_orders, news_for_bots
from .escalation import ladder
from .model import Campaign, dyad_key
from .state import initial_state

LOG_FLOOR = 0.01
"""The least probability the log score credits an observed rung with: a rung no game reached
costs ln(1 / 0.01) ≈ 4.61, not infinity, so one miss does not swamp every other turn."""


def brier(forecast: Sequence[float], observed: int) -> float:
    """Σ over rungs of (p − 1 if the rung was observed else p)²: 0 for a certain, right forecast;
    2 for a certain, wrong one; 1 − 1/K for an even spread over K rungs."""
    return sum((p - (1.0 if k == observed else 0.0)) ** 2 for k, p in enumerate(forecast))


def log_score(forecast: Sequence[float], observed: int, floor: float = LOG_FLOOR) -> float:
    """−ln of the probability given to the observed rung, never below `floor`: 0 when it was
    certain; lower is better."""
    return -math.log(max(forecast[observed], floor))


def forecast(rungs: Sequence[int], size: int) -> tuple[float, ...]:
    """The share of games on each of the ladder's `size` rungs."""
    counts = [0] * size
    for rung in rungs:
        counts[rung] += 1
    n = max(len(rungs), 1)
    return tuple(c / n for c in counts)


@attrs.frozen
class GamePath:
    """Where a game's observed dyads stood at the end of each turn (turn 1 first), and how far
    its crisis climbed."""

    rungs: dict[str, tuple[int, ...]]
    peak_crisis: int


def observed_dyads(campaign: Campaign) -> tuple[str, ...]:
    """The dyads the vignette's history observes, by `dyad_key`, in the order first observed."""
    return tuple(dict.fromkeys(dyad_key(*o.dyad) for o in campaign.history))


def play_path(campaign: Campaign, seed: int, personas: dict[str, str]) -> GamePath:
    """Play one game with a bot for every team and record the observed dyads' rungs turn by turn.

    A game that ends before the campaign's last turn stays where it ended (a settled crisis stays
    settled), so every turn the history observes has a rung to score.
    """
    state = initial_state(campaign)
    teams = [t.id for t in campaign.teams]
    pairs = {key: tuple(key.split("|")) for key in observed_dyads(campaign)}
    rungs: dict[str, list[int]] = {key: [] for key in pairs}
    news: list = []
    peak = state.crisis()
    while not state.ended:
        orders = [bot_orders(personas[t], campaign, state, t, seed, news) for t in teams]
        # Lean: a calibration game keeps only the rungs, so the explanations are never built.
        events, state = resolve_turn(campaign, state, orders, (), seed, campaign.turns, explain=False)
        news = news_for_bots(events)
        peak = max(peak, state.crisis())
        for key, (a, b) in pairs.items():
            rungs[key].append(state.rung(a, b))
    for key in rungs:
        rungs[key] += [rungs[key][-1]] * (campaign.turns - len(rungs[key]))
    return GamePath({key: tuple(path) for key, path in rungs.items()}, peak)


@attrs.frozen
class TurnScore:
    """One observed (dyad, turn): the rung that happened, the forecast, and its scores."""

    dyad: str
    turn: int
    observed: int
    forecast: tuple[float, ...]
    brier: float
    log: float
    note: str = ""


@attrs.frozen
class Calibration:
    """How well one way of playing reproduced a vignette's history, over `games` games."""

    persona: str
    games: int
    turns: tuple[TurnScore, ...]
    brier: float
    """The mean Brier score over every observed (dyad, turn); lower is better, 0 at best, 2 at worst."""
    log: float
    """The mean log score (floored at LOG_FLOOR); lower is better."""
    peak_match: float
    """The share of games whose highest rung on every observed dyad is the one history saw."""
    ending_match: float
    """The share of games whose rung at the last observed turn, on every observed dyad, is history's."""
    violence: float
    """The share of games in which the crisis crossed a firebreak (force used)."""
    terminal: float
    """The share of games in which the crisis reached a terminal rung."""


def observed_path(campaign: Campaign) -> dict[str, dict[int, int]]:
    """The history as rung indices: dyad key → turn → rung."""
    out: dict[str, dict[int, int]] = {}
    for o in campaign.history:
        out.setdefault(dyad_key(*o.dyad), {})[o.turn] = campaign.rung_index(o.rung)
    return out


def first_firebreak(campaign: Campaign) -> int | None:
    """The index of the lowest firebreak rung (where force begins), or None without one."""
    return min(ladder(campaign).firebreaks, default=None)


def score(campaign: Campaign, persona: str, games: Sequence[GamePath], floor: float = LOG_FLOOR) -> Calibration:
    """Score `games` (all played the same way) against the vignette's history."""
    size = len(campaign.rungs)
    history = observed_path(campaign)
    notes = {(dyad_key(*o.dyad), o.turn): o.note for o in campaign.history}
    turns = []
    for key, seen in history.items():
        for turn, observed in sorted(seen.items()):
            f = forecast([g.rungs[key][turn - 1] for g in games], size)
            turns.append(TurnScore(key, turn, observed, f, brier(f, observed), log_score(f, observed, floor), notes[(key, turn)]))
    n = max(len(games), 1)

    def peak_matches(g: GamePath) -> bool:
        return all(max(g.rungs[key][t - 1] for t in seen) == max(seen.values()) for key, seen in history.items())

    def ending_matches(g: GamePath) -> bool:
        return all(g.rungs[key][max(seen) - 1] == seen[max(seen)] for key, seen in history.items())

    force = first_firebreak(campaign)
    terminal = [i for i, r in enumerate(campaign.rungs) if r.terminal]
    return Calibration(
        persona=persona,
        games=len(games),
        turns=tuple(turns),
        brier=sum(t.brier for t in turns) / max(len(turns), 1),
        log=sum(t.log for t in turns) / max(len(turns), 1),
        peak_match=sum(peak_matches(g) for g in games) / n,
        ending_match=sum(ending_matches(g) for g in games) / n,
        violence=sum(force is not None and g.peak_crisis >= force for g in games) / n,
        terminal=sum(any(g.peak_crisis >= t for t in terminal) for g in games) / n,
    )


def baselines(campaign: Campaign, floor: float = LOG_FLOOR) -> dict[str, tuple[float, float]]:
    """(mean Brier, mean log) of two forecasts that use no bot, to read the bots' scores against:
    "even spread" (every rung alike) and "no change" (every dyad stays where it began)."""
    size = len(campaign.rungs)
    start = initial_state(campaign)
    history = observed_path(campaign)
    even = tuple([1.0 / size] * size)
    cells = [(key, observed) for key, seen in history.items() for observed in seen.values()]
    out = {}
    for name, make in (
        ("even spread", lambda key: even),
        ("no change", lambda key: forecast([start.rung(*key.split("|"))], size)),
    ):
        scores = [(brier(make(key), obs), log_score(make(key), obs, floor)) for key, obs in cells]
        n = max(len(scores), 1)
        out[name] = (sum(b for b, _ in scores) / n, sum(lg for _, lg in scores) / n)
    return out


def history_base_rates(campaign: Campaign) -> dict[str, bool]:
    """What the observed crisis itself did: whether force was used (a firebreak reached) and
    whether it reached a terminal rung."""
    force = first_firebreak(campaign)
    peak = max((campaign.rung_index(o.rung) for o in campaign.history), default=0)
    return {
        "violence": force is not None and peak >= force,
        "terminal": any(campaign.rungs[campaign.rung_index(o.rung)].terminal for o in campaign.history),
    }
