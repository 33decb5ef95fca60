"""Whether a save reproduces: re-adjudicate it and say in words where it first differs.

A save's checksum catches accidents, not forgeries: it is a plain SHA-256 that anyone who edits the
file can recompute. What cannot be forged is that the recorded orders, under the rules, give the
recorded events. `report`, `replay` and `play --resume` all ask this module, so they refuse (or
flag) the same saves with the same sentence.
"""

from __future__ import annotations

import attrs

from .. import __version__
from ..core import events as ev
from ..core.model import Campaign
from ..core.narrative import WHITE_CELL, describe, percent, track_name
from ..core.replay import Divergence, verify
from .saves import LoadedSave


@attrs.frozen
class Verification:
    """The outcome of re-adjudicating a save: `difference` says where it first differs, in words."""

    turns: int
    difference: str = ""

    @property
    def reproduces(self) -> bool:
        return not self.difference


def verify_save(loaded: LoadedSave) -> Verification:
    """Re-adjudicate every recorded turn of `loaded` (a 200-turn save takes about a tenth of a second)."""
    save = loaded.save
    campaign = loaded.campaign.campaign
    divergence = verify(campaign, save.seed, save.turns, save.settings.turns)
    return Verification(len(save.turns), describe_divergence(campaign, divergence) if divergence else "")


def does_not_reproduce(loaded: LoadedSave, verification: Verification) -> str:
    """The refusal every command gives for a save that does not reproduce (after `PATH: error: `)."""
    made_by = loaded.save.engine_version
    why = (
        f"it was made by wargame {made_by} and this is {__version__}, whose rules or bots may differ"
        if made_by != __version__
        else "the file was edited after the game was played"
    )
    return f"does not reproduce: {verification.difference} ({why})"


def engine_note(path: str, loaded: LoadedSave, verification: Verification | None) -> str:
    """A one-line notice for a save made by another version of wargame; empty for this version's."""
    made_by = loaded.save.engine_version
    if made_by == __version__:
        return ""
    tail = "; it re-adjudicates identically" if verification is not None and verification.reproduces else ""
    return f"{path}: note: made by wargame {made_by}; this is wargame {__version__}{tail}"


# --- the first difference, in words ----------------------------------------------------------

# What each differing field is called, by event kind; "" for the field the subject already names
# (a track change's new value: "Norhaven's support after X recorded 0.99, re-adjudicated 0.28").
_FIELD_WORDS: dict[str, dict[str, str]] = {
    "*": {"public": "visibility", "audience": "seen by", "turn": "turn"},
    ev.MoveResolved.KIND: {
        "roll": "roll", "probability": "chance", "success": "outcome", "override": "facilitator override",
        "terms": "modifiers", "base": "base chance", "cost": "cost", "target": "target",
    },
    ev.TrackChanged.KIND: {"new": "", "old": "value before", "cause": "cause"},
    ev.EscalationChanged.KIND: {"new": "", "old": "rung before", "held_at": "held at the firebreak", "by": "escalated by"},
    ev.InteropChanged.KIND: {"new": "", "old": "value before"},
    ev.ChannelChanged.KIND: {"new": "", "old": "status before"},
    ev.AccidentRolled.KIND: {"roll": "roll", "chance": "chance", "happened": "incident", "terms": "modifiers"},
    ev.MessageDelivered.KIND: {"roll": "roll", "reliability": "reliability"},
    ev.MessageLost.KIND: {"roll": "roll", "reliability": "reliability"},
    ev.MoveDetected.KIND: {"roll": "roll", "chance": "chance", "detected": "detected"},
}
_CHANCES = {"probability", "chance", "base", "reliability"}


def _subject(campaign: Campaign, e: ev.Event) -> str:
    """What the event is about, short enough to lead a sentence: "Norhaven's support after …"."""
    short = campaign.short_name_of
    rungs = {r.id: r.name for r in campaign.rungs}

    def n(team: str) -> str:
        return short.get(team, team)

    match e:
        case ev.MoveResolved():
            return f"{e.name} by {n(e.team)}" + (f" → {n(e.target)}" if e.target else "")
        case ev.TrackChanged():
            return f"{n(e.team)}'s {track_name(campaign, e.track).lower()} after {e.cause}"
        case ev.EscalationChanged():
            return f"{n(e.dyad[0])}–{n(e.dyad[1])} (from {rungs.get(e.old, e.old)}) after {e.cause}"
        case ev.InteropChanged():
            return f"{n(e.teams[0])}–{n(e.teams[1])} interoperability after {e.cause}"
        case ev.ChannelChanged():
            name = next((c.name for c in campaign.channels if c.id == e.channel), e.channel)
            return f"{name} after {e.cause}"
        case ev.AccidentRolled():
            return f"the incident roll on {n(e.dyad[0])}–{n(e.dyad[1])}"
        case ev.MessageDelivered() | ev.MessageLost():
            return f"the delivery roll of {n(e.sender)}'s message {e.id}"
        case ev.MoveDetected():
            return f"{n(e.observer)}'s detection roll on {n(e.team)}'s {e.name}"
    return f"“{describe(campaign, e, WHITE_CELL)}”"


