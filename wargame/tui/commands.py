"""One table of commands per screen: it gives the key bindings, the footer, the help screen and the palette."""

from __future__ import annotations

from collections.abc import Iterable

import attrs
from textual.binding import Binding


@attrs.frozen
class Command:
    """A thing the user can do: its keys, the action it runs, and how it is described."""

    keys: str
    action: str
    title: str
    help: str
    footer: bool = True
    priority: bool = False

    @property
    def key_label(self) -> str:
        first = self.keys.split(",")[0]
        return {"question_mark": "?", "escape": "Esc", "enter": "Enter", "delete": "Del", "slash": "/",
             "left": "←", "right": "→", "up": "↑", "down": "↓", "space": "Space"}.get(
            first, first.replace("ctrl+", "^").upper() if first.startswith(("ctrl+", "f")) and len(first) > 1 else first
        )


def bindings(commands: Iterable[Command]) -> list[Binding]:
    return [
        Binding(c.keys, c.action, c.title, show=c.footer, priority=c.priority, key_display=c.key_label)
        for c in commands
    ]


APP_COMMANDS = (
    Command("f1,question_mark", "app.help", "Help", "List every key and command of this screen"),
    Command("ctrl+q", "app.quit", "Quit", "Leave wargame (the game is saved after every step)", footer=False),
)

REJOIN = Command(
    "f5", "app.rejoin", "Rejoin", "Connect to the host again now, after the connection was lost", footer=False,
)
"""On every screen of network play: the app retries by itself for a while, then waits for this key."""
