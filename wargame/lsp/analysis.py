"""What the editor asks of a campaign text: completions, definitions, references, hovers, renames and problems.

Plain functions of the text (and of the last version of it that validated), with no server in
them, so each is tested directly; `server.py` only turns their answers into the protocol's types.
Keys and their documentation come from `campaign.keys`, ids from the text as it is being typed.
"""

from __future__ import annotations

import functools
import typing

import attrs

from ..campaign import keys
from ..core import model
from .scan import Item, at_cursor, item_at, scan

ID_TABLES = {"teams": "team", "rungs": "rung", "moves": "move", "channels": "channel", "treaties": "treaty", "injects": "inject", "tracks": "track"}
"""The arrays of tables whose `id` defines an id of a kind: `[[rungs]] id = "standoff"` defines the rung standoff."""

BOOLEANS = ("true", "false")


@attrs.frozen
class Ref:
    """An id where the text defines it or uses it."""

    kind: str
    name: str
    item: Item
    definition: bool = False


@attrs.frozen
class Completion:
    label: str
    kind: str
    """"key", "id" or "word"."""
    detail: str = ""
    documentation: str = ""
    insert: str = ""
    """What to insert, when it is not the label (a quoted id after a bare `=`)."""


@attrs.frozen
class Diagnostic:
    line: int
    """0-based."""
    col: int
    end: int
    severity: str
    message: str


@attrs.frozen
class Edit:
    line: int
    start: int
    end: int
    text: str


def _is_table_of_ids(cls: type, key: str) -> bool:
    return typing.get_origin(keys._present(keys._hint(cls, key))) is dict


def _key_info(path: tuple[str, ...]) -> tuple[type, str, keys.Key] | None:
    found = keys.key_at(path)
    if found is None:
        return None
    cls, key = found
    return cls, key, keys.KEYS[cls][key]


def references(items: list[Item]) -> list[Ref]:
    """Every id the text defines or names, in the order written."""
    out: list[Ref] = []
    for item in items:
        if item.kind == "string":
            if len(item.path) == 2 and item.path[1] == "id" and item.path[0] in ID_TABLES:
                out.append(Ref(ID_TABLES[item.path[0]], item.text, item, definition=True))
            elif item.path == ("domains",):
                out.append(Ref("domain", item.text, item, definition=True))
            else:
                info = _key_info(item.path)
                if info and info[2].ids and not _is_table_of_ids(info[0], info[1]):
                    out.append(Ref(info[2].ids, item.text, item))
        elif item.kind == "key" and not item.header and len(item.path) >= 2:
            info = _key_info(item.path[:-1])
            if info and info[2].ids and _is_table_of_ids(info[0], info[1]):
                out.append(Ref(info[2].ids, item.text, item))
    return out


@functools.lru_cache(maxsize=4)
def scanned(text: str) -> list[Item]:
    """`scan(text)`, kept for the last few texts: one keystroke brings several requests on the same text."""
    return scan(text)


@functools.lru_cache(maxsize=4)
def refs_of(text: str) -> list[Ref]:
    """`references(scanned(text))`, kept likewise."""
    return references(scanned(text))


def known_ids(refs: list[Ref], kind: str) -> list[str]:
    """The ids of `kind` a value may name: those the text defines, and the built-in ones."""
    if kind == "category":
        return list(typing.get_args(model.Category))
    defined = [r.name for r in refs if r.kind == kind and r.definition and r.name]
    if kind == "track":
        defined = [*model.BUILTIN_TRACKS, *defined]
    return list(dict.fromkeys(defined))


def _ref_at(refs: list[Ref], line: int, col: int) -> Ref | None:
    for ref in refs:
        if ref.item.line == line and ref.item.start <= col <= ref.item.end:
            return ref
    return None


# ---- completion --------------------------------------------------------------------------------


def complete(text: str, line: int, col: int) -> list[Completion]:
    """What may be written at the cursor: a key of the table it is in, or an id or word where a value is expected."""
    found = at_cursor(text, line, col)
    if found is None:
        return []
    item, _typed = found
    if item.kind == "key":
        parent = item.path[:-1]
        cls = keys.table_class(parent)
        if cls is not None:
            return [
                Completion(key, "key", keys.type_words(cls, key), keys.markdown(cls, key))
                for key in keys.documented(cls)
            ]
        info = _key_info(parent)
        if info and info[2].ids and _is_table_of_ids(info[0], info[1]):
            refs = refs_of(text)
            return [Completion(name, "id", f"{info[2].ids} id") for name in known_ids(refs, info[2].ids)]
        return []
    info = _key_info(item.path)
    if info is None:
        return []
    cls, key, k = info
    quote = item.kind == "value"  # nothing typed yet after `=`, or a bare word: offer it quoted
    if k.ids and not _is_table_of_ids(cls, key):
        refs = refs_of(text)
        return [
            Completion(name, "id", f"{k.ids} id", insert=f'"{name}"' if quote else "")
            for name in known_ids(refs, k.ids)
        ]
    words = keys.choices(cls, key)
    if words:
        return [Completion(w, "word", key, insert=f'"{w}"' if quote else "") for w in words]
    if quote and keys.type_words(cls, key) == "boolean":
        return [Completion(w, "word", key) for w in BOOLEANS]
    return []


