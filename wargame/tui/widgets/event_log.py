"""Sentences of what happened, newest turn first, grouped by turn."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static


class EventLog(Static):
    """Given (turn, sentence, style) rows, shows them under turn headings."""

    DEFAULT_CSS = "EventLog { height: auto; width: 100%; }"

    def show(self, rows: list[tuple[int, str, str]], empty: str = "Nothing has happened yet.") -> None:
        if not rows:
            self.update(Text(empty, style="dim"))
            return
        parts = []
        turn = None
        for number, sentence, style in sorted(rows, key=lambda r: -r[0]):
            if number != turn:
                turn = number
                parts.append(Text(f"Turn {number}", style="bold underline"))
            parts.append(Text(f"• {sentence}", style=style))
        self.update(Group(*parts))


TONE_STYLES = {
    "success": "green",
    "failure": "red",
    "escalation": "bold yellow",
    "inject": "bold yellow",
    "alliance": "bold yellow",
    "end": "bold magenta",
    "accent": "cyan",
    "quiet": "dim",
}


def style_for(event) -> str:
    """A colour for an event's sentence (a `views.Seen` record, or an event), by what kind of news it is."""
    if hasattr(event, "tone"):
        if event.kind == "escalation_changed" and event.tone == "calm":
            return "bold yellow"
        return TONE_STYLES.get(event.tone, "")
    kind = type(event).__name__
    if kind == "MoveResolved":
        return "green" if event.success else "red"
    if kind in ("EscalationChanged", "TreatyTriggered", "InjectFired"):
        return "bold yellow"
    if kind in ("OrderRefused", "MessageLost", "BurdenShortfall"):
        return "red"
    if kind == "ObligationSettled":
        return "green" if event.honoured else "bold red"
    if kind == "AccidentRolled":
        return "bold red" if event.happened else "dim"
    if kind == "MoveDetected":
        return "cyan" if event.detected else "dim"
    if kind == "GameEnded":
        return "bold magenta"
    return ""
