"""`wargame new`: a commented starter campaign that validates as written."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

from .schema import SCHEMA_FILE, campaign_schema


def starter_path(name: str) -> Path:
    """campaigns/NAME.toml for a bare name; the path itself when it ends in .toml."""
    if name.endswith(".toml") or "/" in name:
        return Path(name)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        raise ValueError(f'"{name}" is not a usable name: letters, digits, "-" and "_" only')
    return Path("campaigns") / f"{name}.toml"


def starter_text(name: str, path: Path) -> str:
    template = resources.files("wargame.campaign").joinpath("starter.toml").read_text(encoding="utf-8")
    title = Path(name).stem.replace("-", " ").replace("_", " ").title()
    return template.replace("__TITLE__", title).replace("__PATH__", str(path)).replace("__NAME__", Path(name).stem)


def write_starter(path: Path, name: str) -> None:
    """Write the starter, and the schema its `#:schema` line names if the folder has none; never overwrite."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as f:
        f.write(starter_text(name, path))
    schema = path.parent / SCHEMA_FILE
    if not schema.exists():
        schema.write_text(json.dumps(campaign_schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