# ---- definitions, references, rename -----------------------------------------------------------


def definition(text: str, line: int, col: int) -> list[Item]:
    """Where the id under the cursor is defined (nothing for a built-in track or an unknown id)."""
    refs = refs_of(text)
    ref = _ref_at(refs, line, col)
    if ref is None:
        return []
    return [r.item for r in refs if r.definition and r.kind == ref.kind and r.name == ref.name]


def uses(text: str, line: int, col: int, include_definition: bool = True) -> list[Item]:
    """Every place the id under the cursor is written: its definition and each use."""
    refs = refs_of(text)
    ref = _ref_at(refs, line, col)
    if ref is None:
        return []
    return [r.item for r in refs if r.kind == ref.kind and r.name == ref.name and (include_definition or not r.definition)]


def rename(text: str, line: int, col: int, new_name: str) -> list[Edit] | str:
    """The edits that rename the id under the cursor everywhere, or why it cannot be renamed."""
    if not new_name or not all(c.isalnum() or c in "_-" for c in new_name):
        return f'"{new_name}" cannot be an id: use letters, digits, "_" and "-"'
    refs = refs_of(text)
    ref = _ref_at(refs, line, col)
    if ref is None:
        return "not an id: put the cursor on a team, rung, move, channel, treaty, inject, track or domain id"
    if ref.kind == "track" and ref.name in model.BUILTIN_TRACKS:
        return f'"{ref.name}" is a built-in track; it cannot be renamed'
    if any(r.definition and r.kind == ref.kind and r.name == new_name for r in refs):
        return f'a {ref.kind} "{new_name}" exists already'
    return [Edit(r.item.line, r.item.start, r.item.end, new_name) for r in refs if r.kind == ref.kind and r.name == ref.name]


# ---- hover -------------------------------------------------------------------------------------


def _find(items: tuple, ident: str):
    return next((x for x in items if x.id == ident), None)


def chance_formula(campaign: model.Campaign, move: model.Move) -> str:
    """A move's chance as a formula, with its terms worded as the adjudicator's explanations word them."""
    whose = {
        "self": "own {track}",
        "target": "the target's {track}",
        "target_allies": "the target's best ally's {track} (× its commitment)",
        "interop": "interoperability with the target",
        "team": "{team}'s {track}",
    }
    parts = [f"{move.success.base:g}"]
    for mod in move.success.modifiers:
        team = campaign.short_name_of.get(mod.team, mod.team) if mod.team else ""
        read = whose[mod.of].format(track=mod.track, team=team)
        sign = "−" if mod.weight < 0 else "+"
        parts.append(f"{sign} {abs(mod.weight):g} × ({read} − {mod.centre:g})")
    if move.category == "military" and move.target != "none" and any("basing" in t.provisions for t in campaign.treaties):
        parts.append("+ the basing bonus, against a non-member of a treaty with basing rights")
    return "chance = " + " ".join(parts) + ", clamped to 0–1"


def _start_chances(campaign: model.Campaign, move: model.Move, limit: int = 4) -> list[str]:
    """The move's chance on turn 1 for the first few teams that may make it, as the engine works it out."""
    from ..core import rules
    from ..core.narrative import percent
    from ..core.state import initial_state

    state = initial_state(campaign)
    out = []
    makers = [t for t in campaign.teams if not move.teams or t.id in move.teams]
    for team in makers:
        targets: list[str | None] = [None]
        if move.target in ("any", "ally", "rival"):
            allies = campaign.allies(team.id)
            candidates = [t.id for t in campaign.teams if t.id != team.id and (not move.targets or t.id in move.targets)]
            if move.target == "ally":
                candidates = [t for t in candidates if t in allies]
            elif move.target == "rival":
                candidates = [t for t in candidates if t not in allies and not campaign.team(t).neutral and not team.neutral]
            targets = candidates[:1]
        elif move.target == "dyad":
            continue
        for target in targets:
            chance, terms = rules.success_chance(campaign, state, team.id, move, target)
            against = f" against {campaign.short_name_of[target]}" if target else ""
            why = "; ".join(f"{t.label} {t.value:+g}" for t in terms)
            out.append(f"- {campaign.short_name_of[team.id]}{against}: {percent(chance)}" + (f" ({why})" if why else ""))
        if len(out) >= limit:
            break
    return out


