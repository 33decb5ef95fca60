"""Design warnings: a campaign that loads but cannot play as its author meant.

What can happen is worked out as the rules work it out (`core/rules.py`, `core/adjudicator.py`):
a move counts only if some team may make it (who, against whom, treaty, channel membership),
can afford it (its budget is its resources, and resources rise only through an effect that
raises them), can meet its track requirements within the tracks' ranges, and finds its channel
in a state that can occur (the channel's start, or a state some usable move or inject sets).
Rungs are reached from the start rungs by where those moves land within their rung ranges (steps,
anchored rungs, the use-of-force floor and the thresholds each may cross, as `core/escalation.py`
works them out), by incidents (never on the first rung, and across a firebreak only if it leaks)
and by injects (never across a firebreak). Free-form rulings and the white cell's overrides are left out: they can do
anything, so counting them would hide every problem.
"""

from __future__ import annotations

from ..core.escalation import NO_CROSSING, ladder
from ..core.model import Campaign, Condition, Effects, Move


def _percent_hint(value: float, high: float) -> str:
    return f" (write {value / 100:g} for {value:g}%)" if high == 1.0 and 2 <= value <= 100 else ""


def _impossible_track(c: Campaign, track: str, at_least: float | None, at_most: float | None) -> str:
    """Why a bound on `track` can never hold within the track's range, or ""."""
    low, high = c.track_bounds(track)
    if at_least is not None and at_least > high:
        return f"{track} stays within {low:g}..{high:g}, and this needs at least {at_least:g}{_percent_hint(at_least, high)}"
    if at_most is not None and at_most < low:
        return f"{track} stays within {low:g}..{high:g}, and this needs at most {at_most:g}"
    return ""


def _resources_can_rise(c: Campaign) -> bool:
    """Whether anything in the campaign can raise a team's resources, and with them its budget."""
    for m in c.moves:
        for e in (m.effects, m.on_failure):
            if e.actor.get("resources", 0) > 0 or e.target.get("resources", 0) > 0:
                return True
    for t in c.treaties:
        for deltas in (t.honour, t.breach, t.burden_sharing.shortfall if t.burden_sharing else {}):
            if deltas.get("resources", 0) > 0:
                return True
    return any(d.track == "resources" and d.delta > 0 for i in c.injects for d in i.effects.tracks)


def _actors(c: Campaign, m: Move) -> list:
    return [t for t in c.teams if not m.teams or t.id in m.teams]


def _self_target(c: Campaign, m: Move) -> str:
    """The warning for a move whose only allowed target is its only actor, or ""."""
    if m.target == "none" or not m.targets:
        return ""
    actors = _actors(c, m)
    if actors and all(set(m.targets) <= {a.id} for a in actors):
        names = " and ".join(a.name for a in actors)
        return (
            f"its only allowed target, {names}, is also its only actor, and a team cannot target itself: "
            "no team can ever make this move"
        )
    return ""


def _why_no_team(c: Campaign, m: Move) -> str:
    """Why no team can ever make `m` whatever the state, or "" if some team might."""
    for team in _actors(c, m):
        allies = set(c.allies(team.id))
        targets = [t.id for t in c.teams if t.id != team.id and (not m.targets or t.id in m.targets)]
        if m.target == "ally":
            targets = [t for t in targets if t in allies]
        elif m.target == "rival":
            targets = [t for t in targets if t not in allies]
        if m.target != "none" and not targets:
            continue
        rq = m.requires
        if rq.treaty and team.id not in c.treaty(rq.treaty).members:
            continue
        if rq.channel and team.id not in c.channel(rq.channel).members:
            continue
        if rq.provision and not any(team.id in t.members and rq.provision in t.provisions for t in c.treaties):
            continue
        if any(_impossible_track(c, tr.track, tr.at_least, tr.at_most) for tr in rq.tracks):
            continue
        return ""
    return "no team can ever make this move (check teams, target, treaty, channel and track requirements)"


def _unaffordable(c: Campaign, m: Move, can_rise: bool) -> str:
    """The warning for a move that costs more than any team that may make it ever has, or ""."""
    actors = _actors(c, m)
    if can_rise or not actors:
        return ""
    richest = max(actors, key=lambda t: int(t.resources))
    if m.cost <= int(richest.resources):
        return ""
    return (
        f"costs {m.cost}, more than any team that may make it can spend: the largest budget is "
        f"{int(richest.resources)} a turn ({richest.name}'s resources), and nothing in the campaign raises resources"
    )


