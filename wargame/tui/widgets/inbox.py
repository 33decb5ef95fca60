"""A team's inbox: messages that reached it, what it sent, and proposals awaiting its answer."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable


class Inbox(DataTable):
    """Rows of messages; on an open proposal, `a` accepts and `r` rejects it (for this turn's orders)."""

    BINDINGS = [
        Binding("a", "answer(True)", "Accept proposal"),
        Binding("r", "answer(False)", "Reject proposal"),
    ]
    DEFAULT_CSS = "Inbox { height: auto; max-height: 100%; }"

    class Answered(Message):
        def __init__(self, proposal: str, accept: bool):
            super().__init__()
            self.proposal = proposal
            self.accept = accept

    def __init__(self, **kwargs):
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.proposal_rows: dict[int, str] = {}

    def on_mount(self) -> None:
        self.add_columns("Turn", "From → to", "Message")

    def show(self, rows: list[tuple[int, str, str, str]], answers: dict[str, bool]) -> None:
        """Rows of (turn, route, text, open proposal id or "")."""
        self.clear()
        self.proposal_rows = {}
        for i, (turn, route, text, proposal) in enumerate(rows):
            body = Text(text)
            if proposal:
                self.proposal_rows[i] = proposal
                if proposal in answers:
                    body.append(f"  [you will {'ACCEPT' if answers[proposal] else 'REJECT'}]", style="bold yellow")
                else:
                    body.append("  [a: accept · r: reject]", style="bold cyan")
            self.add_row(str(turn), route, body)
        if not rows:
            self.add_row("", "", Text("No messages yet.", style="dim"))

    def action_answer(self, accept: bool) -> None:
        proposal = self.proposal_rows.get(self.cursor_row)
        if proposal:
            self.post_message(self.Answered(proposal, accept))
        else:
            self.app.bell()
