"""Parsed TOML to the campaign model: every structural problem in plain words, and a repaired copy.

The converter stops a file at its first wrong shape, and the checks of ids, references and ranges
need a model. So that one unknown key does not hide a negative cost elsewhere, `repaired` drops
what cannot be read (unknown keys, wrong values of keys that have a default) and fills required
values with a neutral stand-in; the checks then run on that copy, and their findings at the places
already reported are left out. Only a missing or unreadable `id` stops them: every reference
would then be reported as unknown, which is noise, not help.
"""

from __future__ import annotations

import copy
import datetime
import re
import types
import typing

import attrs

from ..core.model import Campaign
from .syntax import Statement

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

# How each table of the model is called in a message.
TABLE_WORDS = {
    "Campaign": "the top level of the file",
    "Team": "a team",
    "Objective": "an objective",
    "Condition": "a condition",
    "Doctrine": "a doctrine",
    "Rung": "a rung",
    "Move": "a move",
    "Requirements": "a move's requires",
    "TrackRequirement": "a track requirement",
    "Success": "a move's success",
    "Modifier": "a success modifier",
    "Effects": "a move's effects",
    "Spill": "a spill",
    "Channel": "a channel",
    "Treaty": "a treaty",
    "Trigger": "a treaty's trigger",
    "Obligation": "a treaty's obligation",
    "BurdenSharing": "a treaty's burden_sharing",
    "Inject": "an inject",
    "InjectEffects": "an inject's effects",
    "TrackDelta": "an inject's track change",
    "DyadShift": "an inject's escalation",
    "Rules": "[rules]",
    "TrackDef": "a track",
    "DyadStart": "a dyad",
    "Interoperability": "an interoperability entry",
}


def steps(place: str) -> list[str | int]:
    """`teams[1].tracks.cohesion` as ["teams", 1, "tracks", "cohesion"]."""
    return [int(m[2]) if m[2] is not None else m[1] for m in _STEP.finditer(place)]


def _inner(t):
    """The type inside `X | None` or `tuple[X, ...]`; other types as they are."""
    origin = typing.get_origin(t)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in typing.get_args(t) if a is not type(None)]
        return present[0] if len(present) == 1 else t
    return t


def _field(cls, name: str):
    if not attrs.has(cls):
        return None
    return next((a for a in attrs.fields(cls) if a.name == name), None)


def walk(place: str):
    """(class, field) pairs along `place`: each table's model class and the field read in it."""
    out = []
    cls = Campaign
    for step in steps(place):
        if isinstance(step, int):
            continue
        field = _field(cls, step) if isinstance(cls, type) else None
        out.append((cls, field, step))
        if field is None:
            break
        t = _inner(field.type)
        if typing.get_origin(t) is tuple:
            t = _inner(typing.get_args(t)[0])
        cls = t
    return out


def _value_at(data, place: str):
    value = data
    for step in steps(place):
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def statement_at(found: list[Statement], place: str) -> Statement | None:
    """The statement that writes `place` (a key line or a header), when the text has one."""
    path = tuple(steps(place))
    return next((s for s in found if s.path == path), None)


def _keys_of(cls) -> list[str]:
    return [a.name for a in attrs.fields(cls)]


def explain(place: str, message: str, data, found: list[Statement]) -> str:
    """A structuring problem at `place` in words an author can act on."""
    if message == "unknown key; check its spelling":  # the converter's words for a key it does not know
        return _unknown_key(place, found)
    value = _value_at(data, place)
    if isinstance(value, (datetime.date, datetime.time)) and ", got " in message:
        expected = message.split(", got ")[0]
        written = value.isoformat()
        s = statement_at(found, place)
        if s is not None and "=" in s.text:
            written = s.text.split("=", 1)[1].strip()
        return f'{expected}, got the date {written}: TOML reads an unquoted date as a date; if it is text, put it in quotes ("{written}")'
    choice = re.match(r'expected one of (.*), got "(.*)"$', message)
    if choice:
        import difflib  # loaded only when a message needs a suggestion

        allowed = re.findall(r'"([^"]*)"', choice[1])
        close = difflib.get_close_matches(choice[2], allowed, n=1, cutoff=0.6)
        if close:
            return f'{message}; did you mean "{close[0]}"?'
    return message


