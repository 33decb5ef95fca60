"""The handover card between teams: nothing of the previous team's screen remains."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...session import Session
from ..commands import Command, bindings


class HandoverScreen(Screen):
    """"Pass the keyboard to the Red team — press Enter"."""

    COMMAND_TABLE = (
        Command("enter", "begin", "Start this team's turn", "Show the team screen to the team at the keyboard"),
        Command("enter", "argue", "Counter the free-form moves",
                "In the argument round: show the team the other teams' free-form moves it may counter"),
        Command("f2", "facilitator", "Facilitator console", "All orders, injects, pause, save, end (passphrase)"),
    )
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, session: Session, team: str, argument: bool = False):
        super().__init__()
        self.session = session
        self.team = team
        self.argument = argument  # the keyboard goes to the team for the argument round, not its turn

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Enter starts the team's turn, or in the argument round its counters: the footer shows (and
        # Enter runs) only the line that says what happens now.
        if action in ("begin", "argue"):
            return (action == "argue") == self.argument
        return True

    def compose(self) -> ComposeResult:
        s = self.session
        name = s.campaign.team(self.team).name
        done = [s.campaign.team(t).name for t in s.humans() if t in s.pending]
        waiting = [s.campaign.team(t).name for t in s.humans() if t not in s.pending and t != self.team]
        with Vertical(id="handover-card"):
            # The turn first and the title wrapped: a long title cut at 80 columns took the turn with it.
            yield Static(f"Turn {s.turn} of {s.last_turn} · [b]{escape(s.campaign.title)}[/b]", classes="muted")
            yield Static(f"\n[b]Pass the keyboard to {name}.[/b]\n", id="handover-team")
            if self.argument:
                yield Static("Argument round: every team has given its orders; counter the free-form moves you know of.\n")
            yield Static("Only that team should be watching the screen. Press [b]Enter[/b] when ready.")
            status = []
            if done:
                status.append(f"Orders in: {', '.join(done)}.")
            if waiting:
                status.append(f"Still to play: {', '.join(waiting)}.")
            bots = [s.campaign.team(t).name for t in s.team_ids() if t not in s.humans()]
            if bots:
                status.append(f"Played by bots: {', '.join(bots)}.")
            if s.path:
                # Said here rather than in a toast, which covered the first team's move details.
                status.append(f"The game is saved after every step to {s.path}.")
            yield Static(escape("\n" + " ".join(status)), classes="muted")
        yield Footer()

    def action_begin(self) -> None:
        from .team import TeamScreen

        self.app.show(TeamScreen(self.session, self.team))

    def action_argue(self) -> None:
        from .argument import ArgumentScreen

        self.app.show(ArgumentScreen(self.session, self.team))

    def action_facilitator(self) -> None:
        from .facilitator import FacilitatorScreen

        self.app.with_facilitator(lambda: self.app.push_screen(FacilitatorScreen(self.session)))
