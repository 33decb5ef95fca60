"""Red lines, threats and audience costs: a team declares in public what it will do if a line is
crossed, and pays before its own public when its bluff is called.

A declaration names a condition (a dyad reaching a rung, or a public track crossing a bound), what
counts as enforcing it (move ids or tags), how many turns the declarer then has (`within`) and,
optionally, the last turn it stands. The adjudicator calls `declare` right after checking the moves
(declarations are statements, made before the turn's actions land) and `check` once every move,
incident and inject of the turn is in:

1. A crossed line is `enforced` when its declarer made (ordered, and was allowed) a counting move
   this turn, a turn after the crossing; else `bluffed` once its `due` turn ends: the declarer pays
   the audience cost, already scaled by its `audience_sensitivity` (Fearon 1994: a public that
   punishes backing down is what makes a threat believable).
2. A standing line whose condition now holds is `crossed`; `by` names the team whose public move
   moved the dyad, when one did.
3. A standing line whose deadline has come is `expired`: it lapses untested, at no cost.

Only lines whose crossing everyone can see may be declared: a dyad's rung is public, and so is a
track condition only on a public track (credibility) or on the declarer's own tracks.
"""

from __future__ import annotations

from .escalation import ladder
from .events import EscalationChanged, RedLineChanged, RedLineDeclared
from .model import Campaign, Condition, RedLine
from .orders import DeclareOrder
from .red_line_terms import condition_problem, enforce_problem, public_track
from .rules import holds, tidy
from .state import DeclaredLine

MAX_TEXT = 300
"""The longest a composed line's text may be: a sentence a seminar reads aloud."""


def offered(campaign: Campaign, team: str) -> tuple[RedLine, ...]:
    """The ready-made red lines the campaign offers `team`."""
    return campaign.team(team).red_lines


def line_for(campaign: Campaign, state, team: str, order: DeclareOrder, index: int) -> RedLineDeclared | str:
    """The declaration `order` makes this turn, or why it is refused."""
    turn = state.turn
    if order.line:
        line = next((x for x in offered(campaign, team) if x.id == order.line), None)
        if line is None:
            ids = ", ".join(x.id for x in offered(campaign, team)) or "none"
            return f'there is no red line "{order.line}" for {campaign.team(team).name} (offered: {ids})'
        text, cond, enforce, within = line.text, line.condition, line.enforce, line.within
        deadline = turn + line.lasts - 1 if line.lasts else 0
        cost, reward, ident = line.audience_cost, line.enforced, line.id
    else:
        if not campaign.rules.compose_red_lines:
            return "this campaign offers only its ready-made red lines: name one with `line`"
        if order.condition is None:
            return "a composed red line needs a condition"
        why = condition_problem(campaign, team, order.condition) or enforce_problem(campaign, order.enforce)
        if why:
            return why
        text = " ".join(order.text.split())
        if not text:
            return "say the line in words (`text`): it is read out to every team"
        if len(text) > MAX_TEXT:
            return f"the text is longer than {MAX_TEXT} characters"
        if order.until and order.until < turn:
            return f"its last turn ({order.until}) has passed; this is turn {turn}"
        default = RedLine(id="", text="", condition=Condition(), enforce=())
        cond, enforce, within, deadline = order.condition, order.enforce, default.within, order.until
        cost, reward, ident = default.audience_cost, default.enforced, f"{team}-{turn}-{index + 1}"
    if any(x.team == team and x.line == ident and x.open for x in state.red_lines):
        return "this red line was declared already and still stands"
    if holds(campaign, state, cond):
        return "it is crossed already: a red line must lie ahead of where things stand"
    sensitivity = campaign.team(team).audience_sensitivity
    scaled = {track: tidy(delta * sensitivity) for track, delta in cost.items() if tidy(delta * sensitivity)}
    return RedLineDeclared(
        turn=turn, team=team, line=ident, text=text, condition=cond, enforce=tuple(enforce), within=within,
        deadline=deadline, audience_cost=scaled, enforced=dict(reward),
    )


def declare(t, teams, by_team) -> None:
    """Every team's declarations this turn, refused with a reason or declared in public."""
    for team in teams:
        orders = by_team.get(team)
        for index, order in enumerate(orders.declarations if orders else ()):
            made = line_for(t.c, t.state, team, order, index)
            if isinstance(made, str):
                t.refuse(team, f"red line {index + 1}: {order.line or 'composed'}", made)
            else:
                t.emit(made)


def counts(line: DeclaredLine, move) -> bool:
    """Whether making `move` enforces `line`."""
    return move.id in line.enforce or not set(move.tags).isdisjoint(line.enforce)


def check(t, accepted) -> None:
    """Settle, cross or lapse every open line, in the order they were declared (see the module)."""
    for line in t.state.red_lines:
        if not line.open:
            continue
        who = t.name(line.team)
        if line.status == "crossed":
            # A line is crossed at the end of a turn, so a counting move is always a turn later.
            move = next((m for team, _, m, _ in accepted if team == line.team and counts(line, m)), None)
            if move is not None:
                t.emit(
                    RedLineChanged(
                        turn=t.turn, team=line.team, line=line.line, text=line.text, status="enforced", move=move.id,
                        detail=f"{who} enforced its red line with {move.name}",
                    )
                )
                for track, delta in line.enforced.items():
                    t.change_track(line.team, track, delta, f"{who} enforced its red line", True)
            elif line.due <= t.turn:
                t.emit(
                    RedLineChanged(
                        turn=t.turn, team=line.team, line=line.line, text=line.text, status="bluffed", due=line.due,
                        detail=f"{who} did not enforce its red line by turn {line.due}",
                    )
                )
                for track, delta in line.audience_cost.items():
                    t.change_track(line.team, track, delta, f"audience cost: {who} backed down from its red line", True)
        elif holds(t.c, t.state, line.condition):
            by = _crosser(t, line)
            detail = f"crossed by {t.name(by)}" if by else "crossed"
            t.emit(
                RedLineChanged(
                    turn=t.turn, team=line.team, line=line.line, text=line.text, status="crossed", by=by,
                    due=t.turn + line.within, detail=detail,
                )
            )
        elif line.deadline and t.turn >= line.deadline:
            t.emit(
                RedLineChanged(
                    turn=t.turn, team=line.team, line=line.line, text=line.text, status="expired",
                    detail=f"{who}'s red line lapsed untested at the end of turn {line.deadline}",
                )
            )


