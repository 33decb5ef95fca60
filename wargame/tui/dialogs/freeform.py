"""Write a free-form move: what the team does and why, who is told; the facilitator rules on it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, Select, Static, TextArea

from ...core.orders import FreeformOrder
from .base import Dialog

ACTION_LIMIT = 500
ARGUMENT_LIMIT = 1000
VISIBILITY = (
    ("Target only: only its target is told", "target"),
    ("Public: every team is told", "public"),
    ("Secret: told only if the white cell rules it seen", "secret"),
)


class FreeformDialog(Dialog):
    """Returns a FreeformOrder, or None when cancelled."""

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "stage", "Stage move")]
    DEFAULT_CSS = """
    FreeformDialog TextArea { height: 3; margin: 0; }
    FreeformDialog .card Label { margin-top: 0; }
    FreeformDialog .counter { color: $text-muted; text-align: right; width: 100%; height: 1; }
    FreeformDialog .counter.-over { color: $error; text-style: bold; }
    """

    def __init__(self, team: str, names: dict[str, str]):
        super().__init__()
        self.team = team
        self.names = names

    def compose(self) -> ComposeResult:
        # Scrolls at 80x24, where the whole form is a line or two taller than the screen.
        with VerticalScroll(classes="card"):
            yield Label("[b]Free-form move[/b] (Esc to cancel)")
            yield Static("Teams told of it may counter it, then the facilitator rules on it.", id="who-rules")
            yield Label("What you do")
            yield TextArea(id="action", soft_wrap=True, compact=True, tab_behavior="focus")
            yield Static(f"0 / {ACTION_LIMIT}", classes="counter", id="action-count")
            yield Label("Why it should work (for the facilitator; no team reads it)")
            yield TextArea(id="argument", soft_wrap=True, compact=True, tab_behavior="focus")
            yield Static(f"0 / {ARGUMENT_LIMIT}", classes="counter", id="argument-count")
            yield Label("Towards")
            options = [("No one in particular", "")] + [(n, t) for t, n in self.names.items() if t != self.team]
            yield Select(options, id="target", allow_blank=False, compact=True)
            yield Label("Who is told")
            yield Select(VISIBILITY, id="visibility", allow_blank=False, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Stage move (Ctrl+S)", id="stage", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#action", TextArea).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        limit = ACTION_LIMIT if event.text_area.id == "action" else ARGUMENT_LIMIT
        count = len(event.text_area.text)
        counter = self.query_one(f"#{event.text_area.id}-count", Static)
        over = count - limit
        counter.update(f"{count} / {limit}" + (f" — {over} too many" if over > 0 else ""))
        counter.set_class(over > 0, "-over")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "stage":
            self.stage()
        else:
            self.dismiss(None)

    def action_stage(self) -> None:
        self.stage()

    def stage(self) -> None:
        problem = self.query_one("#problem", Static)
        action = self.query_one("#action", TextArea).text.strip()
        argument = self.query_one("#argument", TextArea).text.strip()
        if not action:
            problem.update("Say what you do.")
            return
        if len(action) > ACTION_LIMIT:
            problem.update(f"“What you do” is {len(action)} characters; shorten it to {ACTION_LIMIT} or fewer.")
            return
        if len(argument) > ARGUMENT_LIMIT:
            problem.update(f"“Why it should work” is {len(argument)} characters; shorten it to {ARGUMENT_LIMIT} or fewer.")
            return
        target = self.query_one("#target", Select).value
        visibility = self.query_one("#visibility", Select).value
        self.dismiss(FreeformOrder(action, argument, target or None, visibility))
