"""Where campaigns are found: the bundled ones and those in ./campaigns of the current folder."""

from __future__ import annotations

from pathlib import Path

import attrs

from ..problems import ProblemsFound
from .loader import LoadedCampaign, load_campaign


@attrs.frozen
class Entry:
    """A campaign on the shelf: loaded, or the problems that keep it from loading."""

    path: str
    loaded: LoadedCampaign | None
    problems: tuple[str, ...] = ()


def bundled_folder() -> Path:
    """The installed package carries the campaigns; a source checkout has them beside the package."""
    inside = Path(__file__).resolve().parent.parent / "bundled_campaigns"
    return inside if inside.is_dir() else Path(__file__).resolve().parent.parent.parent / "campaigns"


def campaign_paths(cwd: Path | None = None) -> list[Path]:
    """Bundled campaigns (tutorial first), then ./campaigns/*.toml that are not the same files."""
    bundled = sorted(bundled_folder().glob("*.toml"), key=lambda p: (p.stem != "tutorial", p.stem))
    local_dir = (cwd or Path.cwd()) / "campaigns"
    seen = {p.resolve() for p in bundled}
    local = [p for p in sorted(local_dir.glob("*.toml")) if p.resolve() not in seen] if local_dir.is_dir() else []
    return bundled + local


def shelf(cwd: Path | None = None) -> list[Entry]:
    out = []
    for path in campaign_paths(cwd):
        try:
            out.append(Entry(str(path), load_campaign(str(path))))
        except ProblemsFound as found:
            out.append(Entry(str(path), None, tuple(str(p) for p in found.problems)))
    return out
