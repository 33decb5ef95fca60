"""The help screen: every key and command of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from rich.table import Table
from textual.widgets import Label, Static

from ..commands import Command


class HelpScreen(ModalScreen[None]):
    """Keys for this screen, then keys that work everywhere."""

    BINDINGS = [("escape,f1,question_mark,q", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1; }
    HelpScreen Static { height: auto; width: 100%; }
    """

    def __init__(self, screen_commands: tuple[Command, ...], app_commands: tuple[Command, ...]):
        super().__init__()
        self.screen_commands = screen_commands
        self.app_commands = app_commands

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("[b]Keys on this screen[/b]  (every command is also in the palette: Ctrl+P)")
            yield Static(self.table(self.screen_commands), id="screen-keys")
            yield Label("[b]Everywhere[/b]")
            yield Static(self.table(self.app_commands), id="app-keys")
            yield Label("[dim]Esc closes this help.[/dim]")

    @staticmethod
    def table(commands: tuple[Command, ...]) -> Table:
        """Key, command and description; descriptions wrap rather than being cut."""
        table = Table(box=None, padding=(0, 1), expand=True)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("command", no_wrap=True)
        table.add_column("what it does", ratio=1)
        for c in commands:
            table.add_row(c.key_label, c.title, c.help)
        return table

    def action_dismiss(self) -> None:
        self.dismiss(None)
