"""The argument round in hot seat: after every team has given its orders and before the white cell rules, each team that may read a pending free-form move counters it or passes."""

from __future__ import annotations

import attrs
from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...core import arguments
from ...core.orders import TeamOrders
from ...session import Session
from ..commands import Command, bindings
from ..widgets.argument_round import ArgumentRound


def waiting_to_argue(session: Session, done: set) -> list[str]:
    """The human teams that may counter a free-form move of this turn and have not had their say."""
    orders = tuple(session.pending.values())
    return [
        t for t in session.humans()
        if (session.turn, t) not in done and arguments.open_moves(session.campaign, orders, t)
    ]


class ArgumentScreen(Screen):
    """One team's argument round: the moves it may read, a counter-argument each (and a vote where the campaign has one)."""

    COMMAND_TABLE = (
        Command("ctrl+s", "done", "Done", "Hand in these counter-arguments (an empty box passes)", priority=True),
    )
    BINDINGS = bindings(COMMAND_TABLE)
    DEFAULT_CSS = """
    ArgumentScreen #argument-card { padding: 0 1; }
    """

    def __init__(self, session: Session, team: str):
        super().__init__()
        self.session = session
        self.team = team

    def compose(self) -> ComposeResult:
        s = self.session
        moves = arguments.open_moves(s.campaign, tuple(s.pending.values()), self.team)
        given = s.pending[self.team].counters if self.team in s.pending else ()
        with VerticalScroll(id="argument-card"):
            yield Static(f"Turn {s.turn} · [b]Argument round: {escape(s.campaign.team(self.team).name)}[/b]")
            vote = " Where asked, give the odds you see in a word: the move is rolled on the median of the votes." \
                if any(m.votes for m in moves) else ""
            yield Static(
                "Other teams' free-form moves you know of. Write why each should fail, or leave the box empty to "
                f"pass; the white cell reads your counter-arguments before it rules.{vote} Ctrl+S when done.",
                classes="muted",
            )
            words = [w.word for w in s.campaign.rules.estimative_scale]
            yield ArgumentRound(moves, words, given, id="argument-round")
            yield Static("", classes="problem", id="problem")
        yield Footer()

    def on_mount(self) -> None:
        boxes = self.query("ArgumentRound TextArea")
        if boxes:
            boxes.first().focus()

    def action_done(self) -> None:
        counters = self.query_one(ArgumentRound).counters()
        if isinstance(counters, str):
            self.query_one("#problem", Static).update(counters)
            return
        s = self.session
        orders = s.pending.get(self.team) or TeamOrders(self.team)
        if self.app.run_safely(s.submit, attrs.evolve(orders, counters=counters)):
            self.app.argued.add((s.turn, self.team))
            self.app.advance()