class _Reach:
    """What can occur in games of a campaign: usable moves, channel states and rungs (see the module docstring)."""

    def __init__(self, c: Campaign):
        self.c = c
        can_rise = _resources_can_rise(c)
        self.static: dict[int, str] = {}
        """The warning that keeps each move out of every game whatever happens, by its index."""
        for i, m in enumerate(c.moves):
            why = _self_target(c, m) or _why_no_team(c, m) or _unaffordable(c, m, can_rise)
            if why:
                self.static[i] = why
        self.states = {ch.id: {ch.status} for ch in c.channels}
        start = {c.rung_index(c.rules.start_rung) if c.rules.start_rung else 0}
        start |= {c.rung_index(d.rung) for d in c.dyads}
        self.rungs = set(start)
        for inj in c.injects:
            if inj.effects.channel and inj.effects.channel_status:
                self.states[inj.effects.channel].add(inj.effects.channel_status)
        changed = True
        while changed:  # each round adds a channel state or a rung, so this ends
            changed = self._channel_round() | self._rung_round()

    def range_of(self, m: Move) -> tuple[int, int]:
        rq = m.requires
        low = self.c.rung_index(rq.min_rung) if rq.min_rung else 0
        high = self.c.rung_index(rq.max_rung) if rq.max_rung else len(self.c.rungs) - 1
        return low, high

    def channel_ok(self, m: Move) -> bool:
        rq = m.requires
        return not (rq.channel and rq.channel_status) or bool(self.states[rq.channel] & set(rq.channel_status))

    def usable(self, i: int, m: Move) -> bool:
        """Whether some team may make move `i` at a rung that can be reached, in a channel state that can occur."""
        low, high = self.range_of(m)
        return i not in self.static and self.channel_ok(m) and any(low <= r <= high for r in self.rungs)

    def _channel_round(self) -> bool:
        changed = False
        for i, m in enumerate(self.c.moves):
            if not self.usable(i, m):
                continue
            for e in (m.effects, m.on_failure):
                if e.channel and e.channel_status and e.channel_status not in self.states[e.channel]:
                    self.states[e.channel].add(e.channel_status)
                    changed = True
        return changed

    def climbs(self) -> list[tuple[Move, Effects, int, int]]:
        """Every move effect that moves a dyad up, of a move some team may make, with the move's rung range."""
        return [
            (m, e, *self.range_of(m))
            for i, m in enumerate(self.c.moves)
            if i not in self.static and self.channel_ok(m) and m.target != "none"
            for e in (m.effects, m.on_failure)
            if e.escalation > 0 or e.rung_at_least or e.rung_exactly
        ]

    def _rung_round(self) -> bool:
        c, lad = self.c, ladder(self.c)
        climbs = self.climbs()
        accidents = c.rules.accident_base > 0 or c.rules.accident_per_rung > 0
        injected = [
            (s.delta, c.rung_index(s.rung_at_least) if s.rung_at_least else None)
            for i in c.injects for s in i.effects.escalation if s.delta > 0 or s.rung_at_least
        ]
        frontier, changed = list(self.rungs), False
        while frontier:
            at = frontier.pop()
            landings = [lad.move_landing(at, m, e)[0] for m, e, low, high in climbs if low <= at <= high]
            if accidents and at > 0:  # the adjudicator rolls no accident on a dyad at the first rung
                goal = lad.incident_goal(at)
                # An incident is held below a firebreak unless the firebreak leaks.
                landings.append(goal if not lad.firebreak[goal] or c.rungs[goal].leak > 0 else at)
            landings += [lad.land(at, delta, NO_CROSSING, at_least)[0] for delta, at_least in injected]
            for nxt in landings:
                if nxt not in self.rungs:
                    self.rungs.add(nxt)
                    frontier.append(nxt)
                    changed = True
        return changed


def reachable_rungs(c: Campaign) -> set[int]:
    """Rung indices some dyad can reach through moves, accidents or injects (free-form rulings aside)."""
    return _Reach(c).rungs


def _unreachable_rung(c: Campaign, reach: _Reach, i: int) -> str:
    rung, lad = c.rungs[i], ladder(c)
    if rung.firebreak and any(r < i for r in reach.rungs):

        def crosses(m: Move, e: Effects, starts) -> bool:
            return any(at < i <= lad.move_landing(at, m, e)[0] for at in starts)

        climbs = reach.climbs()
        crossing = [m for m, e, _, _ in climbs if crosses(m, e, range(i))]
        if not crossing:
            return (
                f'no move can cross the firebreak into "{rung.name}", so nothing can reach it: no move a team can make '
                "both climbs and may cross it (crosses_firebreak = true, crosses = [...], or a use of force up to "
                "rules.force_rung)"
            )
        if not any(crosses(m, e, range(low, min(high, i - 1) + 1)) for m, e, low, high in climbs):
            listed = ", ".join(dict.fromkeys(
                f'"{m.name}" (needs at least "{c.rungs[reach.range_of(m)[0]].name}")' for m in crossing
            ))
            if all(reach.range_of(m)[0] >= i for m in crossing):
                return (
                    f'no move can cross the firebreak into "{rung.name}" from below, so nothing can reach it: '
                    f"the moves that cross firebreaks, {listed}, can only be made at or above it"
                )
        return f'no move can cross the firebreak into "{rung.name}" from a rung some dyad can reach, so nothing can reach it'
    return f'no move, accident or inject can reach "{rung.name}"'


