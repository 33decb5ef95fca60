"""Ask the facilitator for a reason (and optionally a number of turns) for an intervention."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from .base import FormDialog


class ReasonDialog(FormDialog):
    """Returns (reason, turns) or None; `turns` is asked only when `ask_turns` is set."""

    FIRST = "#reason"

    def __init__(self, title: str, ask_turns: bool = False):
        super().__init__()
        self.heading = title
        self.ask_turns = ask_turns

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label(f"[b]{self.heading}[/b] (Esc to cancel)")
            if self.ask_turns:
                yield Label("For how many turns")
                yield Input("1", id="turns", restrict=r"[0-9]*", max_length=2, compact=True)
            yield Label("Reason (recorded)")
            yield Input(id="reason", max_length=500, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Confirm", id="ok", variant="warning", compact=True)

    def confirm(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.problem("Give a reason: it is recorded.")
            return
        turns = 1
        if self.ask_turns:
            turns = int(self.query_one("#turns", Input).value or "0")
            if turns < 1:
                self.problem("At least one turn.")
                return
        self.dismiss((reason, turns))
