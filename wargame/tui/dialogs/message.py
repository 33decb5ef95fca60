"""Write a message or a structured proposal on one of the team's channels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.binding import Binding
from textual.widgets import Button, Label, Select, Static, TextArea

from ...core.orders import MessageOrder
from .base import Dialog

TEXT_LIMIT = 2000
"""The longest message a team may send; the counter shows how much is left, and a longer text is refused."""

KINDS = [("Message", ""), ("Proposal: mutual stand-down (one rung down)", "stand_down"),
         ("Proposal: settlement (back to the bottom rung)", "settlement")]


class MessageDialog(Dialog):
    """Returns a MessageOrder, or None when cancelled. The text is a multi-line area, so a long message can be
    read over before it goes; a counter shows its length against the limit."""

    # No priority: Ctrl+S then waits behind the keys typed before it, so a fast typist's last words are sent.
    BINDINGS = [Binding("ctrl+s", "send", "Stage message")]
    DEFAULT_CSS = """
    MessageDialog .card Label { margin-top: 0; }
    MessageDialog .card #message-title { margin-bottom: 1; }
    MessageDialog #text { height: 6; }
    MessageDialog #counter { height: 1; width: 100%; text-align: right; color: $text-muted; margin: 0; }
    MessageDialog #counter.-over { color: $error; text-style: bold; }
    """

    def __init__(self, team: str, channels, names: dict[str, str]):
        super().__init__()
        self.team = team
        self.channels = [c for c in channels if c.status != "suspended"] or list(channels)
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical(classes="card"):
            yield Label("[b]Send over a channel[/b] (Esc to cancel)", id="message-title")
            yield Label("Channel")
            yield Select([(f"{c.name} ({c.status})", c.id) for c in self.channels], id="channel", allow_blank=False, compact=True)
            yield Label("To")
            yield Select(self.recipients(self.channels[0].id), id="to", allow_blank=False, compact=True)
            yield Label("Kind")
            yield Select(KINDS, id="kind", allow_blank=False, compact=True)
            yield Label("Text (sent as written; Enter starts a new line)")
            yield TextArea(id="text", soft_wrap=True, show_line_numbers=False, compact=True)
            yield Label(self.count_line(0), id="counter")
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Stage message (Ctrl+S)", id="send", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#text", TextArea).focus()

    @staticmethod
    def count_line(length: int) -> str:
        if length > TEXT_LIMIT:
            return f"{length} / {TEXT_LIMIT} characters: {length - TEXT_LIMIT} too many"
        return f"{length} / {TEXT_LIMIT} characters"

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        length = len(event.text_area.text.strip())
        counter = self.query_one("#counter", Label)
        counter.update(self.count_line(length))
        counter.set_class(length > TEXT_LIMIT, "-over")

    def recipients(self, channel_id: str) -> list[tuple[str, str]]:
        channel = next(c for c in self.channels if c.id == channel_id)
        others = [m for m in channel.members if m != self.team]
        # Two others may be sent a proposal together: the sender carries it between them (mediation).
        pairs = [(f"Between {self.names[a]} and {self.names[b]}", f"{a}+{b}") for i, a in enumerate(others) for b in others[i + 1 :]]
        everyone = [("Everyone on the channel", "")] if len(others) > 1 else []
        return everyone + [(self.names[m], m) for m in others] + (pairs if len(others) > 1 else [])

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "channel":
            self.query_one("#to", Select).set_options(self.recipients(event.value))

    def action_send(self) -> None:
        self.send()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "send":
            self.send()
        else:
            self.dismiss(None)

    def send(self) -> None:
        text = self.query_one("#text", TextArea).text.strip()
        to = self.query_one("#to", Select).value
        kind = self.query_one("#kind", Select).value
        problem = self.query_one("#problem", Static)
        if not text:
            problem.update("Write something to send.")
            return
        if len(text) > TEXT_LIMIT:
            problem.update(f"The text is {len(text)} characters; shorten it to {TEXT_LIMIT} or fewer.")
            return
        if kind and not to:
            problem.update("A proposal goes to one team, or between two: choose who.")
            return
        self.dismiss(
            MessageOrder(
                channel=self.query_one("#channel", Select).value,
                text=text,
                to=tuple(to.split("+")) if to else (),
                proposal=kind or None,
            )
        )
