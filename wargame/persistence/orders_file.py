"""Scripted orders for `wargame run --orders FILE`: per turn, some teams' orders and the facilitator's rulings."""

from __future__ import annotations

import attrs

from ..campaign.loader import parse_toml, read_toml_text
from ..converter import converter, structure_problems
from ..core.orders import Intervention, TeamOrders
from ..problems import Problem, ProblemsFound


@attrs.frozen
class ScriptedTurn:
    """The orders of some teams for one turn, and any facilitator interventions."""

    turn: int
    orders: tuple[TeamOrders, ...] = ()
    interventions: tuple[Intervention, ...] = ()


@attrs.frozen
class OrdersScript:
    """A whole orders file."""

    turns: tuple[ScriptedTurn, ...] = ()

    def for_turn(self, turn: int) -> ScriptedTurn | None:
        return next((t for t in self.turns if t.turn == turn), None)


def load_orders(path: str, teams: tuple[str, ...]) -> OrdersScript:
    """Read an orders file; every problem names the file and the place."""
    data = parse_toml(path, read_toml_text(path, "orders"))
    try:
        script = converter.structure(data, OrdersScript)
    except Exception as exc:  # every structuring error is reported with its place
        raise ProblemsFound([Problem(path, m, at=at) for at, m in structure_problems(exc)]) from None
    problems = []
    seen = set()
    for i, turn in enumerate(script.turns):
        if turn.turn in seen:
            problems.append(Problem(path, f"turn {turn.turn} is scripted twice", at=f"turns[{i}].turn"))
        seen.add(turn.turn)
        if turn.turn < 1:
            problems.append(Problem(path, "turns are numbered from 1", at=f"turns[{i}].turn"))
        named = set()
        for j, o in enumerate(turn.orders):
            if o.team not in teams:
                problems.append(Problem(path, f'no team "{o.team}" (teams: {", ".join(teams)})', at=f"turns[{i}].orders[{j}].team"))
            if o.team in named:
                problems.append(Problem(path, f"{o.team} has two sets of orders", at=f"turns[{i}].orders[{j}].team"))
            named.add(o.team)
    if problems:
        raise ProblemsFound(problems)
    return script
