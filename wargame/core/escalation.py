"""Escalation: where a move, an incident or an inject lands on the ladder, and which thresholds it may cross.

Rungs mean what they say. A move's effects may step the dyad (`escalation = N`), set it at least
at a named rung (`rung_at_least`) or exactly at one (`rung_exactly`): the step is taken first, then
the anchors. Climbing stops on a terminal rung, and below every firebreak the move may not cross:
those its `crosses` names, all of them with `crosses_firebreak = true`, and, for a declared use of
force (a move with one of `rules.force_tags`), every firebreak up to `rules.force_rung`, on which such
a move lands at least whenever it climbs.

An incident climbs to the next rung an incident may reach (`incident = true`; the next rung when
no rung says so), or comes up against the first firebreak on the way, which it crosses only when
its leak roll succeeds (see `adjudicator._accidents`).
"""

from __future__ import annotations

from .model import Campaign, Effects, Move

NO_CROSSING: frozenset[int] = frozenset()


class Ladder:
    """A campaign's ladder read once (kept in `Campaign.derived`): firebreaks, the force floor, incident rungs."""

    def __init__(self, campaign: Campaign):
        rungs = campaign.rungs
        self.campaign = campaign
        self.size = len(rungs)
        self.ids = tuple(r.id for r in rungs)
        self.firebreak = tuple(r.firebreak for r in rungs)
        self.terminal = tuple(r.terminal for r in rungs)
        self.firebreaks = tuple(i for i, r in enumerate(rungs) if r.firebreak)
        self.every_firebreak = frozenset(self.firebreaks)
        self.salience = tuple(r.salience if r.firebreak else 0.0 for r in rungs)
        rules = campaign.rules
        self.force = campaign.rung_index(rules.force_rung) if rules.force_rung else None
        self.force_tags = frozenset(rules.force_tags)
        incident = {i for i, r in enumerate(rungs) if r.incident}
        self.incident_rungs = frozenset(incident) if incident else frozenset(range(self.size))
        self._may_cross: dict[str, tuple[Move, frozenset[int]]] = {}
        self._landings: dict[tuple, tuple[int, str]] = {}

    def threshold_name(self, index: int) -> str:
        rung = self.campaign.rungs[index]
        return rung.threshold or rung.name

    def is_force(self, move: Move) -> bool:
        """Whether `move` is a declared use of force under this campaign's rules."""
        return self.force is not None and not self.force_tags.isdisjoint(move.tags)

    def may_cross(self, move: Move) -> frozenset[int]:
        """The firebreaks (rung indices) `move` may cross."""
        entry = self._may_cross.get(move.id)
        if entry is not None and entry[0] is move:
            return entry[1]
        if move.crosses_firebreak:
            allowed = self.every_firebreak
        else:
            index = self.campaign._index["rung"]
            allowed = frozenset(index[r] for r in move.crosses if r in index and self.firebreak[index[r]])
            if self.is_force(move):
                allowed |= {f for f in self.firebreaks if f <= self.force}
        if self.campaign.find_move(move.id) is move:  # only the campaign's own moves are kept
            self._may_cross[move.id] = (move, allowed)
        return allowed

    def land(
        self, start: int, delta: int, may_cross: frozenset[int], at_least: int | None = None, exactly: int | None = None
    ) -> tuple[int, str]:
        """Where the dyad lands from `start`, and the id of the firebreak that held it, if any."""
        key = (start, delta, may_cross, at_least, exactly)
        landing = self._landings.get(key)
        if landing is None:
            landing = self._landings[key] = self._land(start, delta, may_cross, at_least, exactly)
        return landing

    def _land(self, start, delta, may_cross, at_least, exactly) -> tuple[int, str]:
        goal = start + delta
        if at_least is not None and goal < at_least:
            goal = at_least
        if exactly is not None:
            goal = exactly
        goal = max(0, min(goal, self.size - 1))
        if goal <= start:
            return goal, ""
        at = start
        while at < goal:
            nxt = at + 1
            if self.firebreak[nxt] and nxt not in may_cross:
                return at, self.ids[nxt]
            at = nxt
            if self.terminal[at]:
                break
        return at, ""

    def move_landing(self, start: int, move: Move, effects: Effects) -> tuple[int, str]:
        """Where `effects` of `move` (its effects or its `on_failure`) take a dyad from `start`."""
        index = self.campaign._index["rung"]
        at_least = index[effects.rung_at_least] if effects.rung_at_least else None
        exactly = index[effects.rung_exactly] if effects.rung_exactly else None
        if self.force is not None and self.is_force(move) and (
            effects.escalation > 0 or at_least is not None or (exactly is not None and exactly > start)
        ):
            # A declared use of force is a use of force: it never lands below the force rung.
            at_least = self.force if at_least is None else max(at_least, self.force)
        return self.land(start, effects.escalation, self.may_cross(move), at_least, exactly)

    def crossed(self, old: int, new: int) -> tuple[int, ...]:
        """The firebreaks a climb from `old` to `new` crossed."""
        return tuple(f for f in self.firebreaks if old < f <= new)

    def incident_goal(self, level: int) -> int:
        """Where an incident on a dyad at `level` would take it, before any leak roll: the next
        rung an incident may reach, or the first firebreak on the way (`level` when neither)."""
        for rung in range(level + 1, self.size):
            if self.firebreak[rung] or self.terminal[rung] or rung in self.incident_rungs:
                return rung
        return level


def ladder(campaign: Campaign) -> Ladder:
    """The campaign's `Ladder`, worked out once."""
    found = campaign.derived.get("ladder")
    if found is None:
        found = campaign.derived["ladder"] = Ladder(campaign)
    return found
