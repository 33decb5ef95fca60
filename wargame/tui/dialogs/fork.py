"""Confirm "Play from here": where the new game is saved and who plays each team; the replayed save is never written."""

from __future__ import annotations

from pathlib import Path

import attrs
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Input, Label, Select, Static

from .base import Dialog

HUMAN = "human"
"""The seat value for a team handed to people at this terminal (hot seat)."""


@attrs.frozen
class Seat:
    """A team in the fork dialog: its id, its name, and who plays it now (HUMAN or a persona)."""

    team: str
    name: str
    played_by: str


@attrs.frozen
class ForkChoice:
    """What the facilitator chose: where the new game goes and who plays each team in it."""

    path: str
    bots: dict[str, str]
    humans: tuple[str, ...]


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
    """Returns a ForkChoice (the new game's path and seats), or None when cancelled."""

    DEFAULT_CSS = """
    ForkDialog .hint { color: $text-muted; }
    ForkDialog #seats { height: auto; max-height: 8; }
    ForkDialog .seat { height: 1; }
    ForkDialog .seat .seat-name { width: 32; }
    ForkDialog .seat Select { width: 34; }
    """

    def __init__(self, source: str, after_turn: int, default: str, seats: tuple[Seat, ...] = (), personas: tuple[str, ...] = ()):
        super().__init__()
        self.source = source
        self.after_turn = after_turn
        self.default = default
        self.seats = seats
        self.personas = personas

    def compose(self) -> ComposeResult:
        where = "from the start" if self.after_turn == 0 else f"after turn {self.after_turn} (from turn {self.after_turn + 1})"
        with Vertical(classes="card"):
            yield Label("[b]Play from here[/b] (Esc to cancel)")
            yield Static(
                escape(
                    f"A new game goes on {where}, with the same campaign and seed; hand any team to "
                    f"people or another bot below. {self.source} is only read, never changed."
                ),
                classes="hint",
            )
            yield Label("Save the new game as")
            yield Input(self.default, id="fork-path", compact=True)
            yield Static("", classes="problem", id="problem")
            if self.seats:
                yield Label("Who plays (Tab to a team, Enter to change)")
                with VerticalScroll(id="seats", can_focus=False):  # Tab goes from team to team, not to the list
                    choices = [("people (hot seat)", HUMAN), *((f"bot: {p}", p) for p in self.personas)]
                    for seat in self.seats:
                        with Horizontal(classes="seat"):
                            yield Static(escape(seat.name[:31]), classes="seat-name")
                            yield Select(choices, value=seat.played_by, allow_blank=False, compact=True, id=f"seat-{seat.team}")
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
        chosen = {seat.team: self.query_one(f"#seat-{seat.team}", Select).value for seat in self.seats}
        self.dismiss(ForkChoice(
            path=str(Path(text.strip()).expanduser()),
            bots={team: str(who) for team, who in chosen.items() if who != HUMAN},
            humans=tuple(team for team, who in chosen.items() if who == HUMAN),
        ))

    @on(Input.Changed)
    def clear_problem(self) -> None:
        self.query_one("#problem", Static).update("")

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
