"""The turn's outcomes before they are committed: what the room sees, and the facilitator's rulings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ...core import events as ev
from ...core.orders import Intervention
from ...session import Session
from ..commands import Command, bindings
from ..widgets.event_log import style_for

SECTIONS = (
    ("Moves", (ev.MoveResolved, ev.OrderRefused, ev.MoveDetected, ev.FreeformResolved)),
    ("Escalation", (ev.EscalationChanged, ev.AccidentRolled)),
    ("Channels and messages", (ev.ChannelChanged, ev.MessageSent, ev.MessageDelivered, ev.MessageLost, ev.ProposalAnswered)),
    ("Commitments", (ev.TreatyTriggered, ev.ConsultationHeld, ev.ObligationSettled, ev.BurdenShortfall)),
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

    def __init__(self, session: Session):
        super().__init__()
        self.session = session
        self.full = False
        self.rows: list[ev.Event | None] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="adjudication-header")
            yield Static(id="facilitator-bar")
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
            f"[b]Turn {s.turn} of {s.settings.turns} — adjudication[/b] · {who}\n"
            "[dim]Each outcome gives its chance, the modifiers and the roll. Ctrl+S commits the turn.[/dim]"
        )
        bar = self.query_one("#facilitator-bar", Static)
        if s.interventions:
            bar.update("Facilitator rulings this turn: " + "; ".join(f"{i.kind.replace('_', ' ')} — {i.reason}" for i in s.interventions))
            bar.display = True
        else:
            bar.display = False
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
                options.append(Option(Text(s.describe(e), style=style_for(e))))
                self.rows.append(e)
        if not options:
            options.append(Option(Text("Nothing happened that the room can see.", style="dim"), disabled=True))
            self.rows.append(None)
        listing.add_options(options)
        if keep is not None and keep < len(self.rows):
            listing.highlighted = keep

    def action_toggle_view(self) -> None:
        def flip() -> None:
            self.full = not self.full
            self.refresh_outcomes()

        if self.full:
            flip()
        else:
            self.app.with_facilitator(flip)

    def action_rule(self) -> None:
        row = self.query_one("#outcomes", OptionList).highlighted
        event = self.rows[row] if row is not None and 0 <= row < len(self.rows) else None
        if not isinstance(event, (ev.MoveResolved, ev.FreeformResolved)):
            self.notify("Highlight a move's outcome or a free-form move to rule on it.", severity="warning")
            return
        self.app.with_facilitator(lambda: self.open_ruling(event))

    def open_ruling(self, event) -> None:
        from ..dialogs.ruling import RulingDialog

        freeform = isinstance(event, ev.FreeformResolved)
        title = "Rule on a free-form move" if freeform else "Override an outcome"

        def ruled(result) -> None:
            if result is None:
                return
            outcome, escalation, reason = result
            kind = "adjudicate" if freeform else "override"
            intervention = Intervention(kind, reason, event.team, event.index, outcome, escalation if freeform else 0)
            if self.app.run_safely(self.session.intervene, intervention):
                self.notify("Ruling recorded; the outcomes below are updated.")
                self.refresh_outcomes()

        self.app.push_screen(RulingDialog(title, self.session.describe(event), with_escalation=freeform), ruled)

    def action_commit(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        def commit() -> None:
            def answered(yes: bool | None) -> None:
                if yes and self.app.run_safely(self.session.commit):
                    self.app.lock_facilitator()
                    self.app.advance()

            self.app.push_screen(ConfirmDialog(f"Commit turn {self.session.turn} and save?", yes="Commit"), answered)

        self.app.with_facilitator(commit)

    def action_facilitator(self) -> None:
        from .facilitator import FacilitatorScreen

        self.app.with_facilitator(lambda: self.app.push_screen(FacilitatorScreen(self.session)))
