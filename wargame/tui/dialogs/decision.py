"""Vote on every alliance decision open to the team at once: support, block, or stay silent (consent)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Label, Select

from .base import Dialog

CHOICES = [("Support acting", "support"), ("Block acting", "block"), ("No vote: silence is consent", "silent")]
VOTE = {"support": True, "block": False, "silent": None}


class DecisionDialog(Dialog):
    """Returns {treaty id: True (support), False (block) or None (silent)} for every decision shown,
    or None when cancelled.

    `decisions` are the team's treaties with a decision open (`TreatyView`s); `votes` the votes it has
    staged (treaty → support), which the choices start from.
    """

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "vote", "Vote")]
    DEFAULT_CSS = """
    DecisionDialog .card Label { margin-top: 1; }
    """

    def __init__(self, decisions, votes: dict[str, bool], names: dict[str, str]):
        super().__init__()
        self.decisions = list(decisions)
        self.votes = dict(votes)
        self.names = names

    def compose(self) -> ComposeResult:
        many = len(self.decisions) > 1
        with VerticalScroll(classes="card"):
            yield Label(f"[b]Alliance decision{'s' if many else ''}[/b] (Esc to cancel)", id="title")
            for t in self.decisions:
                d = t.decision
                against = f" against {self.names[d.attacker]}" if d.attacker else ""
                yield Label(f"{t.name}: act for {self.names[d.victim]}{against}?")
                start = {True: "support", False: "block"}.get(self.votes.get(t.id), "silent")
                yield Select(CHOICES, value=start, id=f"vote-{t.id}", allow_blank=False, compact=True)
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Vote (Ctrl+S)", id="vote", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query(Select).first().focus()

    def action_vote(self) -> None:
        self.dismiss({t.id: VOTE[self.query_one(f"#vote-{t.id}", Select).value] for t in self.decisions})

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "vote":
            self.action_vote()
        else:
            self.dismiss(None)
