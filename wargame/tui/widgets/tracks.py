"""A team's tracks as labelled bars."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

LABELS = {
    "resources": "Resources / turn",
    "readiness": "Readiness",
    "credibility": "Credibility",
    "support": "Domestic support",
    "intelligence": "Intelligence",
}


def bar(value: float, low: float, high: float, width: int = 12) -> Text:
    share = 0.0 if high <= low else (value - low) / (high - low)
    filled = round(max(0.0, min(1.0, share)) * width)
    return Text("█" * filled + "░" * (width - filled), style="green" if share >= 0.5 else "yellow" if share >= 0.25 else "red")


class TrackPanel(Static):
    """Track name, value and a bar; bounds come from the campaign."""

    DEFAULT_CSS = "TrackPanel { height: auto; width: 100%; }"

    def show(self, tracks: dict[str, float], bounds: dict[str, tuple[float, float]], names: dict[str, str]) -> None:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(justify="right", no_wrap=True)
        table.add_column(no_wrap=True)
        for track, value in tracks.items():
            low, high = bounds[track]
            shown = f"{value:g}" if track == "resources" else f"{value:.2f}"
            # Resources are a budget, not a share of anything: a bar would mislead.
            drawn = Text("") if track == "resources" else bar(value, low, high)
            table.add_row(names.get(track, LABELS.get(track, track)), shown, drawn)
        self.update(table)
