"""The facilitator's ruling: an outcome (and for free-form moves, an escalation) with a reason."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from .base import Dialog


class RulingDialog(Dialog):
    """Returns (outcome, escalation, reason, detected, share_reason), or None when cancelled. Every
    ruling needs a reason. `detected` and `share_reason` are asked for free-form moves only."""

    def __init__(self, title: str, detail: str, with_escalation: bool = False):
        super().__init__()
        self.heading = title
        self.detail = detail
        self.with_escalation = with_escalation

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label(f"[b]{self.heading}[/b] (Esc to cancel)")
            yield Static(self.detail, classes="muted")
            yield Label("Outcome")
            yield Select([("Success", "success"), ("Failure", "failure")], id="outcome", allow_blank=False, compact=True)
            if self.with_escalation:
                yield Label("Escalation on the dyad with its target (rungs, may be negative)")
                yield Input("0", id="escalation", restrict=r"-?[0-9]*", max_length=3, compact=True)
                yield Checkbox("A secret move was detected (its target, or everyone, learns of it)", id="detected", compact=True)
                yield Checkbox("Share the reason with the teams told of the move", id="share", compact=True)
            yield Label("Reason (recorded in the save and the report)")
            yield Input(placeholder="Why the white cell rules so", id="reason", max_length=500, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Record ruling", id="record", variant="warning", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "record":
            self.record()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.record()

    def record(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not reason:
            problem.update("Give a reason: it is recorded for the after-action review.")
            return
        escalation = 0
        if self.with_escalation:
            raw = self.query_one("#escalation", Input).value.strip() or "0"
            try:
                escalation = int(raw)
            except ValueError:
                problem.update("Escalation is a whole number of rungs, such as 1 or -1.")
                return
        detected = share = False
        if self.with_escalation:
            detected = self.query_one("#detected", Checkbox).value
            share = self.query_one("#share", Checkbox).value
        self.dismiss((self.query_one("#outcome", Select).value, escalation, reason, detected, share))
