"""The projector view of a hosted game: the ladder, the crisis level, who has submitted, the public news."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from ...core import events as ev
from ..commands import REJOIN
from ..remote import RemoteSession
from ..widgets.event_log import EventLog, style_for
from ..widgets.ladder import LadderView
from ..widgets.turn_status import TurnStatus


class ObserverScreen(Screen):
    """Only what every team may know: nothing secret is ever sent to an observer."""

    COMMAND_TABLE = (REJOIN,)

    def __init__(self, session: RemoteSession):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="observer-header")
        yield TurnStatus(id="turn-status")
        with Horizontal(id="observer-body"):
            with VerticalScroll(id="observer-ladder"):
                yield Label("[b]The escalation ladder[/b]")
                yield LadderView(id="ladder-view")
            with VerticalScroll(id="observer-news"):
                yield Label("[b]What everyone knows[/b]")
                yield EventLog(id="public-log")
        yield Footer()

    def on_mount(self) -> None:
        self.updated()


    def updated(self) -> None:
        s, u = self.session, self.session.update
        c = s.campaign
        watching = f" · {u.observers} watching" if u.observers > 1 else ""
        self.query_one("#observer-header", Static).update(
            f"[b]{c.title}[/b] · turn {u.turn} of {u.turns} · crisis: [b]{u.crisis}[/b]{watching}"
        )
        # A projector has nobody to scroll it: keep the occupied rungs, the firebreaks and the ends in
        # sight, and fold the empty rungs, as the team's ladder does on a short screen.
        self.query_one("#ladder-view", LadderView).show(c.rungs, u.dyads, c.short_names(), compact=True)
        rows = [(r.turn, r.text, style_for(r)) for r in s.events() if r.kind != ev.TurnCompleted.KIND]
        self.query_one("#public-log", EventLog).show(rows, "Nothing has happened yet: the first turn is under way.")
        self.app.draw_status(self)
