"""The help screen: every key and command of the screen it was opened from."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label

from ..commands import Command


class HelpScreen(ModalScreen[None]):
    """Keys for this screen, then keys that work everywhere."""

    BINDINGS = [("escape,f1,question_mark,q", "dismiss", "Close")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 80; max-width: 95%; height: auto; max-height: 90%;
        border: thick $primary; background: $surface; padding: 0 1; }
    HelpScreen DataTable { height: auto; }
    """

    def __init__(self, screen_commands: tuple[Command, ...], app_commands: tuple[Command, ...]):
        super().__init__()
        self.screen_commands = screen_commands
        self.app_commands = app_commands

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Label("[b]Keys on this screen[/b]  (every command is also in the palette: Ctrl+P)")
            yield DataTable(id="screen-keys", cursor_type="row", zebra_stripes=True)
            yield Label("[b]Everywhere[/b]")
            yield DataTable(id="app-keys", cursor_type="row")
            yield Label("[dim]Esc closes this help.[/dim]")

    def on_mount(self) -> None:
        for table_id, commands in (("#screen-keys", self.screen_commands), ("#app-keys", self.app_commands)):
            table = self.query_one(table_id, DataTable)
            table.add_columns("key", "command", "what it does")
            for c in commands:
                table.add_row(c.key_label, c.title, c.help)
        self.query_one("#screen-keys", DataTable).focus()

    def action_dismiss(self) -> None:
        self.dismiss(None)
