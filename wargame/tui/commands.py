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
    footer_keys: str = ""  # the footer's key label when it stands for a family of keys ("Alt+1…6")
    footer_title: str = ""  # a shorter title for the footer, which has little room at 80 columns

    @property
    def key_label(self) -> str:
        first = self.keys.split(",")[0]
        return {"question_mark": "?", "escape": "Esc", "enter": "Enter", "delete": "Del", "slash": "/",
             "left": "←", "right": "→", "up": "↑", "down": "↓", "space": "Space", "tab": "Tab",
             "shift+tab": "Shift+Tab"}.get(
            first,
            first.replace("ctrl+", "^").upper() if first.startswith(("ctrl+", "f")) and len(first) > 1
            else first.replace("alt+", "Alt+"),
        )


def bindings(commands: Iterable[Command]) -> list[Binding]:
    return [
        Binding(
            c.keys, c.action, c.footer_title or c.title, show=c.footer, priority=c.priority,
            key_display=c.footer_keys or c.key_label,
        )
        for c in commands
    ]


APP_COMMANDS = (
    Command("f1,question_mark", "app.help", "Help", "List every key and command of this screen"),
    Command("ctrl+q", "app.quit", "Quit", "Leave wargame (the game is saved after every step)", footer=False),
    # Priority, so the focus moves the moment Tab is read: keys typed right after it then land in the next
    # field. As an ordinary binding Tab first queues behind the field it leaves, which takes those keys.
    Command("tab", "app.focus_next", "Next field", "Move to the next field or list", footer=False, priority=True),
    Command("shift+tab", "app.focus_previous", "Previous field", "Move to the previous field or list",
            footer=False, priority=True),
)

REJOIN = Command(
    "f5", "app.rejoin", "Rejoin", "Connect to the host again now, after the connection was lost", footer=False,
)
"""On every screen of network play: the app retries by itself for a while, then waits for this key."""
