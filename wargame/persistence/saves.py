"""Save files: a whole game in readable TOML with a checksum, written atomically with backups.

Reading a save checks, in order: size, TOML, that it is a wargame save, its checksum, its format
(older formats are migrated, see MIGRATIONS below), counts, types, the embedded campaign, and that
its turns rebuild a game. When a save is refused and one of its backups (`SAVE.bak1` newest ..
`SAVE.bak3`) loads, the refusal names that backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import tomli_w

from .. import __version__
from ..campaign.loader import MAX_BYTES, LoadedCampaign, parse_campaign, parse_toml, read_toml_text
from ..converter import converter, structure_problems
from ..core.bots import PERSONAS
from ..core.orders import Intervention, TeamOrders, TurnRecord
from ..core.state import apply_all, initial_state
from ..problems import Problem, ProblemsFound

if TYPE_CHECKING:
    from .save_assembly import SaveAssembler

FORMAT_VERSION = 5
BACKUPS = 3

# Limits on what a save may hold. A campaign lasts at most 200 turns and has at most 12 teams; a
# long game of a big campaign writes about 30 kB a turn, so these leave room for any real game
# while refusing files built to exhaust memory or time.
MAX_SAVE_BYTES = 16_000_000
MAX_TURNS = 500
MAX_ORDERS = 64
"""Orders one team gives in one turn: moves, free-form moves, messages and answers together."""
MAX_EVENTS = 1000
"""Events one turn produces."""
MAX_INTERVENTIONS = 64
"""Facilitator interventions in one turn."""
MAX_ANNOTATIONS = 1000
"""The white cell's notes in one save."""
MAX_ANNOTATION_CHARS = 2000
"""The longest note: a paragraph of what the room said."""
_ORDER_KINDS = ("moves", "freeform", "messages", "responses", "votes", "declarations", "counters")


@attrs.frozen
class Parent:
    """The game a fork continues: which save, which version of it, and the first turn played anew."""

    save: str
    """The parent's file name, as it was given when forking."""
    checksum: str
    """The parent save's checksum as written in it: the version of the parent this game forked from."""
    turn: int
    """The first turn this game played anew; turns before it are the parent's."""


@attrs.frozen
class Settings:
    """How this game was set up: turn limit, who plays each team, the facilitator's passphrase hash."""

    turns: int
    bots: dict[str, str] = attrs.Factory(dict)
    humans: tuple[str, ...] = ()
    passphrase: str = ""
    forked_from: str = ""
    join_codes: dict[str, str] = attrs.Factory(dict)
    """For `wargame host`: each human team's join code as a salted hash (see wargame/net/codes.py),
    never the code itself; a resumed host checks the codes the teams still hold against these."""
    show_odds: str = ""
    """What teams are shown of chances in this game ("exact", "words", "hidden"), set at setup or
    with --show-odds; "": as the campaign's `rules.show_odds` says."""
    parent: Parent | None = None
    """For a fork (`Play from here`, `wargame run --from`): the game it continues. Optional, so
    saves made before forks recorded it load unchanged."""


@attrs.frozen
class Annotation:
    """The white cell's note on a turn, or on one event of it (`event`: its number in the turn, from 1;
    0: the whole turn). Kept beside the record, never read by the rules, so `replay --verify` is the same
    with or without it. `shared`: the teams' reports show it too (else only the white cell's)."""

    turn: int
    text: str
    event: int = 0
    shared: bool = False


