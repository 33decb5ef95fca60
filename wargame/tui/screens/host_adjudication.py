"""Adjudication while hosting: the same preview and rulings, but the commit goes through the host.

`Host.adjudicate_now` commits the session (with the interventions queued on it) and then sends every
connected team and observer its update; committing the session directly would leave them waiting.
"""

from __future__ import annotations

from textual.widgets import Static

from ..commands import Command, bindings
from .adjudication import AdjudicationScreen


class HostAdjudicationScreen(AdjudicationScreen):
    """Opened over the host screen; Escape goes back to it while teams may still submit."""

    COMMAND_TABLE = (
        Command("ctrl+s", "commit", "Commit turn", "Accept these outcomes, save, and send every team the next turn"),
        *AdjudicationScreen.COMMAND_TABLE[1:],
        Command("escape", "back", "Back", "Return to the host screen (teams can still submit or change their orders)"),
    )
    BINDINGS = bindings(COMMAND_TABLE)

    def refresh_outcomes(self) -> None:
        super().refresh_outcomes()
        s = self.session
        names = {t.id: t.name for t in s.campaign.teams}
        missing = [names[t] for t in s.humans() if t not in s.pending]
        if missing:
            who = "the facilitator's view: everything, secret moves included" if self.full else "what the room may see (public outcomes)"
            self.query_one("#adjudication-header", Static).update(
                f"[b]Turn {s.turn} of {s.last_turn} — adjudication[/b] · {who}\n"
                f"[b $warning]Not submitted yet: {', '.join(missing)}[/] — their orders count as none if you commit now; "
                "this preview follows their submissions.\n"
                "[dim]Each outcome gives its chance, the modifiers and the roll. Ctrl+S commits the turn.[/dim]"
            )

    def action_commit(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        s = self.session
        names = {t.id: t.name for t in s.campaign.teams}
        missing = [names[t] for t in s.humans() if t not in s.pending]
        question = f"Commit turn {s.turn}, save, and send every team its update?"
        if missing:
            question += f"\n{', '.join(missing)} {'has' if len(missing) == 1 else 'have'} not submitted: no orders for them this turn."
        question += self.unruled_warning()

        def commit() -> None:
            def answered(yes: bool | None) -> None:
                if yes:
                    self.app.adjudicate()

            self.app.push_screen(ConfirmDialog(question, yes="Commit"), answered)

        self.app.with_facilitator(commit)

    def action_back(self) -> None:
        self.app.pop_screen()