def _value(campaign: Campaign, e: ev.Event, field: str, value) -> str:
    """A field's value as a reader expects it: a chance as a percentage, a rung by its name."""
    if field == "success":
        return "success" if value else "failure"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field in _CHANCES and isinstance(value, float):
        return percent(value)
    if isinstance(e, ev.EscalationChanged) and field in ("new", "old", "held_at"):
        return next((r.name for r in campaign.rungs if r.id == value), value) or "none"
    if field == "public":
        return "public" if value else "not public"
    if isinstance(value, tuple):
        return ", ".join(f"{t.label} {t.value:+g}" if isinstance(t, ev.Term) else str(t) for t in value) or "none"
    if isinstance(value, str):
        return f"“{value}”" if value else "none"
    return str(value)


def _belief(campaign: Campaign, value) -> str:
    """One belief in words: "Korvath's resources 3.03 ± 0.12", "Aldmark–Korvath at Armed standoff ± 1"."""
    n = campaign.short_name_of
    if isinstance(value, ev.TrackEstimate):
        return f"{n.get(value.team, value.team)}'s {value.track} {value.value:g} ± {value.error:g}"
    if isinstance(value, ev.DyadBelief):
        rung = next((r.name for r in campaign.rungs if r.id == value.rung), value.rung)
        return f"{n.get(value.dyad[0], value.dyad[0])}–{n.get(value.dyad[1], value.dyad[1])} at {rung} ± {value.spread}"
    return str(value)


def _distinct(a: str, b: str, x, y) -> tuple[str, str]:
    """Two numbers shown with just enough digits to tell them apart (0.28 and 0.2800001)."""
    if isinstance(x, float) and isinstance(y, float) and a == b:
        for digits in range(4, 18):
            a, b = f"{x:.{digits}g}", f"{y:.{digits}g}"
            if a != b:
                break
    return a, b


def _numbers(x, y) -> tuple[str, str]:
    if isinstance(x, float) and isinstance(y, float):
        return _distinct(f"{x:.4g}", f"{y:.4g}", x, y)
    return str(x), str(y)


def describe_divergence(campaign: Campaign, d: Divergence) -> str:
    """Where a save first differs from its re-adjudication, as a facilitator reads it:
    `turn 6: Norhaven's domestic support after Leaders' summit (…) recorded 0.99, re-adjudicated 0.28`."""
    where = f"turn {d.turn}"
    recorded, recomputed = d.recorded, d.recomputed
    if d.index < 0:
        return f"{where}: the save records turn {d.turn} where the game stands at {recomputed}"
    if not isinstance(recorded, ev.Event):
        return f"{where}: re-adjudicating gives “{describe(campaign, recomputed, WHITE_CELL)}”, which the save does not record"
    if not isinstance(recomputed, ev.Event):
        return f"{where}: the save records “{describe(campaign, recorded, WHITE_CELL)}”, which re-adjudicating does not give"
    if type(recorded) is not type(recomputed):
        return (
            f"{where}, event {d.index + 1}: the save records “{describe(campaign, recorded, WHITE_CELL)}”; "
            f"re-adjudicating gives “{describe(campaign, recomputed, WHITE_CELL)}”"
        )
    words = {**_FIELD_WORDS["*"], **_FIELD_WORDS.get(recorded.KIND, {})}
    parts = []
    for field in attrs.fields(type(recorded)):
        x, y = getattr(recorded, field.name), getattr(recomputed, field.name)
        if x == y:
            continue
        if isinstance(x, tuple) and isinstance(y, tuple) and len(x) == len(y) and isinstance(recorded, ev.BeliefsFormed):
            # A team's beliefs: only the first belief that differs, in words (not forty of them as reprs).
            x, y = next((i, j) for i, j in zip(x, y) if i != j)
            a, b = _belief(campaign, x), _belief(campaign, y)
        elif isinstance(x, float) and isinstance(y, float) and field.name not in _CHANCES:
            a, b = _numbers(x, y)
        else:
            a, b = _distinct(_value(campaign, recorded, field.name, x), _value(campaign, recomputed, field.name, y), x, y)
        label = words.get(field.name, field.name.replace("_", " "))
        parts.append(f"{label + ' ' if label else ''}recorded {a}, re-adjudicated {b}")
    # "…'s support after X recorded 0.99, …" reads on; "…'s Leaders' summit: roll recorded …" needs the colon.
    joint = " " if parts[0].startswith("recorded") else ": "
    return f"{where}: {_subject(campaign, recorded)}{joint}" + "; ".join(parts)
