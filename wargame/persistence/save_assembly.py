"""A save's text assembled from kept pieces: each committed turn is serialised once, not at every write.

A running game journals after every team's orders and after every commit, and each write used to
unstructure, checksum and render the whole game again. A committed turn never changes, so
`SaveAssembler` keeps, per turn record, its unstructured form, its `[[turns]]` TOML text and its
canonical JSON (the part of the checksum it contributes), and builds the file around them. The text
is byte for byte what `saves.dumps` writes: it follows the two rules below and renders each piece
by a copy of tomli_w's rules, and tests/unit/test_save_writing_speed.py compares the two on every
shipped save and fixture, a 200-turn game and generated games.

TOML (tomli_w, `multiline_strings=True`): a table's plain values come first, in key order, one line
each; then each sub-table, array of tables included, in key order, each preceded by a blank line.
Rendering one key alone gives exactly its line or its block, so the whole is put together from the
keys rendered one by one. The JSON of the checksum sorts keys, so it is put together the same way.
"""

from __future__ import annotations

import hashlib
import json
import re

import attrs
import tomli_w

from ..converter import converter
from ..core.orders import TurnRecord
from .saves import SaveFile, dumps

_TURNS = "turns"
_FIELD_ORDER = tuple(a.name for a in attrs.fields(SaveFile))


