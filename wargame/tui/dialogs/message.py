"""Write a message or a structured proposal on one of the team's channels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from ...core.orders import MessageOrder
from .base import Dialog

KINDS = [("Message", ""), ("Proposal: mutual stand-down (one rung down)", "stand_down"),
         ("Proposal: settlement (back to the bottom rung)", "settlement")]


class MessageDialog(Dialog):
    """Returns a MessageOrder, or None when cancelled."""

    def __init__(self, team: str, channels, names: dict[str, str]):
        super().__init__()
        self.team = team
        self.channels = [c for c in channels if c.status != "suspended"] or list(channels)
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label("[b]Send over a channel[/b] (Esc to cancel)")
            yield Label("Channel")
            yield Select([(f"{c.name} ({c.status})", c.id) for c in self.channels], id="channel", allow_blank=False, compact=True)
            yield Label("To")
            yield Select(self.recipients(self.channels[0].id), id="to", allow_blank=False, compact=True)
            yield Label("Kind")
            yield Select(KINDS, id="kind", allow_blank=False, compact=True)
            yield Label("Text")
            yield Input(placeholder="What you say (sent as written)", id="text", max_length=2000, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Stage message", id="send", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    def recipients(self, channel_id: str) -> list[tuple[str, str]]:
        channel = next(c for c in self.channels if c.id == channel_id)
        others = [m for m in channel.members if m != self.team]
        return ([("Everyone on the channel", "")] if len(others) > 1 else []) + [(self.names[m], m) for m in others]

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "channel":
            self.query_one("#to", Select).set_options(self.recipients(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.send()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send":
            self.send()
        else:
            self.dismiss(None)

    def send(self) -> None:
        text = self.query_one("#text", Input).value.strip()
        to = self.query_one("#to", Select).value
        kind = self.query_one("#kind", Select).value
        problem = self.query_one("#problem", Static)
        if not text:
            problem.update("Write something to send.")
            return
        if kind and not to:
            problem.update("A proposal goes to one team: choose who.")
            return
        self.dismiss(
            MessageOrder(
                channel=self.query_one("#channel", Select).value,
                text=text,
                to=(to,) if to else (),
                proposal=kind or None,
            )
        )
