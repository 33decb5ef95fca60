"""Shared frame for dialogs: a centred card, Escape cancels."""

from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static


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


class FormDialog(Dialog):
    """A card of inputs with an "ok" and a "cancel" button: Enter in an input or "ok" calls `confirm`,
    which checks the inputs and dismisses with the answer, or shows a `problem`."""

    FIRST = "Input"
    """The widget focused when the card opens (a selector)."""

    def on_mount(self) -> None:
        self.query(self.FIRST).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self.confirm()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.confirm()

    def problem(self, text: str) -> None:
        self.query_one("#problem", Static).update(text)

    def confirm(self) -> None:
        raise NotImplementedError