def _json(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _toml(key: str, value) -> str:
    """`key` alone as tomli_w writes it: a line `key = ...` or a block starting with `[`."""
    try:
        return "".join(_table_chunks({key: value}, name=""))
    except _NotPlain:
        return tomli_w.dumps({key: value}, multiline_strings=True)


# tomli_w's writer (1.x, with `multiline_strings=True` and its default indent of 4), step for step,
# except that strings are escaped by `str.replace` and one regular expression where tomli_w looks at
# one character at a time in Python (the campaign's source alone took 2-3 ms). Values other than
# the ones a save holds (dates, decimals) are left to tomli_w itself.
_INDENT = "    "
_MAX_LINE_LENGTH = 100
_BARE_KEY_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def _control_escape(match: re.Match) -> str:
    c = match.group()
    return _COMPACT.get(c) or "\\u" + hex(ord(c))[2:].rjust(4, "0")


class _NotPlain(Exception):
    """A value this copy of the writer does not render; tomli_w renders it."""


def _string(s: str, multiline: bool) -> str:
    # Backslashes first, so that the ones the other escapes add are not doubled; control
    # characters are rare, so the expression is only a search in most strings.
    s = s.replace("\\", "\\\\").replace('"', '\\"')
    if multiline and "\n" in s:
        s = s.replace("\r\n", "\n")
        return '"""\n' + (_CONTROL_BUT_NEWLINE.sub(_control_escape, s) if _CONTROL_BUT_NEWLINE.search(s) else s) + '"""'
    return '"' + (_CONTROL.sub(_control_escape, s) if _CONTROL.search(s) else s) + '"'


def _key(part: str) -> str:
    if part and _BARE_KEY_CHARS.issuperset(part):
        return part
    return _string(part, multiline=False)


def _literal(value, nest_level: int = 0) -> str:
    kind = type(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return str(value)
    if kind is str:
        return _string(value, multiline=True)
    if kind is list or kind is tuple:
        if not value:
            return "[]"
        inner = _INDENT * (1 + nest_level)
        items = ",\n".join(inner + _literal(item, nest_level + 1) for item in value)
        return f"[\n{items},\n{_INDENT * nest_level}]"
    if kind is dict:
        return _inline_table(value)
    raise _NotPlain(kind)


def _inline_table(table: dict) -> str:
    if not table:
        return "{}"
    return "{ " + ", ".join(f"{_key(k)} = {_literal(v)}" for k, v in table.items()) + " }"


def _is_array_of_tables(value) -> bool:
    return type(value) in (list, tuple) and bool(value) and all(type(v) is dict for v in value)


def _fits_inline(table: dict) -> bool:
    rendered = f"{_INDENT}{_inline_table(table)},"
    return len(rendered) <= _MAX_LINE_LENGTH and "\n" not in rendered


def _table_chunks(table: dict, name: str, inside_array: bool = False):
    yielded = False
    literals, tables = [], []
    for k, v in table.items():
        if type(v) is dict:
            tables.append((k, v, False))
        elif _is_array_of_tables(v) and not all(_fits_inline(t) for t in v):
            tables.extend((k, t, True) for t in v)
        else:
            literals.append((k, v))
    if inside_array or name and (literals or not tables):
        yielded = True
        yield f"[[{name}]]\n" if inside_array else f"[{name}]\n"
    if literals:
        yielded = True
        for k, v in literals:
            yield f"{_key(k)} = {_literal(v)}\n"
    for k, v, in_array in tables:
        if yielded:
            yield "\n"
        else:
            yielded = True
        part = _key(k)
        yield from _table_chunks(v, name=f"{name}.{part}" if name else part, inside_array=in_array)


@attrs.define
class _TurnPieces:
    record: TurnRecord
    """Kept so that the record's id, the key of the cache, cannot be reused by another object."""
    data: dict
    toml_alone: str
    """`turns = [this turn]` as tomli_w writes it: a `[[turns]]` block unless the turn fits inline."""
    json: str


class SaveAssembler:
    """Writes saves of one game, keeping the pieces of its committed turns between writes."""

    def __init__(self) -> None:
        self._turns: dict[int, _TurnPieces] = {}
        self._lines: dict[str, tuple[object, str, str]] = {}
        """Other keys' text when their value is a string or a whole number (the campaign's source
        above all, tens of kilobytes, the same at every write): value, TOML, JSON."""

    def text(self, save: SaveFile) -> str:
        """The save's file text, equal to `saves.dumps(save)`."""
        rest = converter.unstructure(attrs.evolve(save, turns=()), SaveFile)
        pieces = [self._pieces(record) for record in save.turns]
        self._turns = {id(p.record): p for p in pieces}  # only this game's current turns stay kept
        data: dict = {}
        for name in _FIELD_ORDER:
            if name == _TURNS and pieces:
                data[_TURNS] = [p.data for p in pieces]
            elif name in rest:
                data[name] = rest[name]
        if len(data) != len(rest) + bool(pieces):  # a key the converter renamed: written whole, as before
            return dumps(save)

        json_parts = []
        for key in sorted(data):
            value_json = self._turns_json(pieces) if key == _TURNS else self._rendered(key, data[key])[1]
            json_parts.append(f"{_json(key)}:{value_json}")
        canonical = "{" + ",".join(json_parts) + "}"
        data["checksum"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()

        lines, blocks = [], []
        for key, value in data.items():
            toml = self._turns_toml(pieces, value) if key == _TURNS else self._rendered(key, value)[0]
            (blocks if toml.startswith("[") else lines).append(toml)
        return "".join(lines) + "".join("\n" + block for block in blocks)

    def _pieces(self, record: TurnRecord) -> _TurnPieces:
        kept = self._turns.get(id(record))
        if kept is not None and kept.record is record:
            return kept
        data = converter.unstructure(record, TurnRecord)
        return _TurnPieces(record, data, _toml(_TURNS, [data]), _json(data))

    @staticmethod
    def _turns_json(pieces: list[_TurnPieces]) -> str:
        return "[" + ",".join(p.json for p in pieces) + "]"

    @staticmethod
    def _turns_toml(pieces: list[_TurnPieces], value: list) -> str:
        if all(p.toml_alone.startswith("[") for p in pieces):
            # No turn fits on a line, so tomli_w writes each as a table, blank lines between.
            return "\n".join(p.toml_alone for p in pieces)
        return _toml(_TURNS, value)  # a turn that fits on a line: the whole array decides how all are written

    def _rendered(self, key: str, value) -> tuple[str, str]:
        kept = self._lines.get(key)
        if kept is not None and type(kept[0]) is type(value) and kept[0] == value:
            return kept[1], kept[2]
        toml, value_json = _toml(key, value), _json(value)
        # Only strings and whole numbers: equal tables may still differ in how they are written
        # (0.0 and -0.0, 1 and 1.0), and the small ones cost little to render again.
        if type(value) in (str, int):
            self._lines[key] = (value, toml, value_json)
        return toml, value_json