def _crosser(t, line: DeclaredLine) -> str:
    """The team whose public move this turn last moved the line's dyad ("" when none, or unknown)."""
    dyad = line.condition.dyad
    if not dyad:
        return ""
    pair = tuple(sorted(dyad))
    movers = [
        e.by for e in t.events
        if isinstance(e, EscalationChanged) and e.dyad == pair and e.by and not e.secret and e.new != e.old
    ]
    return movers[-1] if movers else ""


def red_line_weight(campaign: Campaign, state, team: str, move, target: str, lines) -> float:
    """How much the standing `lines` of other teams weigh against `team` making `move` against
    `target`: the summed credibility of each declarer whose line on the dyad team–target the move
    would cross if it succeeds (a bot multiplies it by its taste's `red_lines` weight)."""
    if not target:
        return 0.0
    pair = {team, target}
    now = state.rung(team, target)
    landing = None
    total = 0.0
    for line in lines:
        cond = line.condition
        if not cond.dyad or set(cond.dyad) != pair or not cond.rung_at_least:
            continue
        if landing is None:
            landing, _ = ladder(campaign).move_landing(now, move, move.effects)
        if now < campaign.rung_index(cond.rung_at_least) <= landing:
            total += state.tracks[line.team]["credibility"]
    return total


def bot_declarations(persona: str, campaign: Campaign, state, team: str) -> tuple[DeclareOrder, ...]:
    """The offered red lines a bot declares this turn: a `doctrine` bot from its `declare_at` crisis
    rung, a `deterrent` from its doctrine's `declare_at` or else the first rung above calm; each line
    once a game, and never one already crossed."""
    if persona not in ("doctrine", "deterrent"):
        return ()
    me = campaign.team(team)
    if not me.red_lines:
        return ()
    at = me.doctrine.declare_at if me.doctrine else None
    if at is None:
        if persona != "deterrent":
            return ()
        level = 1
    else:
        level = campaign.rung_index(at)
    if state.crisis() < level:
        return ()
    declared = {x.line for x in state.red_lines if x.team == team}
    return tuple(
        DeclareOrder(line=x.id) for x in me.red_lines if x.id not in declared and not holds(campaign, state, x.condition)
    )


def condition_words(campaign: Campaign, cond: Condition) -> str:
    """The condition as a sentence reads it: "Dravnia–Valdia reaches Armed clash"."""
    names = {t.id: t.name for t in campaign.teams}
    if cond.dyad:
        rung = next((r.name for r in campaign.rungs if r.id == cond.rung_at_least), cond.rung_at_least)
        return f"{names.get(cond.dyad[0], cond.dyad[0])}–{names.get(cond.dyad[1], cond.dyad[1])} reaches {rung}"
    if cond.team and cond.track:
        track = next((x.name for x in campaign.tracks if x.id == cond.track), cond.track)
        bound = f"rises to {cond.at_least:g}" if cond.at_least is not None else f"falls to {cond.at_most:g}"
        return f"{names.get(cond.team, cond.team)}'s {track} {bound}"
    return "its condition holds"


def enforce_words(campaign: Campaign, enforce: tuple[str, ...]) -> str:
    """What enforces a line: its moves by name, then "a move tagged kinetic or collective defense"."""
    moves = [campaign.find_move(x).name for x in enforce if campaign.find_move(x)]
    tags = [x.replace("_", " ") for x in enforce if not campaign.find_move(x)]
    if tags:
        moves.append(f"a move tagged {' or '.join(tags)}")
    return " or ".join(moves)


def describe(campaign: Campaign, e, name) -> str:
    """The sentence for a red-line event; every part of it is public."""
    if isinstance(e, RedLineDeclared):
        until = f", until the end of turn {e.deadline}" if e.deadline else ""
        return (
            f"{name(e.team)} declared a red line: \u201c{e.text}\u201d If {condition_words(campaign, e.condition)}, "
            f"it will answer with {enforce_words(campaign, e.enforce)} within {e.within} turn"
            f"{'s' if e.within != 1 else ''}{until}."
        )
    quoted = f" \u201c{e.text}\u201d" if e.text else ""
    who = name(e.team)
    if e.status == "crossed":
        by = f" by {name(e.by)}" if e.by else ""
        return f"{who}'s red line{quoted} was crossed{by}. {who} must enforce it by the end of turn {e.due} or pay before its public."
    if e.status == "enforced":
        move = campaign.find_move(e.move)
        return f"{who} enforced its red line{quoted} with {move.name if move else e.move}."
    if e.status == "bluffed":
        return f"Bluff called: {who} did not enforce its red line{quoted} by the end of turn {e.due}, and pays before its public."
    return f"{who}'s red line{quoted} lapsed untested at the end of turn {e.turn}."
