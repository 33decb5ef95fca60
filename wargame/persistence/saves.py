"""Save files: a whole game in readable TOML with a checksum, written atomically with backups."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import attrs
import tomli_w

from .. import __version__
from ..campaign.loader import LoadedCampaign, parse_campaign, parse_toml, read_toml_text
from ..converter import converter, structure_problems
from ..core.orders import Intervention, TeamOrders, TurnRecord
from ..problems import Problem, ProblemsFound

FORMAT_VERSION = 1
BACKUPS = 3


@attrs.frozen
class Settings:
    """How this game was set up: turn limit, who plays each team, the facilitator's passphrase hash."""

    turns: int
    bots: dict[str, str] = attrs.Factory(dict)
    humans: tuple[str, ...] = ()
    passphrase: str = ""
    forked_from: str = ""


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


@attrs.frozen
class LoadedSave:
    """A save that passed its checks, with its campaign parsed."""

    path: str
    save: SaveFile
    campaign: LoadedCampaign


def checksum(data: dict) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def dumps(save: SaveFile) -> str:
    data = converter.unstructure(save, SaveFile)
    data["checksum"] = checksum(data)
    return tomli_w.dumps(data, multiline_strings=True)


def atomic_write(path: str | os.PathLike, text: str, backups: int = BACKUPS) -> None:
    """Write `text` so that a crash leaves the old file or the new one, never a torn one."""
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
                    os.replace(older, target.with_name(f"{target.name}.bak{n}"))
            os.replace(target, target.with_name(f"{target.name}.bak1"))
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


def write_save(path: str | os.PathLike, save: SaveFile, rotate: bool = True) -> None:
    """Write a save; `rotate` keeps the previous version as a backup (done once per turn, so that
    journalling each team's orders does not push good turns out of the backups)."""
    atomic_write(path, dumps(save), backups=BACKUPS if rotate else 0)


MIGRATIONS: dict[int, object] = {}
"""Steps from format N to N+1 on the raw dict; FORMAT_VERSION 1 is the first, so none yet."""


def _migrate(path: str, data: dict) -> dict:
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ProblemsFound([Problem(path, "is not a wargame save (no format_version)")])
    if version > FORMAT_VERSION:
        raise ProblemsFound(
            [Problem(path, f"was written by a newer wargame (format {version}; this one reads up to {FORMAT_VERSION})")]
        )
    while version < FORMAT_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise ProblemsFound([Problem(path, f"format {version} is too old to read")])
        data = step(data)  # type: ignore[operator]
        version = data["format_version"]
    return data


def load_save(path: str) -> LoadedSave:
    """Read, check and migrate a save; ProblemsFound says what is wrong and where."""
    text = read_toml_text(path, "save")
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
    data = _migrate(path, data)
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
    return LoadedSave(path=path, save=save, campaign=campaign)


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
