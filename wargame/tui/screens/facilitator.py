"""The facilitator console: every team's orders, every dyad, injects and the game's controls."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from ...core import arguments
from ...core.arguments import what_it_does
from ...core.orders import RULING_NAMES, Intervention
from ...core.views import dyads
from ...session import Session
from ..commands import Command, bindings
from ..widgets.ladder import LadderView


class FacilitatorScreen(Screen):
    """Opened over any game screen (behind the passphrase); Escape returns to it."""

    COMMAND_TABLE = (
        Command("escape", "close", "Back", "Return to the game screen"),
        Command("i", "fire", "Fire inject", "Fire the highlighted inject this turn"),
        Command("p", "postpone", "Postpone inject", "Hold the highlighted inject back for some turns"),
        Command("x", "withdraw", "Withdraw ruling", "Withdraw the highlighted intervention of this turn"),
        Command("t", "power('set_track')", "Set track", "White cell: set any team's track to a value, with a reason", footer=False),
        Command("d", "power('set_rung')", "Move dyad", "White cell: put a dyad on a named rung, with a reason", footer=False),
        Command("c", "power('set_channel')", "Set channel", "White cell: open, degrade or cut a channel, with a reason", footer=False),
        Command("n", "power('adhoc_inject')", "Write inject", "White cell: write an inject and fire it this turn, with a reason", footer=False),
        Command("l", "power('set_turns')", "Game length", "White cell: extend or shorten the game, with a reason", footer=False),
        Command("a", "annotate", "Note", "Write what the room said on this turn into the save (shown in the reports)", footer=False),
        Command("space", "pause", "Pause", "Cover the screen while the room talks"),
        Command("ctrl+s", "save", "Save now", "Write the save file now"),
        Command("ctrl+e", "end_game", "End game", "End the game after this turn"),
    )
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Static(id="facilitator-header")
        with Horizontal():
            with VerticalScroll(id="console-left"):
                yield Label("[b]Orders submitted this turn[/b] (secret from the teams)")
                yield DataTable(id="all-orders", cursor_type="row")
                yield Label("[b]Injects[/b] (i: fire · p: postpone)")
                yield DataTable(id="injects", cursor_type="row")
                yield Label("[b]Facilitator interventions queued for this turn[/b] (x: withdraw · t d c n l: white-cell powers)")
                yield DataTable(id="interventions", cursor_type="row")
            with VerticalScroll(id="console-right"):
                yield Label("[b]Every dyad on the ladder[/b]")
                yield LadderView(id="all-dyads")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#all-orders", DataTable).add_columns("Team", "Moves", "Messages / free-form")
        self.query_one("#injects", DataTable).add_columns("Inject", "When", "Status")
        self.query_one("#interventions", DataTable).add_columns("Kind", "What", "Reason")
        self.refresh_console()
        self.query_one("#injects", DataTable).focus()

    def refresh_console(self) -> None:
        s, c = self.session, self.session.campaign
        names = {t.id: t.name for t in c.teams}
        self.query_one("#facilitator-header", Static).update(
            f"[b]Facilitator console[/b] · {c.title} · turn {s.turn} of {s.last_turn} · seed {s.seed} · "
            f"save: {s.path or '(not saved)'}"
        )
        orders = self.query_one("#all-orders", DataTable)
        orders.clear()
        for team in s.team_ids():
            o = s.pending.get(team)
            who = names[team] + ("" if s.persona(team) is None else f" (bot: {s.persona(team)})")
            if o is None:
                orders.add_row(who, Text("not yet submitted", style="dim"), "")
                continue
            moves = ", ".join(m.move + (f"→{m.target}" if m.target else "") for m in o.moves) or "none"
            extra = [f"msg on {m.channel}" for m in o.messages] + [f"free-form: {f.action[:30]}" for f in o.freeform]
            orders.add_row(who, moves, "; ".join(extra))
        injects = self.query_one("#injects", DataTable)
        injects.clear()
        for inj in c.injects:
            when = f"turn {inj.turn}" if inj.turn else ""
            if inj.when is not None:
                when = (when + " + " if when else "") + "condition"
            status = "fired" if inj.id in s.state.fired else (
                f"postponed to turn {s.state.postponed[inj.id]}" if inj.id in s.state.postponed else "waiting"
            )
            injects.add_row(inj.name, when or "facilitator only", status)
        queued = self.query_one("#interventions", DataTable)
        queued.clear()
        for i in s.interventions:
            queued.add_row(RULING_NAMES[i.kind], what_it_does(c, i), i.reason)
        self.query_one("#all-dyads", LadderView).show(c.rungs, dyads(c, s.state), c.short_names())

    def highlighted_inject(self):
        row = self.query_one("#injects", DataTable).cursor_row
        injects = self.session.campaign.injects
        return injects[row] if 0 <= row < len(injects) else None

    def ask(self, title: str, ask_turns: bool, then) -> None:
        from ..dialogs.reason import ReasonDialog

        def answered(result) -> None:
            if result is not None:
                then(*result)
                self.refresh_console()

        self.app.push_screen(ReasonDialog(title, ask_turns), answered)

    def action_fire(self) -> None:
        inj = self.highlighted_inject()
        if inj is None or inj.id in self.session.state.fired:
            self.notify("Highlight an inject that has not fired yet.", severity="warning")
            return
        self.ask(
            f"Fire “{inj.name}” this turn",
            False,
            lambda reason, _turns: self.app.run_safely(self.session.intervene, Intervention("fire_inject", reason, inject=inj.id)),
        )

    def action_postpone(self) -> None:
        inj = self.highlighted_inject()
        if inj is None or inj.id in self.session.state.fired:
            self.notify("Highlight an inject that has not fired yet.", severity="warning")
            return
        self.ask(
            f"Postpone “{inj.name}”",
            True,
            lambda reason, turns: self.app.run_safely(
                self.session.intervene, Intervention("postpone_inject", reason, inject=inj.id, turns=turns)
            ),
        )

    def action_power(self, kind: str) -> None:
        """One of the white cell's powers, set up in a dialog and queued for this turn as an intervention."""
        from ...core.narrative import track_name
        from ..dialogs.power import PowerDialog

        s, c = self.session, self.session.campaign

        def queued(intervention) -> None:
            if intervention is not None and self.app.run_safely(s.intervene, intervention):
                self.notify(f"{RULING_NAMES[intervention.kind].capitalize()}: applied when this turn is committed.")
                self.refresh_console()

        dialog = PowerDialog(
            kind,
            teams=tuple(c.short_names().items()),
            tracks=tuple((k, track_name(c, k)) for k in c.track_names()),
            rungs=tuple((r.id, r.name) for r in c.rungs),
            channels=tuple((ch.id, ch.name) for ch in c.channels),
            last_turn=s.last_turn,
            check=lambda i: arguments.problems(c, s.state, i),
        )
        self.app.push_screen(dialog, queued)

    def action_withdraw(self) -> None:
        row = self.query_one("#interventions", DataTable).cursor_row
        self.app.run_safely(self.session.withdraw_intervention, row)
        self.refresh_console()

    def action_end_game(self) -> None:
        def end(reason: str, _turns: int) -> None:
            if self.app.run_safely(self.session.intervene, Intervention("end_game", reason)):
                # Nothing ends yet: the teams' orders of this turn are still adjudicated first.
                self.notify("The game ends when this turn is committed; the end screen follows.", title="End game")

        self.ask("End the game after this turn", False, end)

    def action_annotate(self) -> None:
        from ...persistence.saves import MAX_ANNOTATION_CHARS
        from ...problems import ProblemsFound
        from ..dialogs.note import NoteDialog

        def written(answer: tuple[str, bool] | None) -> None:
            if answer is None:
                return
            try:
                turn = self.session.annotate(answer[0], shared=answer[1])
            except ProblemsFound as found:
                self.notify("\n".join(p.message for p in found.problems), severity="error")
                return
            self.notify(f"Noted on turn {turn}; the reports show it.")

        self.app.push_screen(
            NoteDialog("White cell's note on this turn", "What the room said (kept in the save, shown in the reports)",
                       max_length=MAX_ANNOTATION_CHARS, ask_share=True),
            written,
        )

    def action_save(self) -> None:
        if self.app.run_safely(self.session.save):
            self.notify(f"Saved to {self.session.path}.")

    def action_pause(self) -> None:
        from .pause import PauseScreen

        self.app.push_screen(PauseScreen())

    def action_close(self) -> None:
        self.app.pop_screen()
