"""The facilitator's ruling: an outcome (and for free-form moves, an escalation) with a reason, and what it changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from .base import Dialog

Preview = Callable[[str, int], Sequence[str]]
"""(outcome, escalation) -> sentences saying what the ruling would change this turn."""


class RulingDialog(Dialog):
    """Returns (outcome, escalation, reason, detected, share_reason), or None when cancelled. Every
    ruling needs a reason. `detected` and `share_reason` are asked for free-form moves only.

    With `preview`, the dialog shows what the ruling as it stands would change (rungs, injects that
    now fire, outcomes, tracks), and redraws it whenever the outcome or the escalation changes, so
    that the white cell sees a knock-on effect before it confirms.
    """

    DEFAULT_CSS = """
    RulingDialog .ruling-row { height: 1; margin-top: 1; }
    RulingDialog .ruling-row Label { margin: 0 1 0 0; width: auto; }
    RulingDialog .ruling-row Select { width: 16; margin-right: 2; }
    RulingDialog .ruling-row Input { width: 6; }
    RulingDialog #detail { max-height: 3; overflow: hidden; }
    RulingDialog #changes-scroll { height: auto; max-height: 7; }
    RulingDialog #changes { height: auto; }
    RulingDialog #changes.-nothing { color: $warning; }
    """

    def __init__(
        self,
        title: str,
        detail: str,
        with_escalation: bool = False,
        preview: Preview | None = None,
        outcome: str = "success",
    ):
        super().__init__()
        self.heading = title
        self.detail = detail
        self.with_escalation = with_escalation
        self.preview = preview
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label(f"[b]{self.heading}[/b] (Esc to cancel)")
            yield Static(Text(self.detail), classes="muted", id="detail")
            with Horizontal(classes="ruling-row"):
                yield Label("Outcome")
                yield Select(
                    [("Success", "success"), ("Failure", "failure")], value=self.outcome, id="outcome",
                    allow_blank=False, compact=True,
                )
                if self.with_escalation:
                    yield Label("Escalation on the dyad (rungs, ±)")
                    yield Input("0", id="escalation", restrict=r"-?[0-9]*", max_length=3, compact=True)
            if self.with_escalation:
                yield Checkbox("If secret: it was detected (others learn of it)", id="detected", compact=True)
                yield Checkbox("Share the reason with the teams told of it", id="share", compact=True)
            if self.preview is not None:
                yield Label("[b]What this ruling changes this turn[/b]")
                # Not a stop for Tab: from the outcome, Tab goes on to the reason the facilitator types.
                with VerticalScroll(id="changes-scroll", can_focus=False):
                    yield Static(id="changes")
            yield Label("Reason (recorded in the save and the report)")
            yield Input(placeholder="Why the white cell rules so", id="reason", max_length=500, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Record ruling", id="record", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.show_changes()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.show_changes()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "escalation":
            self.show_changes()

    def escalation(self) -> int | None:
        """The escalation typed so far (0 when the dialog asks for none), or None when it is not a number."""
        if not self.with_escalation:
            return 0
        raw = self.query_one("#escalation", Input).value.strip() or "0"
        try:
            return int(raw)
        except ValueError:
            return None

    def show_changes(self) -> None:
        if self.preview is None:
            return
        changes = self.query_one("#changes", Static)
        escalation = self.escalation()
        if escalation is None:
            changes.update("Type a whole number of rungs to see what the ruling changes.")
            return
        lines = list(self.preview(str(self.query_one("#outcome", Select).value), escalation))
        nothing = len(lines) == 1 and lines[0].startswith("This ruling changes nothing")
        changes.set_class(nothing, "-nothing")
        changes.update(Text("\n".join(lines if nothing else (f"• {line}" for line in lines))))

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
        escalation = self.escalation()
        if escalation is None:
            problem.update("Escalation is a whole number of rungs, such as 1 or -1.")
            return
        detected = share = False
        if self.with_escalation:
            detected = self.query_one("#detected", Checkbox).value
            share = self.query_one("#share", Checkbox).value
        self.dismiss((self.query_one("#outcome", Select).value, escalation, reason, detected, share))
