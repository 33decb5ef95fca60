"""The pause card the facilitator puts up while the room talks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class PauseScreen(ModalScreen[None]):
    """Covers the screen until Enter or Escape."""

    BINDINGS = [("enter,escape,space", "dismiss", "Resume")]
    DEFAULT_CSS = """
    PauseScreen { align: center middle; background: $background 90%; }
    PauseScreen > Vertical { width: 50; height: auto; border: double $warning; padding: 1 2; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Game paused[/b]\n\nThe facilitator has the floor.\n\n[dim]Enter resumes.[/dim]")

    def action_dismiss(self) -> None:
        self.dismiss(None)
