"""`--set PATH=VALUE`: change any value of a campaign for one run, to see what each mechanism does.

A PATH is the campaign's own keys joined by dots. In a list of tables (`teams`, `moves`,
`channels`, …) the next part picks elements: an id (`channels.hotline.reliability`), `*` for every
element (`channels.*.reliability`), or a position counted from 0. VALUE is a TOML value (`0.5`,
`true`, `"open"`, `[]`, `{ credibility = 0.1 }`); a bare word that is not TOML is taken as text.
The changed campaign is checked like any other, so a value it cannot take is reported.
"""

from __future__ import annotations

import copy
import tomllib

import tomli_w

from ..problems import Problem, ProblemsFound
from .loader import LoadedCampaign, parse_campaign, parse_toml


class OverrideError(ValueError):
    """A --set that cannot be applied; the message names the setting and why."""


def parse_setting(setting: str) -> tuple[list[str], object]:
    """`a.b.c=VALUE` to its path and its value."""
    path, sep, raw = setting.partition("=")
    parts = path.strip().split(".")
    if not sep or not all(part.strip() for part in parts):
        raise OverrideError(f"--set {setting!r}: write PATH=VALUE, e.g. channels.*.reliability=0")
    try:
        value = tomllib.loads(f"value = {raw.strip()}")["value"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()  # a bare word such as hawk or open
    return [part.strip() for part in parts], value


def _elements(items: list, part: str, where: str) -> list:
    if part == "*":
        return items
    if part.lstrip("-").isdigit():
        index = int(part)
        if not 0 <= index < len(items):
            raise OverrideError(f"{where} has {len(items)} entries; there is no entry {index}")
        return [items[index]]
    found = [item for item in items if isinstance(item, dict) and item.get("id") == part]
    if not found:
        ids = [str(item.get("id")) for item in items if isinstance(item, dict) and "id" in item]
        known = ", ".join(ids) if ids else "none have ids"
        raise OverrideError(f"{where} has no entry with id {part!r} (known: {known})")
    return found


def _assign(node, parts: list[str], value, where: str) -> None:
    """Set `value` at `parts` under `node`, which `where` names for messages."""
    part, rest = parts[0], parts[1:]
    inner = f"{where}.{part}" if where else part
    if isinstance(node, list):
        for item in _elements(node, part, where):
            if rest:
                _assign(item, rest, value, inner)
            else:
                node[node.index(item)] = copy.deepcopy(value)
        return
    if not isinstance(node, dict):
        raise OverrideError(f"{where} is a value, not a table, so it has no key {part!r}")
    if not rest:
        node[part] = copy.deepcopy(value)
        return
    if part not in node:
        node[part] = {}  # a table the file leaves to its defaults, such as [rules]
    _assign(node[part], rest, value, inner)


def apply_settings(data: dict, settings: list[str]) -> dict:
    """A copy of the campaign's TOML data with every setting applied in order."""
    changed = copy.deepcopy(data)
    for setting in settings:
        parts, value = parse_setting(setting)
        try:
            _assign(changed, parts, value, "")
        except OverrideError as exc:
            raise OverrideError(f"--set {setting}: {exc}") from None
    return changed


def with_settings(loaded: LoadedCampaign, settings: list[str]) -> LoadedCampaign:
    """The campaign with `settings` applied and checked again; ProblemsFound names the setting at fault."""
    if not settings:
        return loaded
    try:
        data = apply_settings(parse_toml(loaded.path, loaded.source), settings)
    except OverrideError as exc:
        raise ProblemsFound([Problem(loaded.path, str(exc))]) from None
    changed = tomli_w.dumps(data)
    try:
        return parse_campaign(loaded.path, changed)
    except ProblemsFound as found:
        # The changed text is not the file: name the settings instead of lines nobody can open.
        what = " ".join(f"--set {s}" for s in settings)
        raise ProblemsFound(
            [Problem(p.path, f"after {what}: {p.message}", at=p.at, severity=p.severity) for p in found.problems]
        ) from None
