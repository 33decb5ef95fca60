"""Design warnings: a campaign that loads but cannot play as its author meant."""

from __future__ import annotations

from ..core.model import Campaign, Move
from ..core.escalation import NO_CROSSING, ladder


def reachable_rungs(c: Campaign) -> set[int]:
    """Rung indices some dyad can reach through moves, accidents or injects (free-form rulings aside)."""
    start = {c.rung_index(c.rules.start_rung) if c.rules.start_rung else 0}
    start |= {c.rung_index(d.rung) for d in c.dyads}
    seen, frontier = set(start), list(start)
    accidents = c.rules.accident_base > 0 or c.rules.accident_per_rung > 0
    lad = ladder(c)
    while frontier:
        at = frontier.pop()
        landings = []
        for m in c.moves:
            rq = m.requires
            low = c.rung_index(rq.min_rung) if rq.min_rung else 0
            high = c.rung_index(rq.max_rung) if rq.max_rung else len(c.rungs) - 1
            if low <= at <= high:
                for e in (m.effects, m.on_failure):
                    if e.escalation > 0 or e.rung_at_least or e.rung_exactly:
                        landings.append(lad.move_landing(at, m, e)[0])
        if accidents and (at > 0 or c.rules.accident_base > 0):
            goal = lad.incident_goal(at)
            # An incident is held below a firebreak unless the firebreak leaks.
            landings.append(goal if not lad.firebreak[goal] or c.rungs[goal].leak > 0 else at)
        for i in c.injects:
            for s in i.effects.escalation:
                at_least = c.rung_index(s.rung_at_least) if s.rung_at_least else None
                if s.delta > 0 or at_least is not None:
                    landings.append(lad.land(at, s.delta, NO_CROSSING, at_least)[0])
        for nxt in landings:
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    return seen


def _why_no_team(c: Campaign, m: Move) -> str:
    """Why no team can ever make `m`, or "" if some team might."""
    teams = [t for t in c.teams if not m.teams or t.id in m.teams]
    for team in teams:
        allies = set(c.allies(team.id))
        others = [t.id for t in c.teams if t.id != team.id]
        if m.target == "ally" and not allies:
            continue
        if m.target == "rival" and not [o for o in others if o not in allies]:
            continue
        rq = m.requires
        if rq.treaty and team.id not in c.treaty(rq.treaty).members:
            continue
        if rq.channel and team.id not in c.channel(rq.channel).members:
            continue
        if rq.provision and not any(team.id in t.members and rq.provision in t.provisions for t in c.treaties):
            continue
        impossible = False
        for tr in rq.tracks:
            low, high = c.track_bounds(tr.track)
            if (tr.at_least is not None and tr.at_least > high) or (tr.at_most is not None and tr.at_most < low):
                impossible = True
        if not impossible:
            return ""
    return "no team can ever make this move (check teams, target, treaty, channel and track requirements)"


def design_warnings(c: Campaign) -> list[tuple[str, str]]:
    """(place, message) for each design problem; none of them stops the campaign from loading."""
    out: list[tuple[str, str]] = []
    reach = reachable_rungs(c)
    for i, r in enumerate(c.rungs):
        if i not in reach:
            out.append((f"rungs[{i}]", f'no move, accident or inject can reach "{r.name}"'))
    for i, m in enumerate(c.moves):
        why = _why_no_team(c, m)
        if why:
            out.append((f"moves[{i}]", why))
    for i, inj in enumerate(c.injects):
        w = inj.when
        if w is None:
            continue
        for key in ("crisis_at_least", "rung_at_least"):
            rung = getattr(w, key)
            if rung and c.rung_index(rung) not in reach:
                out.append((f"injects[{i}].when.{key}", f'can never fire: no dyad can reach "{rung}"'))
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
    return out
