"""Ask for a short text: a move's rationale on the team screen, or the white cell's annotation of a turn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from .base import FormDialog


class NoteDialog(FormDialog):
    """Returns (text, shared) or None. An empty text is allowed when `allow_empty` (it clears a rationale);
    `shared` is asked only with `ask_share` (an annotation the teams' reports may show)."""

    def __init__(self, title: str, label: str, value: str = "", max_length: int = 500,
                 ask_share: bool = False, allow_empty: bool = False):
        super().__init__()
        self.heading = title
        self.label = label
        self.value = value
        self.max_length = max_length
        self.ask_share = ask_share
        self.allow_empty = allow_empty

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label(f"[b]{self.heading}[/b] (Esc to cancel)")
            yield Label(self.label)
            yield Input(self.value, id="note", max_length=self.max_length, compact=True)
            if self.ask_share:
                yield Checkbox("Show it in the teams' reports too", id="share", compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Save", id="ok", variant="primary", compact=True)

    def confirm(self) -> None:
        text = " ".join(self.query_one("#note", Input).value.split())
        if not text and not self.allow_empty:
            self.problem("Write something first, or Esc to cancel.")
            return
        shared = self.query_one("#share", Checkbox).value if self.ask_share else False
        self.dismiss((text, shared))