@attrs.frozen
class SaveFile:
    """Everything needed to replay a game exactly, and the turn in progress."""

    format_version: int
    engine_version: str
    campaign_path: str
    campaign_sha256: str
    campaign_source: str
    seed: int
    settings: Settings
    turns: tuple[TurnRecord, ...] = ()
    pending: tuple[TeamOrders, ...] = ()
    pending_interventions: tuple[Intervention, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    """The white cell's notes (see Annotation); optional, so a save without them loads as before."""


@attrs.frozen
class LoadedSave:
    """A save that passed its checks, with its campaign parsed."""

    path: str
    save: SaveFile
    campaign: LoadedCampaign
    checksum: str = ""
    """The checksum written in the file: it names this version of the game (a fork records its parent's)."""


def checksum(data: dict) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def dumps(save: SaveFile) -> str:
    data = converter.unstructure(save, SaveFile)
    data["checksum"] = checksum(data)
    return tomli_w.dumps(data, multiline_strings=True)


def _replace_with_copy(source: Path, target: Path) -> None:
    """Make `target` a copy of `source` in one atomic step: a hard link (or, where links are not
    allowed, a copy) under a temporary name, then a rename over `target`."""
    temp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
    try:
        try:
            os.link(source, temp)
        except OSError:  # file systems without hard links (FAT, some network shares)
            import shutil

            shutil.copyfile(source, temp)
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def atomic_write(path: str | os.PathLike, text: str, backups: int = BACKUPS) -> None:
    """Write `text` so that a crash at any moment leaves the old file or the new one, never a torn
    one and never none. The backups shift first (`.bak2` to `.bak3`, `.bak1` to `.bak2`, the file to
    `.bak1`), each by an atomic copy, so that every backup that existed still exists at every moment."""
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(21, "is a folder; give a file name", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if backups and target.exists():
            for n in range(backups, 1, -1):
                older = target.with_name(f"{target.name}.bak{n - 1}")
                if older.exists():
                    _replace_with_copy(older, target.with_name(f"{target.name}.bak{n}"))
            _replace_with_copy(target, target.with_name(f"{target.name}.bak1"))
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(target.parent, os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_save(path: str | os.PathLike, save: SaveFile, rotate: bool = True, assembler: SaveAssembler | None = None) -> None:
    """Write a save; `rotate` keeps the previous version as a backup (done once per turn, so that
    journalling each team's orders does not push good turns out of the backups). A game that writes
    again and again passes its `assembler`, which keeps its committed turns' text between writes."""
    text = assembler.text(save) if assembler is not None else dumps(save)
    atomic_write(path, text, backups=BACKUPS if rotate else 0)


MigrationStep = Callable[[dict], dict]
"""Raw data of a save in format N (as parsed from TOML, `checksum` removed) -> the same game in
format N+1, with `format_version` set to N+1. A step works on plain dicts and lists only (the attrs
classes describe the newest format, not N), returns new data rather than editing its argument, reads
no files and no clock, and raises KeyError, TypeError or ValueError when the data is not format N."""

_SECRET_EFFECTS = ("track_changed", "escalation_changed", "interop_changed", "channel_changed")


def _v1_to_v2(data: dict) -> dict:
    """Format 2 keeps the truth in the events: a secret move's effects name the move and the team
    (format 1 wrote "an undisclosed action") and say who knew (`secret`, `known_by`; an escalation's
    `by`), and a fired inject keeps the facilitator's reason apart from its cause.

    A secret effect's move is the `move_resolved` just before it in the same turn: the adjudicator
    emits a move's effects right after its outcome.
    """
    import tomllib

    source = tomllib.loads(data["campaign_source"])
    names = {t["id"]: t["name"] for t in source.get("teams", [])}
    turns = []
    for turn in data.get("turns", []):
        events, move = [], None
        for e in turn.get("events", []):
            e = dict(e)
            kind = e.get("kind")
            if kind == "move_resolved":
                move = e
            elif kind in _SECRET_EFFECTS and e.get("cause") == "an undisclosed action":
                if move is None:
                    raise ValueError(f"turn {turn.get('number')}: a secret effect with no move before it")
                team = move["team"]
                e["cause"] = f"{move['name']} ({names[team]})"
                e["secret"] = True
                e["known_by"] = [team]
                if kind == "escalation_changed":
                    e["by"] = team
            elif kind == "inject_fired" and e.get("cause", "").startswith("fired by the facilitator: "):
                e["reason"] = e["cause"].removeprefix("fired by the facilitator: ")
                e["cause"] = "fired by the facilitator"
            events.append(e)
        turns.append({**turn, "events": events})
    return {**data, "turns": turns, "format_version": 2}


def _v2_to_v3(data: dict) -> dict:
    """Format 3 (engine 0.3.0) adds to what a turn may record: an incident's containment and leak
    (new keys of `accident_rolled`) and a step down that came to nothing (`step_down_voided`). A
    format-2 save has neither and means the same: only the version changes. Its campaign plays
    by the first engine's rules, since it has none of the new keys (see docs/campaign-format.md)."""
    return {**data, "format_version": 3}


def _v3_to_v4(data: dict) -> dict:
    """Format 4 (engine 0.4.0) adds to what a game may record: orders that declare red lines
    (`declarations`), vote on alliance decisions (`votes`) or act on another pair's dyad
    (`dyad_with`); free-form rulings with odds and effects and the white cell's powers (new
    intervention kinds and fields, `settings.show_odds`); and events for beliefs, red lines, alliance
    decisions, restraint, per-commitment credibility, neutrality, spill-over and the game's length.
    Every new key is optional and a format-3 save uses none of them, so it means the same: only the
    version changes. Its campaign keeps its rules, since it has none of the new campaign keys."""
    return {**data, "format_version": 4}


def _v4_to_v5(data: dict) -> dict:
    """Format 5 (engine 0.5.0) adds to what a game may record: counter-arguments and votes in the
    argument round (orders' `counters`; `freeform_resolved.counters` and `voted`), the players' why
    (`rationale` on moves, votes and declarations), the white cell's notes (`annotations`, kept
    beside the record) and a fork's parent (`settings.parent`). Every new key is optional and a
    format-4 save uses none of them, so it means the same: only the version changes. Engine 0.5.0's
    bots read uncertainty by persona; a format-4 save still re-adjudicates, since it records every
    team's orders and the bots are asked only for turns not yet played."""
    return {**data, "format_version": 5}


MIGRATIONS: dict[int, MigrationStep] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5}
"""The chain of steps: MIGRATIONS[N] turns format N into N+1; `migrate` runs them in order.

Format 2 (engine 0.2.0) keeps every cause true in the events (see `_v1_to_v2`); format 3 (engine
0.3.0) records incidents' containment and leaks and void step-downs (see `_v2_to_v3`); format 4 (engine
0.4.0) records beliefs, red lines, alliance decisions, mediation, spill-over and matrix rulings (see
`_v3_to_v4`); format 5 (engine 0.5.0) records the argument round, rationales, notes and a fork's
parent (see `_v4_to_v5`). To change the format:

1. Before changing anything, keep a fixture of the current format N: play a short game and copy it,
   e.g. `wargame run campaigns/tutorial.toml --bot random --seed 1 --turns 3 --save
   tests/data/saves/vN.toml`. tests/unit/test_formats.py loads and verifies every fixture there.
2. Change the attrs classes, set FORMAT_VERSION = N + 1, and add
   `def _vN_to_vN1(data: dict) -> dict` here, registered as `MIGRATIONS[N] = _vN_to_vN1`.
3. The checksum is checked on the data as written, before migrating; a format that changes how
   the checksum is computed must keep accepting the old computation for the old versions.
4. Once the game goes on, the next write stores format N + 1; the old file becomes `.bak1`.
"""


class MigrationError(RuntimeError):
    """A migration step broke its contract: a bug in wargame, not in the user's file."""


class SaveRefused(ProblemsFound):
    """A save that cannot be used; `backup` is the newest of its backups that loads (or None), at `turn`."""

    def __init__(self, problems: list[Problem], backup: str | None = None, turn: str = ""):
        super().__init__(problems)
        self.backup = backup
        self.turn = turn


def migrate(path: str, data: dict) -> dict:
    """Raw save data of any known format -> the current format, running MIGRATIONS in order."""
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProblemsFound([Problem(path, "is not a wargame save (format_version is not a whole number)", at="format_version")])
    if version > FORMAT_VERSION:
        raise ProblemsFound(
            [Problem(path, f"was written by a newer wargame (format {version}; this one reads up to {FORMAT_VERSION}); upgrade wargame to open it")]
        )
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ProblemsFound([Problem(path, f"format {version} is too old to read (this wargame reads formats {min(MIGRATIONS, default=FORMAT_VERSION)} to {FORMAT_VERSION})")])
        try:
            data = step(data)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
            raise ProblemsFound(
                [Problem(path, f"cannot be upgraded from format {version} to {version + 1}: {type(exc).__name__}: {exc}")]
            ) from None
        got = data.get("format_version") if isinstance(data, dict) else None
        if got != version + 1:
            raise MigrationError(f"the step from format {version} returned format {got!r}, not {version + 1}")
        version = got
    return data


def _count_problems(path: str, data: dict) -> list[Problem]:
    """Counts beyond the limits, checked on the raw data before it is structured."""
    out: list[Problem] = []

    def bad(at: str, message: str) -> None:
        out.append(Problem(path, message, at=at))

    def team_orders(at: str, orders) -> None:
        if not isinstance(orders, list):
            return
        if len(orders) > MAX_ORDERS:
            bad(at, f"has {len(orders):,} entries; a turn holds orders from at most {MAX_ORDERS} teams")
            return
        for j, team in enumerate(orders):
            if isinstance(team, dict):
                count = sum(len(v) for k in _ORDER_KINDS if isinstance(v := team.get(k), list))
                if count > MAX_ORDERS:
                    bad(f"{at}[{j}]", f"has {count:,} orders; a team gives at most {MAX_ORDERS} in a turn")

    def interventions(at: str, items) -> None:
        if isinstance(items, list) and len(items) > MAX_INTERVENTIONS:
            bad(at, f"has {len(items):,} interventions; a turn holds at most {MAX_INTERVENTIONS}")

    source = data.get("campaign_source")
    if isinstance(source, str) and len(source.encode("utf-8", "replace")) > MAX_BYTES:
        bad("campaign_source", f"is larger than {MAX_BYTES:,} bytes, the limit for a campaign")
    turns = data.get("turns")
    if isinstance(turns, list):
        if len(turns) > MAX_TURNS:
            bad("turns", f"has {len(turns):,} turns; a save holds at most {MAX_TURNS}")
            return out
        for i, turn in enumerate(turns):
            if not isinstance(turn, dict):
                continue
            team_orders(f"turns[{i}].orders", turn.get("orders"))
            interventions(f"turns[{i}].interventions", turn.get("interventions"))
            events = turn.get("events")
            if isinstance(events, list) and len(events) > MAX_EVENTS:
                bad(f"turns[{i}].events", f"has {len(events):,} events; a turn holds at most {MAX_EVENTS}")
    notes = data.get("annotations")
    if isinstance(notes, list) and len(notes) > MAX_ANNOTATIONS:
        bad("annotations", f"has {len(notes):,} notes; a save holds at most {MAX_ANNOTATIONS}")
    team_orders("pending", data.get("pending"))
    interventions("pending_interventions", data.get("pending_interventions"))
    return out


def _game_problems(path: str, save: SaveFile, loaded: LoadedCampaign) -> list[Problem]:
    """What a well-typed save may still get wrong: teams, personas and turns its campaign does not have,
    and events that cannot be applied. (Whether the events are the ones the orders produce is for
    `wargame replay --verify`.)"""
    out: list[Problem] = []
    c = loaded.campaign
    teams = {t.id for t in c.teams}

    def bad(at: str, message: str) -> None:
        out.append(Problem(path, message, at=at))

    def known(at: str, team: str) -> None:
        if team not in teams:
            bad(at, f'no team "{team}" in the campaign (teams: {", ".join(sorted(teams))})')

    settings = save.settings
    if not 1 <= settings.turns <= c.turns:
        bad("settings.turns", f"must be between 1 and {c.turns} for this campaign, got {settings.turns}")
    for team, persona in settings.bots.items():
        known(f"settings.bots.{team}", team)
        if persona not in PERSONAS:
            bad(f"settings.bots.{team}", f'no bot persona "{persona}" (personas: {", ".join(PERSONAS)})')
    for k, team in enumerate(settings.humans):
        known(f"settings.humans[{k}]", team)
    for team in settings.join_codes:
        known(f"settings.join_codes.{team}", team)
    if settings.show_odds not in ("", "exact", "words", "hidden"):
        bad("settings.show_odds", f'expected "exact", "words" or "hidden", got "{settings.show_odds}"')

    def orders(at: str, given: tuple[TeamOrders, ...]) -> None:
        seen: set[str] = set()
        for j, o in enumerate(given):
            known(f"{at}[{j}].team", o.team)
            if o.team in seen:
                bad(f"{at}[{j}].team", f'a second set of orders for "{o.team}" in the same turn')
            seen.add(o.team)

    for i, record in enumerate(save.turns):
        if record.number != i + 1:
            bad(f"turns[{i}].number", f"expected turn {i + 1}, got {record.number}")
        orders(f"turns[{i}].orders", record.orders)
    orders("pending", save.pending)
    for k, note in enumerate(save.annotations):
        at = f"annotations[{k}]"
        if not 1 <= note.turn <= len(save.turns) + 1:
            bad(f"{at}.turn", f"this game has turns 1 to {len(save.turns) + 1} (the last one in progress), got {note.turn}")
        elif note.event and not 1 <= note.event <= (len(save.turns[note.turn - 1].events) if note.turn <= len(save.turns) else 0):
            bad(f"{at}.event", f"turn {note.turn} has no event {note.event}")
        if len(note.text) > MAX_ANNOTATION_CHARS:
            bad(f"{at}.text", f"is {len(note.text):,} characters; a note holds at most {MAX_ANNOTATION_CHARS}")
    if out:
        return out
    state = initial_state(c)
    for i, record in enumerate(save.turns):
        if state.ended:
            bad(f"turns[{i}]", f"turn {record.number} comes after the game ended")
            break
        try:
            state = apply_all(c, state, record.events)
        except Exception as exc:  # an event naming what the campaign lacks; reported, never raised
            why = f"names {exc.args[0]!r}, which the campaign does not have" if isinstance(exc, KeyError) and exc.args else f"{type(exc).__name__}: {exc}"
            bad(f"turns[{i}].events", f"cannot be applied to the game: {why}")
            break
    return out


def _load_one(path: str) -> LoadedSave:
    text = read_toml_text(path, "save", limit=MAX_SAVE_BYTES)
    data = parse_toml(path, text)
    if "campaign_source" not in data or "format_version" not in data:
        raise ProblemsFound([Problem(path, "is not a wargame save (no format_version or campaign_source)")])
    recorded = data.pop("checksum", None)
    if not isinstance(recorded, str):
        raise ProblemsFound([Problem(path, "has no checksum; it was not written by wargame")])
    if checksum(data) != recorded:
        raise ProblemsFound(
            [Problem(path, "checksum mismatch: the file was edited or truncated after it was written")]
        )
    data = migrate(path, data)
    counted = _count_problems(path, data)
    if counted:
        raise ProblemsFound(counted)
    try:
        save = converter.structure(data, SaveFile)
    except Exception as exc:  # every structuring error is reported with its place
        raise ProblemsFound([Problem(path, m, at=at) for at, m in structure_problems(exc)]) from None
    try:
        campaign = parse_campaign(f"{path} (embedded campaign {save.campaign_path})", save.campaign_source)
    except ProblemsFound as found:
        raise ProblemsFound(found.problems) from None
    if campaign.sha256 != save.campaign_sha256:
        raise ProblemsFound([Problem(path, "the embedded campaign does not match its SHA-256")])
    problems = _game_problems(path, save, campaign)
    if problems:
        raise ProblemsFound(problems)
    return LoadedSave(path=path, save=save, campaign=campaign, checksum=recorded)


def backup_paths(path: str) -> list[str]:
    """The backups of a save, newest first (whether or not they exist)."""
    return [f"{path}.bak{n}" for n in range(1, BACKUPS + 1)]


def turn_label(save: SaveFile) -> str:
    """Where a save stands, as a refusal names it: `turn 4`, or `game over after turn 6`."""
    if save.turns and any(type(e).__name__ == "GameEnded" for e in save.turns[-1].events):
        return f"game over after turn {save.turns[-1].number}"
    return f"turn {len(save.turns) + 1}"


def newest_good_backup(path: str) -> tuple[str, LoadedSave] | None:
    """The newest backup of `path` that loads, with what it holds; None when none does."""
    for candidate in backup_paths(path):
        if not Path(candidate).is_file():
            continue
        try:
            return candidate, _load_one(candidate)
        except ProblemsFound:
            continue
    return None


def load_save(path: str) -> LoadedSave:
    """Read, check and migrate a save; ProblemsFound (a SaveRefused) says what is wrong and where,
    and names the newest backup that loads, if any."""
    try:
        return _load_one(path)
    except ProblemsFound as found:
        good = newest_good_backup(path)
        if good is None:
            raise SaveRefused(found.problems) from None
        backup, loaded = good
        turn = turn_label(loaded.save)
        hint = Problem(path, f"try the backup {backup} ({turn}), the newest copy that loads: wargame play --resume {backup}")
        raise SaveRefused([*found.problems, hint], backup=backup, turn=turn) from None


def new_save(campaign: LoadedCampaign, seed: int, settings: Settings) -> SaveFile:
    return SaveFile(
        format_version=FORMAT_VERSION,
        engine_version=__version__,
        campaign_path=Path(campaign.path).name,
        campaign_sha256=campaign.sha256,
        campaign_source=campaign.source,
        seed=seed,
        settings=settings,
    )


def default_save_path(campaign_path: str, now: datetime | None = None) -> str:
    """saves/<campaign>-<date>-<time>.toml, in WARGAME_SAVE_DIR when it is set."""
    folder = Path(os.environ.get("WARGAME_SAVE_DIR") or "saves")
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return str(folder / f"{Path(campaign_path).stem}-{stamp}.toml")
