"""The lines the facilitator hands out: one per team, the observers' line, and the web address."""

from __future__ import annotations

import re

from rich.text import Text
from textual.widgets import Static

CODE = re.compile(r"(--code )(\S+)")
HIDDEN = "••••••"


def hide_code(line: str) -> str:
    """The join line with its code masked: what a projector may show."""
    return CODE.sub(lambda m: m.group(1) + HIDDEN, line)


class JoinLines(Static):
    """Each line whole, so that it can be selected and copied; notes are dimmed.

    The host's screen is often the projector, so codes are masked unless `reveal` is set.
    """

    ALLOW_SELECT = True
    DEFAULT_CSS = "JoinLines { height: auto; width: 100%; }"

    def show(
        self, team_lines: list[str], observer_line: str, web_address: str | None, notes: list[str], reveal: bool = False,
    ) -> None:
        text = Text()
        text.append("Hand one line to each team", style="bold")
        if any(CODE.search(line) for line in team_lines):
            hint = " (codes shown: s hides them)" if reveal else " (codes hidden from the room: s shows them, c copies)"
            text.append(hint, style="dim")
        text.append("\n")
        for line in team_lines:
            text.append((line if reveal else hide_code(line)) + "\n", style="bold")
        text.append(observer_line)
        text.append("  (the projector: public news)\n", style="dim")
        if web_address:
            text.append("in a browser (asks for team and code): ", style="dim")
            text.append(web_address + "\n", style="bold")
        for note in notes:
            text.append(note + "\n", style="dim italic")
        text.rstrip()
        self.update(text)