def _unknown_key(place: str, found: list[Statement]) -> str:
    path = walk(place)
    cls, _, key = path[-1]
    table = TABLE_WORDS.get(getattr(cls, "__name__", ""), "this table")
    # A key of an enclosing table, written after a sub-table's header, lands in the sub-table.
    for outer, _, _ in reversed(path[:-1]):
        if _field(outer, key) is not None:
            s = statement_at(found, place)
            owner = TABLE_WORDS.get(outer.__name__, outer.__name__)
            said = f'"{key}" is a key of {owner}, not of {table}'
            if s is None:  # inside an inline table { … }, which the scanner does not read
                return f"{said}: write it outside the braces {{ … }}"
            if s.header is not None and s.header.path == tuple(steps(place))[:-1]:
                header = s.header
                where = "to the top of the file, before the first header" if outer is Campaign else f"above {header.text}"
                return (
                    f"{said}: it comes after the header {header.text} (line {header.line}), and in TOML every "
                    f"key after a header belongs to that header's table until the next header; move it {where}"
                )
            written = s.text.split("=", 1)[0].strip()
            return f"{said}: write {key} = …, not {written} = …"
    import difflib  # loaded only when a message needs a suggestion

    keys = _keys_of(cls) if attrs.has(cls) else []
    close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    return f'unknown key "{key}"; {hint}{table} takes: {", ".join(keys)}' if keys else f'unknown key "{key}"'


_STAND_INS = {str: "", int: 0, float: 0.0, bool: False}


def _stand_in(t):
    """A neutral value of type `t` that the converter accepts, or None when there is none."""
    t = _inner(t)
    if t in _STAND_INS:
        return _STAND_INS[t]
    origin = typing.get_origin(t)
    if origin is tuple:
        return []
    if origin is dict:
        return {}
    if origin is typing.Literal:
        return typing.get_args(t)[0]
    if attrs.has(t):
        return {}
    return None


def repaired(data: dict, problems: list[tuple[str, str]]) -> tuple[dict, list[str]]:
    """A copy of `data` with each problem place dropped or stood in for; and the places that block the checks.

    A blocking place is an `id` (or the whole file) that cannot be read: see the module docstring.
    """
    fixed = copy.deepcopy(data)
    blocking = []
    for place, _message in problems:
        path = steps(place)
        if not path:
            blocking.append(place)
            continue
        parent = fixed
        for step in path[:-1]:
            try:
                parent = parent[step]
            except (KeyError, IndexError, TypeError):
                parent = None
                break
        last = path[-1]
        if parent is None:
            continue
        walked = walk(place)
        cls, field, name = walked[-1] if walked else (None, None, None)
        if isinstance(last, int):
            # An item of an array: keep its place (later indices must not shift) with a stand-in.
            owner_cls, owner_field, _ = walked[-1]
            item_type = typing.get_args(_inner(owner_field.type))[0] if owner_field is not None else None
            stand_in = _stand_in(item_type) if item_type is not None else None
            if stand_in is None or not isinstance(parent, list) or last >= len(parent):
                blocking.append(place)
                continue
            parent[last] = stand_in
            continue
        if not isinstance(parent, dict):
            blocking.append(place)
            continue
        if field is None or field.default is not attrs.NOTHING or cls is None:
            parent.pop(last, None)  # an unknown key, or a key with a default: the default stands
            continue
        if name == "id":
            blocking.append(place)
            continue
        stand_in = _stand_in(field.type)
        if stand_in is None:
            blocking.append(place)
            continue
        parent[last] = stand_in
    return fixed, blocking
