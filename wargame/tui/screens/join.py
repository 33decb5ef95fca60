"""Joining a hosted game: the team and its code (or watching as an observer), and why a join failed."""

from __future__ import annotations

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, Static

from ..commands import Command, bindings


class JoinScreen(Screen):
    """Asks for what the command line did not give; joins at once when it gave everything."""

    COMMAND_TABLE = (
        Command("ctrl+s", "join", "Join", "Join the game as the team typed here, with its code"),
        Command("ctrl+o", "watch", "Watch", "Join as an observer: the projector view, public news only"),
    )
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, url: str, team: str = "", code: str = "", observer: bool = False):
        super().__init__()
        self.url = url
        self.team = team
        self.code = code
        self.observer = observer

    def compose(self) -> ComposeResult:
        with Vertical(id="join-card"):
            yield Label(f"[b]Join the game at {escape(self.url)}[/b]")
            yield Static(
                "Type your team id and the join code from the facilitator's line "
                "([i]wargame join … --team ID --code CODE[/i]), or watch as an observer.",
                classes="muted",
            )
            yield Label("Team id", classes="field")
            yield Input(self.team, placeholder="e.g. blue", id="team", compact=True)
            yield Label("Join code", classes="field")
            # Masked: the screen may be seen by others in the room (or be a browser on a shared display).
            yield Input(self.code, placeholder="the code for your team", id="code", password=True, compact=True)
            yield Static(id="join-problem", classes="error")
            yield Static(id="join-status", classes="muted")
            with Horizontal(classes="buttons"):
                yield Button("Watch as observer", id="watch", compact=True)
                yield Button("Join", id="join", variant="primary", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        if self.observer:
            self.action_watch()
        elif self.team and self.code:
            self.action_join()
        else:
            self.query_one("#code" if self.team else "#team", Input).focus()

    # -- asking -------------------------------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "team" and not self.query_one("#code", Input).value.strip():
            self.query_one("#code", Input).focus()
        else:
            self.action_join()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_join() if event.button.id == "join" else self.action_watch()

    def action_join(self) -> None:
        team = self.query_one("#team", Input).value.strip()
        code = self.query_one("#code", Input).value.strip()
        if not team:
            self.ask("Type your team id first: the word after --team in your join line.", "team")
        elif not code:
            self.ask(f"Type the join code for {team}: the word after --code in your join line.", "code")
        else:
            self.connecting(f"Joining as {team}…")
            self.app.join(team, code)

    def action_watch(self) -> None:
        self.connecting("Joining as an observer…")
        self.app.join(None, None, observer=True)

    # -- answers ------------------------------------------------------------------------------------
    def connecting(self, message: str) -> None:
        self._say("#join-problem", "")
        self._say("#join-status", f"{escape(message)} ({escape(self.url)})")
        for widget in self.query("Input, Button"):
            widget.disabled = True

    def failed(self, reason: str) -> None:
        """Joining did not work: say why (the host's reason, or why it could not be reached)."""
        reason = reason if reason.endswith((".", ")")) else f"{reason}."
        self.ask(f"Could not join: {reason}", "team" if reason.startswith("no team") else "code")

    def ask(self, problem: str, field: str) -> None:
        self._say("#join-problem", escape(problem))
        self._say("#join-status", "")
        for widget in self.query("Input, Button"):
            widget.disabled = False
        self.query_one(f"#{field}", Input).focus()

    def _say(self, selector: str, text: str) -> None:
        line = self.query_one(selector, Static)
        line.update(text)
        line.display = bool(text)
