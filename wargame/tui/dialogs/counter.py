"""Counter the free-form moves a team may read, on its own screen in network play: the argument round as a dialog."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, Static

from ...core.arguments import OpenMove
from ...core.orders import CounterArgument
from ..widgets.argument_round import ArgumentRound
from .base import Dialog


class CounterDialog(Dialog):
    """Returns the team's counter-arguments (and votes), () when it passes on all, or None when cancelled."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "done", "Send")]

    def __init__(self, moves: Sequence[OpenMove], words: Sequence[str], given: Sequence[CounterArgument] = ()):
        super().__init__()
        self.moves, self.words, self.given = tuple(moves), tuple(words), tuple(given)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="card"):
            yield Label("[b]Argument round[/b] (Esc to cancel)")
            yield Static(
                "Why should each move fail? An empty box passes. The white cell reads your counter-arguments "
                "before it rules; the teams told of the move read them with its outcome.",
                classes="muted",
            )
            yield ArgumentRound(self.moves, self.words, self.given)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Send (Ctrl+S)", id="send", variant="primary", compact=True)

    def on_mount(self) -> None:
        boxes = self.query("ArgumentRound TextArea")
        if boxes:
            boxes.first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send":
            self.action_done()
        else:
            self.dismiss(None)

    def action_done(self) -> None:
        counters = self.query_one(ArgumentRound).counters()
        if isinstance(counters, str):
            self.query_one("#problem", Static).update(counters)
            return
        self.dismiss(counters)
