"""Shared frame for dialogs: a centred card, Escape cancels."""

from __future__ import annotations

from textual.screen import ModalScreen


class Dialog(ModalScreen):
    """A centred card; Escape dismisses it with None."""

    BINDINGS = [("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .card { width: 72; max-width: 96%; height: auto; max-height: 95%;
        border: thick $accent; background: $surface; padding: 0 1; }
    Dialog .card Label { margin-top: 1; width: 100%; }
    Dialog .card Input, Dialog .card Select { margin: 0; }
    Dialog .buttons { height: auto; margin-top: 1; align-horizontal: right; }
    Dialog .buttons Button { margin-left: 1; }
    Dialog .problem { color: $error; height: auto; }
    """

    def action_cancel(self) -> None:
        self.dismiss(None)
