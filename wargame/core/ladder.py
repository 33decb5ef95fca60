"""Moving along the escalation ladder: a small module so that design warnings need not load the rules."""

from __future__ import annotations

import typing

if typing.TYPE_CHECKING:
    from .model import Campaign


def step_rungs(campaign: Campaign, start: int, delta: int, crosses_firebreak: bool) -> tuple[int, str]:
    """Where `delta` rungs from `start` lands, and the firebreak that held it, if any.

    Climbing stops on a terminal rung: the game ends there, it is not jumped over.
    """
    if delta <= 0:
        return max(0, start + delta), ""
    at = start
    for _ in range(delta):
        nxt = at + 1
        if nxt >= len(campaign.rungs):
            break
        if campaign.rungs[nxt].firebreak and not crosses_firebreak:
            return at, campaign.rungs[nxt].id
        at = nxt
        if campaign.rungs[at].terminal:
            break
    return at, ""

