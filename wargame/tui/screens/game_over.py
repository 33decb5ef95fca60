"""The end of a hosted game, on a team's or an observer's terminal: why it ended and the scores it may see."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from ...core import events as ev
from ..commands import Command, bindings
from ..remote import RemoteSession
from ..widgets.event_log import EventLog, style_for
from .end import HEADLINES


class GameOverScreen(Screen):
    """A card for the room: the ending, the final scores and the last turn's news. The report is the host's."""

    COMMAND_TABLE = (Command("q", "app.quit", "Quit", "Leave wargame (the host keeps the save and the report)"),)
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, session: RemoteSession):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="over-body"):
            yield Static(self._reason(), id="over-reason")
            yield Label("[b]Final scores[/b]")
            yield DataTable(id="scores", cursor_type="row", zebra_stripes=True)
            yield Label("[b]The last turn[/b]")
            yield EventLog(id="last-turn")
        yield Footer()

    def _reason(self) -> Text:
        ended = next((r.event for r in reversed(self.session.events()) if isinstance(r.event, ev.GameEnded)), None)
        text = Text()
        if ended is None:
            return text.append(f"The game is over ({self.session.ended})", style="bold")
        text.append(HEADLINES.get(ended.reason, "The game is over"), style="bold")
        text.append(f" — on turn {ended.turn}\n")
        text.append(f"{ended.detail[:1].upper()}{ended.detail[1:]}.", style="italic")
        return text

    def on_mount(self) -> None:
        s = self.session
        names = {t.id: t.name for t in s.campaign.teams}
        scored = [r.event for r in s.events() if isinstance(r.event, ev.ObjectiveScored)]
        table = self.query_one("#scores", DataTable)
        table.add_columns("team", "points", "objectives met")
        totals = {t: sum(e.points for e in scored if e.team == t) for t in names}
        for team in sorted(totals, key=lambda t: -totals[t]):
            mine = [e for e in scored if e.team == team]
            mark = " (you)" if team == s.team else ""
            table.add_row(
                f"{names[team]}{mark}", Text(str(totals[team]), justify="right"),
                f"{sum(e.met for e in mine)} of {len(mine)}" if mine else "—",
            )
        last = max((e.turn for e in s.events()), default=0)
        skipped = {k.KIND for k in (ev.TurnCompleted, ev.ObjectiveScored, ev.InteropChanged, ev.GameEnded)}
        rows = [(r.turn, r.text, style_for(r)) for r in s.events() if r.turn == last and r.kind not in skipped]
        self.query_one("#last-turn", EventLog).show(rows)
        table.focus()

    def updated(self) -> None:
        """Nothing changes once the game is over."""
