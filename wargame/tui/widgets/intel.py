"""What a team's intelligence shows of the other teams."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from .tracks import LABELS


class IntelPanel(Static):
    """Other teams' tracks as far as this team can see them."""

    DEFAULT_CSS = "IntelPanel { height: auto; width: 100%; }"

    def show(
        self, intel: dict[str, dict[str, float]], names: dict[str, str], level: float,
        track_names: dict[str, str] | None = None, beliefs: bool = False, errors: dict[tuple[str, str], float] | None = None,
    ) -> None:
        """`errors`, where the campaign keeps beliefs: (team, track) → how far each estimate may be off."""
        track_names = track_names or {}
        errors = errors if errors is not None else {}
        tracks = sorted({t for values in intel.values() for t in values}, key=lambda t: (t not in LABELS, t))
        table = Table(box=None, padding=(0, 1))
        table.add_column("")
        for team in intel:
            table.add_column(names[team], justify="right")
        for track in tracks:
            row = [track_names.get(track, LABELS.get(track, track))]
            for team, values in intel.items():
                error = errors.get((team, track))
                shown = f"{values[track]:.2f}" if track in values else "?"
                row.append(f"{shown}±{error:.2f}" if error and track in values else shown)
            table.add_row(*row)
        if errors or beliefs:
            note = Text(
                f"Your intelligence (with what allies share): {level:.2f}. These are estimates, each within ± its "
                "error (the better your intelligence, the smaller); credibility is public.",
                style="dim",
            )
        else:
            note = Text(
                f"Your intelligence (with what allies share): {level:.2f}. "
                "At 0.50 or more you see their tracks; below it only their public credibility.",
                style="dim",
            )
        self.update(Group(table, note))