def _condition_never(c: Campaign, reach: _Reach, cond: Condition) -> str:
    """Why a condition can never hold, or ""."""
    for key in ("crisis_at_least", "rung_at_least"):
        rung = getattr(cond, key)
        if rung and c.rung_index(rung) not in reach.rungs:
            return f'no dyad can reach "{rung}"'
    if cond.track is not None:
        why = _impossible_track(c, cond.track, cond.at_least, cond.at_most)
        if why:
            return why
    if cond.channel and cond.channel_status and cond.channel_status not in reach.states[cond.channel]:
        return f"{c.channel(cond.channel).name} is never {cond.channel_status}: {_states(c, reach, cond.channel)}"
    if cond.any:
        # Or: it can never hold only when none of its parts can (a `not` is not judged here).
        whys = [_condition_never(c, reach, one) for one in cond.any]
        if all(whys):
            return "none of `any` can hold: " + "; ".join(whys)
    return ""


def _states(c: Campaign, reach: _Reach, channel: str) -> str:
    ch = c.channel(channel)
    others = sorted(reach.states[channel] - {ch.status})
    made = f", and moves or injects can make it {' or '.join(others)}" if others else ", and no move or inject changes that"
    return f"it starts {ch.status}{made}"


def design_warnings(c: Campaign) -> list[tuple[str, str]]:
    """(place, message) for each design problem; none of them stops the campaign from loading."""
    out: list[tuple[str, str]] = []
    reach = _Reach(c)
    for i, _r in enumerate(c.rungs):
        if i not in reach.rungs:
            out.append((f"rungs[{i}]", _unreachable_rung(c, reach, i)))
    for i, m in enumerate(c.moves):
        if i in reach.static:
            out.append((f"moves[{i}]", reach.static[i]))
        elif not reach.channel_ok(m):
            rq = m.requires
            wanted = " or ".join(rq.channel_status)
            out.append((
                f"moves[{i}].requires.channel_status",
                f"needs {c.channel(rq.channel).name} to be {wanted}, which it never is: {_states(c, reach, rq.channel)}; "
                "no team can ever make this move",
            ))
    for i, inj in enumerate(c.injects):
        if inj.when is None:
            continue
        why = _condition_never(c, reach, inj.when)
        if why:
            out.append((f"injects[{i}].when", f"can never fire: {why}"))
    tags = {tag for m in c.moves if m.target != "none" for tag in m.tags}
    all_tags = {tag for m in c.moves for tag in m.tags}
    for i, t in enumerate(c.treaties):
        if t.trigger.tag not in tags:
            out.append((f"treaties[{i}].trigger.tag", f'no move against a team carries the tag "{t.trigger.tag}", so only an invocation can trigger {t.name}'))
        if t.obligation.tag not in all_tags:
            out.append((f"treaties[{i}].obligation.tag", f'no move carries the tag "{t.obligation.tag}": members can never honour {t.name}'))
    for i, team in enumerate(c.teams):
        if team.doctrine is not None and team.persona != "doctrine":
            out.append((f"teams[{i}].doctrine", f'{team.name} plays as "{team.persona}" by default, which ignores this doctrine (the doctrine persona uses it)'))
        if not team.objectives:
            out.append((f"teams[{i}].objectives", f"{team.name} has no objectives: it cannot score"))
        for j, o in enumerate(team.objectives):
            why = _condition_never(c, reach, o.condition)
            if why:
                out.append((f"teams[{i}].objectives[{j}].condition", f"can never be met: {why}"))
        if team.red_lines and not team.audience_sensitivity:
            out.append((
                f"teams[{i}].audience_sensitivity",
                f"{team.name} may declare red lines, but with no audience sensitivity a bluff costs it nothing; "
                "set it (about 1 for an open democracy, 0.3 for a closed regime)",
            ))
        for j, line in enumerate(team.red_lines):
            why = _condition_never(c, reach, line.condition)
            if why:
                out.append((f"teams[{i}].red_lines[{j}].condition", f"can never be crossed: {why}"))
    return out
