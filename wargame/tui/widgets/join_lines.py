"""The lines the facilitator hands out: one per team, the observers' line, and the web address."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class JoinLines(Static):
    """Each line whole, so that it can be selected and copied; notes are dimmed."""

    ALLOW_SELECT = True
    DEFAULT_CSS = "JoinLines { height: auto; width: 100%; }"

    def show(self, team_lines: list[str], observer_line: str, web_address: str | None, notes: list[str]) -> None:
        text = Text()
        for line in team_lines:
            text.append(line + "\n", style="bold")
        text.append("projector (public news only):\n", style="dim")
        text.append(observer_line + "\n")
        if web_address:
            text.append("in a browser (asks for team and code): ", style="dim")
            text.append(web_address + "\n", style="bold")
        for note in notes:
            text.append(note + "\n", style="dim italic")
        text.rstrip()
        self.update(text)
