"""The facilitator's ruling: an outcome (and for free-form moves, an escalation) with a reason, and what it changes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from ...core.orders import RulingEffects
from ..widgets.ruling_effects import RulingEffectsForm
from .base import Dialog

Preview = Callable[[str, int], Sequence[str]]
"""(outcome, escalation) -> sentences saying what the ruling would change this turn."""


@attrs.frozen
class ArgumentChoices:
    """What a ruling on odds may name, as (id, name) pairs: the words of the estimative scale (with
    their chances, for the white cell), rungs, thresholds, teams, tracks and channels."""

    words: tuple[tuple[str, float], ...]
    rungs: tuple[tuple[str, str], ...] = ()
    thresholds: tuple[tuple[str, str], ...] = ()
    teams: tuple[tuple[str, str], ...] = ()
    tracks: tuple[tuple[str, str], ...] = ()
    channels: tuple[tuple[str, str], ...] = ()
    describe: Callable[[RulingEffects], str] | None = None


class RulingDialog(Dialog):
    """Returns (outcome, escalation, reason, detected, share_reason), or None when cancelled. Every
    ruling needs a reason. `detected` and `share_reason` are asked for free-form moves only.

    With `arguments` (free-form moves), the white cell may set the odds in words instead of the
    outcome, and what success and failure each change; the result then has three more items:
    (odds, on_success, on_failure). Odds "" rule outright, as before.

    `counters` are the counter-arguments (and votes) the move drew, in words, shown below the move;
    `voted` is the word the teams' vote gave (`rules.odds_by = "vote"`), with which the odds start.

    With `preview`, the dialog shows what the ruling as it stands would change (rungs, injects that
    now fire, outcomes, tracks), and redraws it whenever the outcome or the escalation changes, so
    that the white cell sees a knock-on effect before it confirms.
    """

    DEFAULT_CSS = """
    RulingDialog .ruling-row { height: 1; margin-top: 1; }
    RulingDialog .ruling-row Label { margin: 0 1 0 0; width: auto; }
    RulingDialog .ruling-row Select { width: 16; margin-right: 2; }
    RulingDialog .ruling-row Input { width: 6; }
    RulingDialog #detail { max-height: 3; overflow: hidden; }
    RulingDialog #counters { height: auto; max-height: 6; margin-top: 1; }
    RulingDialog #changes-scroll { height: auto; max-height: 7; }
    RulingDialog #changes { height: auto; }
    RulingDialog #changes.-nothing { color: $warning; }
    RulingDialog .ruling-row Select#odds { width: 30; }
    RulingDialog #effects { height: auto; }
    RulingDialog #effects Label.effects-head { margin-top: 0; }
    """

    def __init__(
        self,
        title: str,
        detail: str,
        with_escalation: bool = False,
        preview: Preview | None = None,
        outcome: str = "success",
        arguments: ArgumentChoices | None = None,
        counters: str = "",
        voted: str = "",
    ):
        super().__init__()
        self.counters = counters
        self.voted = voted
        self.arguments = arguments
        self.heading = title
        self.detail = detail
        self.with_escalation = with_escalation
        self.preview = preview
        self.outcome = outcome

    def compose(self) -> ComposeResult:
        # A card that scrolls: with the odds and both outcomes' effects it is taller than 24 lines.
        with VerticalScroll(classes="card", can_focus=False):
            yield Label(f"[b]{self.heading}[/b] (Esc to cancel)")
            yield Static(Text(self.detail), classes="muted", id="detail")
            if self.counters:
                yield Static(Text(self.counters), id="counters")
            if self.arguments is not None:
                with Horizontal(classes="ruling-row"):
                    yield Label("Odds")
                    words = [(f"{word} ({round(chance * 100):g}%)", word) for word, chance in self.arguments.words]
                    yield Select(
                        [("outright: the outcome below", ""), *words], value=self.voted, id="odds", allow_blank=False,
                        compact=True,
                    )
                if self.voted:
                    yield Static(
                        f"The teams' vote sets the odds: {self.voted}. Rule on odds to roll it; the roll uses the vote.",
                        classes="muted", id="voted",
                    )
                a = self.arguments
                with Vertical(id="effects"):
                    yield Label("[b]If it succeeds[/b]", classes="effects-head")
                    yield RulingEffectsForm(a.rungs, a.thresholds, a.teams, a.tracks, a.channels, id="on-success")
                    yield Label("[b]If it fails[/b]", classes="effects-head")
                    yield RulingEffectsForm(a.rungs, a.thresholds, a.teams, a.tracks, a.channels, id="on-failure")
            with Horizontal(classes="ruling-row", id="outright"):
                yield Label("Outcome")
                yield Select(
                    [("Success", "success"), ("Failure", "failure")], value=self.outcome, id="outcome",
                    allow_blank=False, compact=True,
                )
                if self.with_escalation:
                    yield Label("Escalation on the dyad (rungs, ±)")
                    yield Input("0", id="escalation", restrict=r"-?[0-9]*", max_length=3, compact=True)
            if self.with_escalation:
                yield Checkbox("If secret: it was detected (others learn of it)", id="detected", compact=True)
                yield Checkbox("Share the reason with the teams told of it", id="share", compact=True)
            if self.preview is not None:
                yield Label("[b]What this ruling changes this turn[/b]")
                # Not a stop for Tab: from the outcome, Tab goes on to the reason the facilitator types.
                with VerticalScroll(id="changes-scroll", can_focus=False):
                    yield Static(id="changes")
            yield Label("Reason (recorded in the save and the report)")
            yield Input(placeholder="Why the white cell rules so", id="reason", max_length=500, compact=True)
            yield Static("", classes="problem", id="problem")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Record ruling", id="record", variant="warning", compact=True)

    def on_mount(self) -> None:
        self.show_odds_or_outcome()
        self.show_changes()

    def odds(self) -> str:
        """The word the odds are set with, or "" when the ruling is outright."""
        return str(self.query_one("#odds", Select).value or "") if self.arguments is not None else ""

    def show_odds_or_outcome(self) -> None:
        """Odds in words ask for each outcome's effects; an outright ruling asks for the outcome and a shift."""
        if self.arguments is None:
            return
        argued = bool(self.odds())
        self.query_one("#effects").display = argued
        self.query_one("#outright").display = not argued

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "odds":
            self.show_odds_or_outcome()
        self.show_changes()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "escalation" or self.odds():
            self.show_changes()

    def escalation(self) -> int | None:
        """The escalation typed so far (0 when the dialog asks for none), or None when it is not a number."""
        if not self.with_escalation:
            return 0
        raw = self.query_one("#escalation", Input).value.strip() or "0"
        try:
            return int(raw)
        except ValueError:
            return None

    def show_changes(self) -> None:
        if self.preview is None:
            return
        changes = self.query_one("#changes", Static)
        if self.odds():
            # What each outcome would change, in words: not adjudicated, so that the white cell sets the
            # odds without seeing how the roll falls.
            lines = [f"The move is rolled at {self.odds()} when the ruling is recorded."]
            for label, form in (("If it succeeds", "#on-success"), ("If it fails", "#on-failure")):
                effects = self.query_one(form, RulingEffectsForm).effects()
                said = effects if isinstance(effects, str) else (self.arguments.describe(effects) if self.arguments.describe else "")
                lines.append(f"{label}: {said or 'nothing changes'}")
            changes.set_class(False, "-nothing")
            changes.update(Text("\n".join(lines)))
            return
        escalation = self.escalation()
        if escalation is None:
            changes.update("Type a whole number of rungs to see what the ruling changes.")
            return
        lines = list(self.preview(str(self.query_one("#outcome", Select).value), escalation))
        nothing = len(lines) == 1 and lines[0].startswith("This ruling changes nothing")
        changes.set_class(nothing, "-nothing")
        changes.update(Text("\n".join(lines if nothing else (f"• {line}" for line in lines))))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "record":
            self.record()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.record()

    def record(self) -> None:
        reason = self.query_one("#reason", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not reason:
            problem.update("Give a reason: it is recorded for the after-action review.")
            return
        escalation = self.escalation()
        if escalation is None:
            problem.update("Escalation is a whole number of rungs, such as 1 or -1.")
            return
        detected = share = False
        if self.with_escalation:
            detected = self.query_one("#detected", Checkbox).value
            share = self.query_one("#share", Checkbox).value
        ruled = (self.query_one("#outcome", Select).value, escalation, reason, detected, share)
        if self.arguments is None:
            self.dismiss(ruled)
            return
        odds = self.odds()
        if not odds:
            self.dismiss((*ruled, "", RulingEffects(), RulingEffects()))
            return
        success = self.query_one("#on-success", RulingEffectsForm).effects()
        failure = self.query_one("#on-failure", RulingEffectsForm).effects()
        for label, effects in (("If it succeeds", success), ("If it fails", failure)):
            if isinstance(effects, str):
                problem.update(f"{label}: {effects}")
                return
        self.dismiss((ruled[0], 0, reason, detected, share, odds, success, failure))
