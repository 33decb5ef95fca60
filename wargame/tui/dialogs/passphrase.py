"""Ask for the facilitator passphrase before any facilitator action."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from .base import Dialog


class PassphraseDialog(Dialog):
    """Returns True once the passphrase checks out; three wrong tries close it."""

    def __init__(self, check: Callable[[str], bool]):
        super().__init__()
        self.check = check
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label("[b]Facilitator only[/b] — enter the passphrase (Esc to cancel)")
            yield Input(password=True, id="passphrase", compact=True)
            yield Static("", classes="problem", id="problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if self.check(event.value):
            self.dismiss(True)
            return
        self.tries += 1
        event.input.value = ""
        if self.tries >= 3:
            self.app.notify("Wrong passphrase three times.", severity="error")
            self.dismiss(False)
        else:
            self.query_one("#problem", Static).update("Wrong passphrase.")
