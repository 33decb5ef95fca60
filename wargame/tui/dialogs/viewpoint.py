"""Choose whose point of view a replay shows: the facilitator's (everything) or one team's."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from .base import Dialog


class ViewpointDialog(Dialog):
    """Returns the chosen viewer id (FACILITATOR or a team id), or None when cancelled."""

    DEFAULT_CSS = """
    ViewpointDialog > .card { width: 60; }
    ViewpointDialog OptionList { height: auto; max-height: 16; margin-top: 1; }
    ViewpointDialog .hint { color: $text-muted; }
    """

    def __init__(self, choices: list[tuple[str, str]], current: str):
        """`choices` are (viewer id, label) pairs, in the order to list them."""
        super().__init__()
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label("[b]Point of view[/b] — replay what this side knew")
            yield OptionList(*[Option(escape(label), id=viewer) for viewer, label in self.choices])
            yield Label("Enter chooses, Esc cancels.", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [viewer for viewer, _ in self.choices]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
