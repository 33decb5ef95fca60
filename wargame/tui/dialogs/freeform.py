"""Write a free-form move: what the team does and why; the facilitator rules on it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from ...core.orders import FreeformOrder
from .base import Dialog


class FreeformDialog(Dialog):
    """Returns a FreeformOrder, or None when cancelled."""

    def __init__(self, team: str, names: dict[str, str]):
        super().__init__()
        self.team = team
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label("[b]Free-form move[/b] — the facilitator adjudicates it (Esc to cancel)")
            yield Label("What you do")
            yield Input(placeholder="e.g. Offer joint patrols of the strait under UN observers", id="action", max_length=500, compact=True)
            yield Label("Why it should work")
            yield Input(placeholder="Your argument to the white cell", id="argument", max_length=1000, compact=True)
            yield Label("Towards")
            options = [("No one in particular", "")] + [(n, t) for t, n in self.names.items() if t != self.team]
            yield Select(options, id="target", allow_blank=False, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Stage move", id="stage", variant="primary", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "stage":
            self.stage()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "action":
            self.query_one("#argument", Input).focus()
        else:
            self.stage()

    def stage(self) -> None:
        action = self.query_one("#action", Input).value.strip()
        if not action:
            self.query_one("#problem", Static).update("Say what you do.")
            return
        target = self.query_one("#target", Select).value
        self.dismiss(FreeformOrder(action, self.query_one("#argument", Input).value.strip(), target or None))
