"""The host's screen: the join lines to hand out, every team's status live, and the facilitator's keys."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Log, Static

from ...net.host import Host, HostEvent
from ..commands import Command, bindings
from ..widgets.join_lines import JoinLines
from ..widgets.team_status import TeamStatus

QUIET = ("staged",)
"""Drafts come and go too often to be news in the activity log; the status table shows them."""


class HostScreen(Screen):
    """The facilitator's home while hosting; the adjudication screen and the console open over it."""

    COMMAND_TABLE = (
        Command("a", "adjudicate", "Adjudicate now", "Preview this turn's outcomes, rule on them and commit; every team gets its update"),
        Command("f2", "facilitator", "Facilitator", "The facilitator console: all orders, injects, pause, save, end (passphrase)"),
        Command("c", "copy", "Copy lines", "Copy the join lines, codes included, to the clipboard"),
        Command("s", "reveal", "Show codes", "Show or hide the teams' join codes (hidden: this screen is often the projector)"),
    )
    BINDINGS = bindings(COMMAND_TABLE)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    DEFAULT_CSS = """
    HostScreen #host-header { height: auto; padding: 0 1; background: $boost; }
    HostScreen #host-banner { height: auto; padding: 0 1; border-left: thick $primary; background: $primary 10%; }
    HostScreen #host-banner.-ready { border: heavy $success; background: $success 20%; text-style: bold; }
    HostScreen #host-top { height: auto; layout: vertical; }
    HostScreen #join-panel, HostScreen #status-panel { height: auto; padding: 0 1; }
    HostScreen .host-section { text-style: bold; color: $primary; }
    HostScreen #join-panel { margin-top: 1; }
    HostScreen #activity { height: 1fr; min-height: 3; margin: 0 1; border: round $primary 50%; }
    HostScreen.-wide #host-banner { margin-top: 1; }
    HostScreen.-wide #host-top { layout: horizontal; }
    HostScreen.-wide #join-panel { width: 3fr; margin-top: 0; }
    HostScreen.-wide #status-panel { width: 2fr; }
    HostScreen.-wide .host-section { margin-top: 1; }
    """

    def __init__(self, host: Host, team_lines: list[str], observer_line: str, web_address: str | None, notes: list[str]):
        super().__init__()
        self.host = host
        self.session = host.session
        self.team_lines = team_lines
        self.observer_line = observer_line
        self.web_address = web_address
        self.notes = notes
        self.all_in_turn = 0  # the turn for which "everyone has submitted" was last announced
        self.reveal = False  # join codes stay masked until the facilitator asks to see them

    def compose(self) -> ComposeResult:
        yield Static(id="host-header")
        yield Static(id="host-banner")
        with Horizontal(id="host-top"):
            # Where the turn stands comes first: at 80x24 it must stay in sight below the join lines.
            with Vertical(id="status-panel"):
                yield Label("Teams", id="teams-label", classes="host-section")
                yield TeamStatus(id="team-status")
            with Vertical(id="join-panel"):
                yield JoinLines(id="join-lines")
        yield Log(id="activity", max_lines=500, auto_scroll=True)
        yield Footer()

    def on_mount(self) -> None:
        self.show_lines()
        self.query_one("#activity", Log).border_title = "Activity"
        self.refresh_status()

    def show_web(self, address: str | None, note: str = "") -> None:
        """The browsers' join screen is up at `address` (None: it could not start, `note` says why)."""
        self.web_address = address
        if note:
            self.notes = [*self.notes, note]
        self.show_lines()

    def show_lines(self) -> None:
        self.query_one("#join-lines", JoinLines).show(
            self.team_lines, self.observer_line, self.web_address, self.notes, reveal=self.reveal,
        )

    def on_screen_resume(self) -> None:
        self.refresh_status()

    def on_resize(self) -> None:
        self.refresh_status()

    def record(self, event: HostEvent) -> None:
        """A HostEvent arrived: log it and redraw the status."""
        if event.kind not in QUIET and event.detail:
            self.query_one("#activity", Log).write_line(f"{datetime.now():%H:%M:%S}  {event.detail}")
        self.refresh_status()

    def refresh_status(self) -> None:
        s, status = self.session, self.host.status()
        c = s.campaign
        crisis = c.rungs[s.state.crisis()].name
        saved = f" · [dim]saved to {s.path or '(not saved)'} after every step[/dim]" if self.size.width >= 120 else ""
        self.query_one("#host-header", Static).update(
            f"[b]Hosting {c.title}[/b]\nTurn {status.turn} of {status.turns} · crisis: [b]{crisis}[/b]{saved}"
        )
        teams = [(t.id, t.name, s.persona(t.id)) for t in c.teams]
        self.query_one("#team-status", TeamStatus).show(teams, status.connected, status.staged, status.submitted)
        watching = status.observers
        self.query_one("#teams-label", Label).update(
            f"Teams · {len(status.connected)} of {len(status.humans)} online · "
            f"{watching} observer{'s' if watching != 1 else ''}"
        )
        names = c.short_names()
        banner = self.query_one("#host-banner", Static)
        waiting = [names[t] for t in status.humans if t not in status.submitted]
        ready = not status.ended and not waiting
        banner.set_class(ready, "-ready")
        if status.ended:
            banner.update(f"The game is over: {status.ended}.")
        elif ready:
            banner.update(f"Every team has submitted its orders for turn {status.turn}. Press a to adjudicate.")
            if self.all_in_turn != status.turn:
                self.all_in_turn = status.turn
                self.app.bell()
                self.notify(f"Every team has submitted for turn {status.turn}: press a to adjudicate.", title="All orders in")
        else:
            done = len(status.humans) - len(waiting)
            banner.update(
                f"{done} of {len(status.humans)} teams have submitted; waiting for {', '.join(waiting)}. "
                "[dim]a adjudicates now anyway (missing orders count as none).[/dim]"
            )

    # -- actions -------------------------------------------------------------------------------------
    def action_adjudicate(self) -> None:
        self.app.open_adjudication()

    def action_facilitator(self) -> None:
        from .facilitator import FacilitatorScreen

        self.app.with_facilitator(lambda: self.app.push_screen(FacilitatorScreen(self.session)))

    def action_reveal(self) -> None:
        self.reveal = not self.reveal
        self.show_lines()

    def action_copy(self) -> None:
        self.app.copy_to_clipboard("\n".join([*self.team_lines, self.observer_line]))
        self.notify("Join lines copied to the clipboard (if your terminal allows it).")
