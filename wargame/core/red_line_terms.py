"""What a red line may say, checked alike when a campaign is loaded and when a team composes one.

Kept apart from `declarations` so that `wargame validate` need not import the engine's events.
"""

from __future__ import annotations

from .model import Campaign, Condition


def public_track(track: str) -> bool:
    # Kept here rather than read from narrative: this module must not depend on how things are told.
    return track == "credibility"


def condition_problem(campaign: Campaign, team: str, cond: Condition) -> str:
    """Why `cond` cannot be a red line's condition ("" when it can)."""
    if cond.dyad:
        if len(cond.dyad) != 2 or len(set(cond.dyad)) != 2 or not all(campaign.has_team(x) for x in cond.dyad):
            return "its dyad must name two different teams of this campaign"
        rungs = {r.id for r in campaign.rungs}
        if not cond.rung_at_least or cond.rung_at_least not in rungs:
            return "a dyad condition needs rung_at_least, a rung of this campaign"
        if cond.team or cond.track:
            return "a red line tests one thing: a dyad's rung or a track, not both"
        return ""
    if cond.team and cond.track:
        if not campaign.has_team(cond.team) or cond.track not in campaign.track_names():
            return f'no team "{cond.team}" or no track "{cond.track}" in this campaign'
        if cond.team != team and not public_track(cond.track):
            return (
                f"{cond.track} of another team is hidden, so nobody could see the line crossed; "
                "use a dyad's rung or credibility"
            )
        if cond.at_least is None and cond.at_most is None:
            return "a track condition needs at_least or at_most"
        return ""
    return "a red line needs a dyad with rung_at_least, or a team, a track and a bound"


def enforce_problem(campaign: Campaign, enforce: tuple[str, ...]) -> str:
    """Why `enforce` cannot say what enforces a line ("" when it can)."""
    if not enforce:
        return "say which moves (ids or tags) count as enforcing it"
    known = {m.id for m in campaign.moves} | {tag for m in campaign.moves for tag in m.tags}
    unknown = [x for x in enforce if x not in known]
    if unknown:
        return f'"{unknown[0]}" is neither a move nor a move tag of this campaign'
    return ""
