"""Scripted orders for `wargame run --orders FILE`: per turn, some teams' orders and the facilitator's rulings."""

from __future__ import annotations

import attrs

from ..campaign.loader import parse_toml, read_toml_text
from ..converter import converter, structure_problems
from ..core.model import Campaign
from ..core.orders import MAX_RATIONALE_CHARS, Intervention, TeamOrders
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


def load_orders(path: str, campaign: Campaign, last_turn: int) -> OrdersScript:
    """Read an orders file; every problem names the file and the place."""
    teams = tuple(t.id for t in campaign.teams)
    moves = {m.id for m in campaign.moves}
    channels = {c.id for c in campaign.channels}
    injects = {i.id for i in campaign.injects}
    treaties = {t.id for t in campaign.treaties}
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
        if not 1 <= turn.turn <= last_turn:
            problems.append(Problem(path, f"this game has turns 1 to {last_turn}", at=f"turns[{i}].turn"))
        named = set()
        for j, o in enumerate(turn.orders):
            if o.team not in teams:
                problems.append(Problem(path, f'no team "{o.team}" (teams: {", ".join(teams)})', at=f"turns[{i}].orders[{j}].team"))
            if o.team in named:
                problems.append(Problem(path, f"{o.team} has two sets of orders", at=f"turns[{i}].orders[{j}].team"))
            named.add(o.team)
            for k, m in enumerate(o.moves):
                if m.move not in moves:
                    problems.append(Problem(path, f'no move "{m.move}" in {campaign.title}', at=f"turns[{i}].orders[{j}].moves[{k}].move"))
            for k, v in enumerate(o.votes):
                if v.treaty not in treaties:
                    known = ", ".join(sorted(treaties)) or "none"
                    problems.append(Problem(path, f'no treaty "{v.treaty}" (treaties: {known})', at=f"turns[{i}].orders[{j}].votes[{k}].treaty"))
            offered = [x.id for x in campaign.team(o.team).red_lines] if o.team in teams else []
            for k, d in enumerate(o.declarations):
                place = f"turns[{i}].orders[{j}].declarations[{k}]"
                if d.line and d.line not in offered:
                    problems.append(Problem(path, f'no red line "{d.line}" for {o.team} (offered: {", ".join(offered) or "none"})', at=f"{place}.line"))
                elif not d.line and not campaign.rules.compose_red_lines:
                    problems.append(Problem(path, "name an offered red line with `line`: this campaign does not let teams compose their own", at=place))
            for kind in ("moves", "votes", "declarations"):
                for k, order in enumerate(getattr(o, kind)):
                    if len(order.rationale) > MAX_RATIONALE_CHARS:
                        problems.append(Problem(
                            path, f"the rationale is {len(order.rationale):,} characters; keep it to {MAX_RATIONALE_CHARS} (a short why for the debrief)",
                            at=f"turns[{i}].orders[{j}].{kind}[{k}].rationale",
                        ))
            for k, m in enumerate(o.messages):
                if m.channel not in channels:
                    problems.append(Problem(path, f'no channel "{m.channel}"', at=f"turns[{i}].orders[{j}].messages[{k}].channel"))
        for j, iv in enumerate(turn.interventions):
            if iv.kind in ("fire_inject", "postpone_inject") and iv.inject not in injects:
                problems.append(Problem(path, f'no inject "{iv.inject}"', at=f"turns[{i}].interventions[{j}].inject"))
    if problems:
        raise ProblemsFound(problems)
    return script
