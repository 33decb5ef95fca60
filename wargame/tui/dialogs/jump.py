"""Ask for a turn number to jump to; refuse anything that is not a turn of this game."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.widgets import Button, Input, Label, Static

from .base import Dialog


def parse_turn(text: str, last: int) -> tuple[int | None, str]:
    """The turn asked for, or None and what is wrong; 0 (or "start") is the position before turn 1."""
    text = text.strip().lower()
    if text in ("start", "s"):
        return 0, ""
    if not text:
        return None, f"Type a turn number from 0 (the start) to {last}."
    try:
        turn = int(text.removeprefix("t"))
    except ValueError:
        return None, f"“{text}” is not a number; type a turn from 0 (the start) to {last}."
    if not 0 <= turn <= last:
        return None, f"There is no turn {turn}; this game has turns 0 (the start) to {last}."
    return turn, ""


class JumpDialog(Dialog):
    """Returns a turn from 0 (the start) to the last one, or None; Enter jumps, Escape cancels."""

    DEFAULT_CSS = """
    JumpDialog > .card { width: 64; }
    """

    def __init__(self, current: int, last: int):
        super().__init__()
        self.current = current
        self.last = last

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label(f"[b]Jump to turn[/b] — 0 is the start, {self.last} the last (Esc to cancel)")
            yield Input(str(self.current), placeholder=f"0–{self.last}", id="jump-turn", max_length=6, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Jump", id="ok", variant="primary", compact=True)

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def confirm(self) -> None:
        turn, problem = parse_turn(self.query_one(Input).value, self.last)
        if turn is None:
            self.query_one("#problem", Static).update(escape(problem))
            return
        self.dismiss(turn)

    @on(Input.Changed)
    def clear_problem(self) -> None:
        self.query_one("#problem", Static).update("")

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
