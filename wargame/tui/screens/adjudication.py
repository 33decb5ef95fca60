"""The turn's outcomes before they are committed: what the room sees, and the facilitator's rulings."""

from __future__ import annotations

import attrs

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...core import events as ev
from ...core.narrative import sentence
from ...core.orders import RULING_NAMES, Intervention, RulingEffects
from ...core.views import FACILITATOR, ROOM
from ...session import Session, SessionError
from ..commands import Command, bindings
from ..widgets.event_log import style_for

SECTIONS = (
    ("Moves", (ev.MoveResolved, ev.OrderRefused, ev.MoveDetected, ev.FreeformResolved)),
    ("Escalation", (ev.EscalationChanged, ev.AccidentRolled)),
    ("Channels and messages", (ev.ChannelChanged, ev.MessageSent, ev.MessageDelivered, ev.MessageLost, ev.ProposalAnswered)),
    ("Commitments", (ev.TreatyTriggered, ev.ConsultationHeld, ev.ObligationSettled, ev.BurdenShortfall,
                     ev.DecisionOpened, ev.DecisionTaken, ev.AllyRestrained, ev.CommitmentChanged)),
    ("Red lines", (ev.RedLineDeclared, ev.RedLineChanged)),
    ("Injects", (ev.InjectFired, ev.InjectPostponed)),
    ("Tracks", (ev.TrackChanged, ev.InteropChanged)),
    ("End", (ev.GameEnded, ev.ObjectiveScored)),
)


