"""Confirm "Play from here": where the new game is saved; the replayed save is never written."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Input, Label, Static

from .base import Dialog


def path_problem(text: str, source: str) -> str:
    """Why `text` cannot be the new save, or "" when it can."""
    if not text.strip():
        return "Give a file name for the new game, e.g. saves/my-fork.toml."
    target = Path(text.strip()).expanduser()
    if target.is_dir():
        return f"{target} is a folder; add a file name, e.g. {target / 'fork.toml'}."
    if target.resolve() == Path(source).resolve():
        return "That is the save being replayed, which is never changed; choose a new name."
    if target.exists():
        return f"{target} already exists; choose a new name so that no game is overwritten."
    return ""


class ForkDialog(Dialog):
    """Returns the path for the new game, or None when cancelled."""

    DEFAULT_CSS = """
    ForkDialog .hint { color: $text-muted; }
    """

    def __init__(self, source: str, after_turn: int, default: str):
        super().__init__()
        self.source = source
        self.after_turn = after_turn
        self.default = default

    def compose(self) -> ComposeResult:
        where = "from the start" if self.after_turn == 0 else f"after turn {self.after_turn}"
        with Vertical(classes="card"):
            yield Label("[b]Play from here[/b] (Esc to cancel)")
            yield Static(
                escape(
                    f"A new game goes on {where}, with the same campaign, seed and players. "
                    f"{self.source} is only read, never changed."
                ),
                classes="hint",
            )
            yield Label("Save the new game as")
            yield Input(self.default, id="fork-path", compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Play from here", id="ok", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        text = self.query_one(Input).value
        problem = path_problem(text, self.source)
        if problem:
            self.query_one("#problem", Static).update(escape(problem))
            return
        self.dismiss(str(Path(text.strip()).expanduser()))

    @on(Input.Changed)
    def clear_problem(self) -> None:
        self.query_one("#problem", Static).update("")

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
