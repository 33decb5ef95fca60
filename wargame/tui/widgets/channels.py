"""The deconfliction channels a team is on, with their status."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

STATUS_STYLE = {"open": "green", "degraded": "yellow", "suspended": "red"}


class ChannelPanel(Static):
    """Name, members, status, reliability and latency of each channel."""

    DEFAULT_CSS = "ChannelPanel { height: auto; width: 100%; }"

    def show(self, channels, names: dict[str, str]) -> None:
        if not channels:
            self.update(Text("No channels: you have no line to anyone.", style="dim"))
            return
        lines = []
        for c in channels:
            delay = "arrives the same turn" if c.latency == 0 else f"arrives after {c.latency} turn(s)"
            line = Text(c.name, style="bold")
            line.append(" · ")
            line.append(c.status, style=STATUS_STYLE.get(c.status, ""))
            line.append(f" · {c.reliability:.0%} reliable, {delay}", style="dim")
            lines.append(line)
            lines.append(Text("  " + ", ".join(names[m] for m in c.members), style="dim"))
        self.update(Group(*lines))