def describe_id(campaign: model.Campaign | None, kind: str, name: str) -> str:
    """What an id names, in a line or two, from the last version of the campaign that validated."""
    if campaign is None:
        return f"{kind} `{name}`"
    if kind == "team" and (t := _find(campaign.teams, name)):
        return f"team `{name}`: **{t.name}**" + (" (neutral)" if t.neutral else "")
    if kind == "rung" and (r := _find(campaign.rungs, name)):
        marks = [w for w, on in (("firebreak", r.firebreak), ("terminal", r.terminal)) if on]
        return f"rung {campaign.rung_index(name)} `{name}`: **{r.name}**, band {r.band}" + (f" ({', '.join(marks)})" if marks else "")
    if kind == "move" and (mv := _find(campaign.moves, name)):
        lines = [f"move `{name}`: **{mv.name}** ({mv.category}, cost {mv.cost}, target {mv.target})", "", chance_formula(campaign, mv)]
        try:
            start = _start_chances(campaign, mv)
        except Exception:  # a campaign the engine cannot start from: the formula is still right
            start = []
        if start:
            lines += ["", "On turn 1:", *start]
        return "\n".join(lines)
    if kind == "channel" and (ch := _find(campaign.channels, name)):
        return f"channel `{name}`: **{ch.name}** ({ch.kind}, {ch.status}) between {', '.join(ch.members)}"
    if kind == "treaty" and (tr := _find(campaign.treaties, name)):
        return f"treaty `{name}`: **{tr.name}**, members {', '.join(tr.members)}"
    if kind == "inject" and (inj := _find(campaign.injects, name)):
        return f"inject `{name}`: **{inj.name}**"
    if kind == "track":
        if name in model.BUILTIN_TRACKS:
            return f"track `{name}`: built in, every team has it"
        if tr2 := _find(campaign.tracks, name):
            return f"track `{name}`: **{tr2.name}**, {tr2.min:g}–{tr2.max:g}"
    return f"{kind} `{name}`"


def hover(text: str, line: int, col: int, campaign: model.Campaign | None = None) -> tuple[Item, str] | None:
    """The documentation of the key under the cursor, or what the id under it names (a move: its chance)."""
    item = item_at(scanned(text), line, col)
    if item is None:
        return None
    refs = refs_of(text)
    ref = _ref_at(refs, line, col)
    parts = []
    if ref is not None:
        parts.append(describe_id(campaign, ref.kind, ref.name))
    if item.kind == "key":
        info = _key_info(item.path)
        if info is not None:
            parts.append(keys.markdown(info[0], info[1]))
    elif ref is None or not ref.definition:
        info = _key_info(item.path)
        if info is not None:
            parts.append(keys.markdown(info[0], info[1]))
    if ref is not None and ref.definition and ref.kind == "move" and campaign is None:
        parts.append("(the chance is shown once the campaign validates)")
    return (item, "\n\n---\n\n".join(parts)) if parts else None


# ---- problems ----------------------------------------------------------------------------------


def readable_campaign(text: str) -> model.Campaign | None:
    """The campaign as written, when its TOML parses and its tables have the model's shape, checked or not.

    A hover on a move wants its chance while a rung id elsewhere is still misspelt: the formula
    needs only the move, and the chances on turn 1 are worked out only when the engine can start.
    """
    import tomllib

    from ..converter import converter

    try:
        return converter.structure(tomllib.loads(text), model.Campaign)
    except Exception:  # not TOML yet, or not a campaign's shape: no campaign to read
        return None


CAMPAIGN_MARKS = ("campaign.schema.json", "[[teams]]", "[[rungs]]", "[[moves]]")
"""What marks a TOML text as a campaign: editors start the server for every TOML file (pyproject.toml too)."""


def looks_like_campaign(text: str) -> bool:
    return any(mark in text for mark in CAMPAIGN_MARKS)


def problems(path: str, text: str) -> tuple[list[Diagnostic], model.Campaign | None]:
    """`wargame validate`'s errors and design warnings, placed; and the campaign when it validates."""
    from ..campaign.loader import parse_campaign
    from ..problems import ProblemsFound

    if not looks_like_campaign(text):
        return [], None  # another TOML file, such as pyproject.toml: not ours to judge
    lines = text.split("\n")

    def placed(p) -> Diagnostic:
        line = (p.line or 1) - 1
        line = min(max(line, 0), max(len(lines) - 1, 0))
        col = max((p.col or 1) - 1, 0)
        width = len(lines[line]) if lines else 0
        name = p.at.rsplit(".", 1)[-1].split("[")[0] if p.at else ""
        if p.line and p.col in (None, 1) and name and (found := lines[line].find(name)) > 0:
            col = found  # the checks place a problem on its line; the key on that line is what to underline
        where = f"at {p.at}: " if p.at else ""
        return Diagnostic(line, min(col, width), max(width, col + 1), p.severity, where + p.message)

    try:
        loaded = parse_campaign(path, text)
    except ProblemsFound as found:
        return [placed(p) for p in found.problems], None
    return [placed(w) for w in loaded.warnings], loaded.campaign