class AdjudicationScreen(Screen):
    """Every outcome in order with its rationale; the facilitator may rule before committing."""

    COMMAND_TABLE = (
        Command("ctrl+s", "commit", "Commit turn", "Accept these outcomes, save, and go on to the next turn"),
        Command("o", "rule", "Override / rule", "Facilitator: override the highlighted outcome or rule on a free-form move"),
        Command("f", "toggle_view", "Facilitator view", "Show everything, secret moves included (passphrase)"),
        Command("f2", "facilitator", "Facilitator console", "All orders, injects, pause, save, end (passphrase)"),
    )
    BINDINGS = bindings(COMMAND_TABLE)
    DEFAULT_CSS = """
    AdjudicationScreen #unruled { height: auto; padding: 0 1; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.full = False
        self.rows: list[ev.Event | None] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="adjudication-header")
            yield Static(id="facilitator-bar")
            yield Static(id="unruled")
            yield OptionList(id="outcomes")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_outcomes()
        self.query_one("#outcomes", OptionList).focus()

    def on_screen_resume(self) -> None:
        # Closing the commit dialog resumes this screen after the commit has already replaced it (and
        # perhaps ended the game): only a screen still on the terminal redraws, and never a finished game.
        if not self.is_active:
            return
        if self.session.ended:
            self.app.advance()
            return
        self.refresh_outcomes()

    def refresh_outcomes(self) -> None:
        s = self.session
        events = s.preview()
        shown = [e for e in events if self.full or e.public]
        who = "the facilitator's view: everything, secret moves included" if self.full else "what the room may see (public outcomes)"
        self.query_one("#adjudication-header", Static).update(
            f"[b]Turn {s.turn} of {s.last_turn} — adjudication[/b] · {who}\n"
            "[dim]Each outcome gives its chance, the modifiers and the roll. Ctrl+S commits the turn.[/dim]"
        )
        bar = self.query_one("#facilitator-bar", Static)
        # The reasons are the white cell's: the room sees what was decided, not why, and only of moves
        # it may see (a ruling on a secret move would tell the room that the move exists).
        told = s.interventions if self.full else [i for i in s.interventions if self.room_may_know(i, events)]
        if told:
            rulings = (f"{RULING_NAMES[i.kind]} — {sentence(i.reason)}" if self.full else RULING_NAMES[i.kind] for i in told)
            bar.update(Text("Facilitator rulings this turn: " + "; ".join(rulings)))
            bar.display = True
        else:
            bar.display = False
        self.show_unruled()
        listing = self.query_one("#outcomes", OptionList)
        keep = listing.highlighted
        listing.clear_options()
        self.rows = []
        options = []
        for title, kinds in SECTIONS:
            items = [e for e in shown if isinstance(e, kinds)]
            if not items:
                continue
            options.append(Option(Text(title, style="bold underline"), disabled=True))
            self.rows.append(None)
            for e in items:
                options.append(Option(Text(s.describe(e, FACILITATOR if self.full else ROOM), style=style_for(e))))
                self.rows.append(e)
        if not options:
            options.append(Option(Text("Nothing happened that the room can see.", style="dim"), disabled=True))
            self.rows.append(None)
        listing.add_options(options)
        if keep is not None and keep < len(self.rows):
            listing.highlighted = keep

    @staticmethod
    def room_may_know(ruling: Intervention, events) -> bool:
        """Whether the room may learn of a ruling: one on a move only when that move's outcome is public."""
        if ruling.kind not in ("override", "adjudicate"):
            return True
        kind = ev.MoveResolved if ruling.kind == "override" else ev.FreeformResolved
        return any(
            isinstance(e, kind) and (e.team, e.index) == (ruling.team, ruling.order) and e.public for e in events
        )

    def action_toggle_view(self) -> None:
        def flip() -> None:
            self.full = not self.full
            self.refresh_outcomes()

        if self.full:
            flip()
        else:
            self.app.with_facilitator(flip)

    def show_unruled(self) -> None:
        """Flag free-form moves nobody has ruled on yet, in every view: unruled, they count for nothing."""
        count = len(self.session.unruled_freeform())
        flag = self.query_one("#unruled", Static)
        flag.display = bool(count)
        if count:
            moves = "1 free-form move awaits" if count == 1 else f"{count} free-form moves await"
            flag.update(f"[b $warning]⚑ {moves} a ruling — press o[/] [dim](unruled: no effect)[/]")

    def action_rule(self) -> None:
        row = self.query_one("#outcomes", OptionList).highlighted
        event = self.rows[row] if row is not None and 0 <= row < len(self.rows) else None
        if isinstance(event, (ev.MoveResolved, ev.FreeformResolved)):
            self.app.with_facilitator(lambda: self.open_ruling(event))
        elif self.session.unruled_freeform():
            self.app.with_facilitator(self.rule_next_freeform)
        else:
            self.notify("Highlight a move's outcome or a free-form move to rule on it.", severity="warning")

    def rule_next_freeform(self) -> None:
        """Rule on the first unruled free-form move. The list stays in the view it was in: on the room's
        view (often the projector) a secret move must not appear behind the dialog, nor after it."""
        team, index = self.session.unruled_freeform()[0]
        for event in self.session.preview():
            if isinstance(event, ev.FreeformResolved) and (event.team, event.index) == (team, index):
                if self.full:
                    rows = [row for row, shown in enumerate(self.rows) if shown == event]
                    if rows:
                        self.query_one("#outcomes", OptionList).highlighted = rows[0]
                self.open_ruling(event)
                return

    def open_ruling(self, event) -> None:
        from ..dialogs.ruling import RulingDialog

        freeform = isinstance(event, ev.FreeformResolved)
        title = "Rule on a free-form move" if freeform else "Override an outcome"
        kind = "adjudicate" if freeform else "override"

        def preview(outcome: str, escalation: int) -> tuple[str, ...]:
            tentative = Intervention(kind, "", event.team, event.index, outcome, escalation if freeform else 0)
            try:
                return self.session.preview_changes(tentative)
            except SessionError as exc:
                return (f"Cannot preview this ruling: {exc}",)

        def ruled(result) -> None:
            if result is None:
                return
            outcome, escalation, reason, detected, share, *argued = result
            odds, on_success, on_failure = argued or ("", RulingEffects(), RulingEffects())
            intervention = Intervention(
                kind, reason, event.team, event.index, None if odds else outcome, escalation if freeform else 0,
                detected=detected, share_reason=share, odds=odds, on_success=on_success, on_failure=on_failure,
            )
            if self.app.run_safely(self.session.intervene, intervention):
                self.notify("Ruling recorded; the outcomes below are updated.")
                self.refresh_outcomes()

        # An override usually turns the outcome round, so the dialog starts from the other one.
        outcome = "failure" if isinstance(event, ev.MoveResolved) and event.success else "success"
        # The counters have lines of their own below the move (`counters_of`), not cut off with the move's.
        shown = attrs.evolve(event, counters=()) if freeform and event.counters else event
        detail = self.session.describe(shown, FACILITATOR)
        choices = self.argument_choices() if freeform else None
        counters, voted = self.counters_of(event) if freeform else ("", "")
        dialog = RulingDialog(
            title, detail, with_escalation=freeform, preview=preview, outcome=outcome, arguments=choices,
            counters=counters, voted=voted,
        )
        self.app.push_screen(dialog, ruled)

    def counters_of(self, event) -> tuple[str, str]:
        """The counter-arguments a free-form move drew, a line each, and the word its vote gives ("" with none)."""
        from ...core import arguments

        c = self.session.campaign
        names = {t.id: t.name for t in c.teams}
        lines = [f"{names.get(x.team, x.team)} counters: “{x.text}”" for x in event.counters if x.text]
        votes = [x.odds for x in event.counters if x.odds]
        voted = arguments.median_word(c, votes) if c.rules.odds_by == "vote" else ""
        if votes:
            lines.append("Votes: " + ", ".join(f"{names.get(x.team, x.team)} {x.odds}" for x in event.counters if x.odds))
        if not lines:
            lines = ["No team countered it."]
        return "\n".join(["Counter-arguments:", *lines]), voted

    def argument_choices(self):
        """What a ruling on odds may name in this campaign, for the ruling dialog."""
        from ...core.arguments import effects_in_words
        from ...core.narrative import track_name
        from ..dialogs.ruling import ArgumentChoices

        c = self.session.campaign
        return ArgumentChoices(
            words=tuple((w.word, w.chance) for w in c.rules.estimative_scale),
            rungs=tuple((r.id, r.name) for r in c.rungs),
            thresholds=tuple((r.id, r.threshold or r.name) for r in c.rungs if r.firebreak),
            teams=tuple((t.id, t.name) for t in c.teams),
            tracks=tuple((k, track_name(c, k)) for k in c.track_names()),
            channels=tuple((ch.id, ch.name) for ch in c.channels),
            describe=lambda effects: effects_in_words(c, effects),
        )

    def action_commit(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        def commit() -> None:
            def answered(yes: bool | None) -> None:
                if yes and self.app.run_safely(self.session.commit):
                    self.app.lock_facilitator()
                    self.app.advance()

            question = f"Commit turn {self.session.turn} and save?"
            self.app.push_screen(ConfirmDialog(question + self.unruled_warning(), yes="Commit"), answered)

        self.app.with_facilitator(commit)

    def unruled_warning(self) -> str:
        """A paragraph for the commit question when free-form moves have no ruling, else ""."""
        unruled = self.session.unruled_freeform()
        if not unruled:
            return ""
        names = {t.id: t.name for t in self.session.campaign.teams}
        teams = sorted({names[team] for team, _ in unruled}, key=list(names.values()).index)
        moves = "1 free-form move has" if len(unruled) == 1 else f"{len(unruled)} free-form moves have"
        return (
            f"\n\n⚠ {moves} no ruling yet ({', '.join(teams)}): committed now, "
            f"{'it is' if len(unruled) == 1 else 'they are'} recorded as not adjudicated and change nothing. "
            "Cancel and press o to rule first."
        )

    def action_facilitator(self) -> None:
        from .facilitator import FacilitatorScreen

        self.app.with_facilitator(lambda: self.app.push_screen(FacilitatorScreen(self.session)))
