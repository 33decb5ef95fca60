"""Declare a public red line: one the campaign offers the team, or, where it allows, one composed of parts
(a dyad reaching a rung, or a track crossing a bound)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from ...core.model import Condition
from ...core.orders import DeclareOrder
from .base import Dialog

COMPOSE = "__compose__"
"""The choice that opens the parts of a composed line."""
KINDS = [("a dyad reaches a rung", "dyad"), ("a track crosses a bound", "track")]
BOUNDS = [("falls to or below", "at_most"), ("rises to or above", "at_least")]
TEXT_LIMIT = 300


class DeclareDialog(Dialog):
    """Returns a DeclareOrder, or None when cancelled.

    `offers` are the view's `RedLineOffer`s (those with a refusal are not offered); with `compose`, the
    team may also write its own line: a dyad reaching a rung, or a track crossing a bound (its own
    tracks, or another team's credibility: the only track of another team everyone sees), a move that
    enforces it, a last turn. `tracks` are (team, track, label) for the track choices.
    """

    BINDINGS = [("escape", "cancel", "Cancel"), ("ctrl+s", "declare", "Declare")]
    DEFAULT_CSS = """
    DeclareDialog .card Label { margin-top: 0; }
    DeclareDialog #terms { color: $text-muted; height: auto; margin-bottom: 1; }
    DeclareDialog #parts { height: auto; }
    DeclareDialog #parts.-hidden { display: none; }
    DeclareDialog .-hidden { display: none; }
    """

    def __init__(self, offers, compose: bool, dyads, rungs, moves, names: dict[str, str], turn: int, tracks=()):
        super().__init__()
        self.offers = [o for o in offers if not o.refusal]
        self.compose_allowed = compose
        self.dyads = dyads
        self.rungs = rungs
        self.moves = moves
        self.names = names
        self.turn = turn
        self.tracks = list(tracks)

    def compose(self) -> ComposeResult:
        choices = [(o.text, o.id) for o in self.offers]
        if self.compose_allowed:
            choices.append(("Compose a line of your own…", COMPOSE))
        with VerticalScroll(classes="card"):
            yield Label("[b]Declare a red line[/b] (Esc to cancel)")
            yield Static(
                "Every team reads it at once. If it is crossed and you do not enforce it in time, "
                "your public makes you pay in support and credibility.", id="warning",
            )
            yield Label("Line")
            yield Select(choices, id="line", allow_blank=False, compact=True)
            yield Static(self.terms(choices[0][1]), id="terms")
            with VerticalScroll(id="parts", classes="-hidden"):
                yield Label("In words (read out to every team)")
                yield Input(id="text", max_length=TEXT_LIMIT, compact=True)
                yield Label("Crossed when")
                yield Select(KINDS if self.tracks else KINDS[:1], id="kind", allow_blank=False, compact=True)
                pairs = [(f"{self.names[d.teams[0]]}–{self.names[d.teams[1]]}", f"{d.teams[0]}|{d.teams[1]}") for d in self.dyads]
                yield Select(pairs, id="dyad", allow_blank=False, compact=True, classes="-dyad")
                yield Label("reaches", classes="-dyad")
                yield Select([(r.name, r.id) for r in self.rungs[1:]], id="rung", allow_blank=False, compact=True, classes="-dyad")
                if self.tracks:
                    choices = [(label, f"{team}|{track}") for team, track, label in self.tracks]
                    yield Select(choices, id="track", allow_blank=False, compact=True, classes="-track -hidden")
                    yield Select(BOUNDS, id="bound", allow_blank=False, compact=True, classes="-track -hidden")
                    yield Input(id="value", type="number", placeholder="a value, e.g. 0.4", compact=True, classes="-track -hidden")
                yield Label("Enforced by")
                yield Select([(m.name, m.id) for m in self.moves], id="enforce", allow_blank=False, compact=True)
                yield Label("Stands until turn (empty: until tested)")
                yield Input(id="until", type="integer", compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Declare (Ctrl+S)", id="declare", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#line", Select).focus()
        self.query_one("#parts").set_class(self.offers != [] or not self.compose_allowed, "-hidden")

    def terms(self, choice) -> str:
        offer = next((o for o in self.offers if o.id == choice), None)
        if offer is None:
            return "Say what crosses it and what you will do."
        turns = f"{offer.within} turn{'s' if offer.within != 1 else ''}"
        return f"Crossed when {offer.condition}. You answer with {offer.enforce} within {turns}."

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "line":
            self.query_one("#terms", Static).update(self.terms(event.value))
            self.query_one("#parts").set_class(event.value != COMPOSE, "-hidden")
        elif event.select.id == "kind":
            for widget in self.query(".-dyad"):
                widget.set_class(event.value != "dyad", "-hidden")
            for widget in self.query(".-track"):
                widget.set_class(event.value != "track", "-hidden")

    def action_declare(self) -> None:
        self.declare()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "declare":
            self.declare()
        else:
            self.dismiss(None)

    def declare(self) -> None:
        choice = self.query_one("#line", Select).value
        if choice != COMPOSE:
            self.dismiss(DeclareOrder(line=choice))
            return
        problem = self.query_one("#problem", Static)
        text = " ".join(self.query_one("#text", Input).value.split())
        if not text:
            problem.update("Say the line in words: it is read out to every team.")
            return
        until_text = self.query_one("#until", Input).value.strip()
        until = int(until_text) if until_text else 0
        if until and until < self.turn:
            problem.update(f"Turn {until} has passed; this is turn {self.turn}.")
            return
        if self.query_one("#kind", Select).value == "track":
            written = self.query_one("#value", Input).value.strip()
            try:
                value = float(written)
            except ValueError:
                problem.update("Give the bound as a number (e.g. 0.4).")
                return
            team, track = self.query_one("#track", Select).value.split("|")
            bound = self.query_one("#bound", Select).value
            condition = Condition(team=team, track=track, **{bound: value})
        else:
            a, b = self.query_one("#dyad", Select).value.split("|")
            condition = Condition(dyad=(a, b), rung_at_least=self.query_one("#rung", Select).value)
        self.dismiss(
            DeclareOrder(text=text, condition=condition, enforce=(self.query_one("#enforce", Select).value,), until=until)
        )
