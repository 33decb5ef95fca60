"""The replay viewer: step through a saved game as the facilitator saw it, or as one team knew it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from ...core import events as ev
from ...core.arguments import with_show_odds
from ...core.model import Campaign
from ...core.narrative import Viewpoint, describe
from ...core.orders import RULING_NAMES, Intervention, TeamOrders, TurnRecord
from ...core.replay import escalation_history
from ...core.state import apply_all, initial_state
from ...core.views import FACILITATOR, team_view, viewpoint, visible
from ...persistence.saves import LoadedSave, load_save
from ...problems import ProblemsFound
from ...session import Session, SessionError
from ..commands import Command, bindings
from ..widgets.escalation_chart import EscalationChart
from ..widgets.tracks import LABELS as TRACK_LABELS
from ..widgets.turn_detail import Line, Section, TurnDetail

COMMAND_TABLE = (
    Command("left", "step(-1)", "Previous", "The turn before (↑ in the timeline too)", priority=True),
    Command("right", "step(1)", "Next", "The turn after (↓ in the timeline too)", priority=True),
    Command("g", "jump", "Jump", "Go to a turn by number (0 is the start)"),
    Command("v", "viewpoint", "Viewpoint", "Everything, or only what one team knew"),
    Command("p", "fork", "Play from here", "A new game after this turn, in a new save"),
    Command("a", "annotate", "Note", "White cell: write a note on this turn into the save (shown in the reports)"),
    Command("pagedown", "scroll_detail(1)", "Scroll down", "Scroll the turn's detail down a page (PgDn; whatever has focus)", footer=False, priority=True),
    Command("pageup", "scroll_detail(-1)", "Scroll up", "Scroll the turn's detail up a page (PgUp; whatever has focus)", footer=False, priority=True),
    Command("home", "scroll_detail(0)", "Top of the turn", "Back to the top of the turn's detail", footer=False),
    Command("q", "close", "Quit", "Leave the replay"),
    # Esc only goes back to a screen the replay was opened from: pressed to dismiss a toast, it must not quit.
    Command("escape", "back", "Back", "Back to the screen the replay was opened from (q quits)", footer=False),
)

WIDE = 140  # columns from which the chart sits beside the turn, under the timeline
ARROWS = {"left": "←", "right": "→"}
MESSAGES = (ev.MessageSent, ev.MessageDelivered, ev.MessageLost, ev.ProposalAnswered)
RESULTS = (ev.GameEnded, ev.ObjectiveScored)
# Consequences are shown indented under the move, inject or roll that caused them.
CONSEQUENCES = (ev.TrackChanged, ev.InteropChanged, ev.ChannelChanged, ev.EscalationChanged, ev.MoveDetected)


def fork_path(source: str, after_turn: int) -> str:
    """`<stem>-fork-t<N>.toml` next to the source, with -2, -3 … when that name is taken."""
    src = Path(source)
    stem = f"{src.stem}-fork-t{after_turn}"
    candidate = src.with_name(f"{stem}.toml")
    n = 2
    while candidate.exists():
        candidate = src.with_name(f"{stem}-{n}.toml")
        n += 1
    return str(candidate)


class ReplayScreen(Screen[None]):
    """A timeline of turns on the left, the chosen turn as the chosen viewer knew it on the right."""

    COMMAND_TABLE = COMMAND_TABLE
    # Arrows in the footer rather than the words "left" and "right", which take room at 80 columns.
    BINDINGS = [replace(b, key_display=ARROWS.get(b.key, b.key_display)) for b in bindings(COMMAND_TABLE)]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]
    DEFAULT_CSS = """
    ReplayScreen #replay-body { height: 1fr; }
    ReplayScreen #replay-side { width: 30; height: 1fr; }
    ReplayScreen #timeline { height: 1fr; }
    ReplayScreen.-wide #timeline { height: auto; max-height: 50%; }
    ReplayScreen #replay-detail { width: 1fr; height: 1fr; padding: 0 1; }
    ReplayScreen .pane-title { text-style: bold; color: $primary; padding: 0 1; }
    ReplayScreen #detail-heading { text-style: bold; color: $accent; }
    ReplayScreen #detail-summary { color: $text-muted; }
    ReplayScreen #chart-side, ReplayScreen #chart-side-title { display: none; }
    ReplayScreen #chart-side-title { margin-top: 1; }
    ReplayScreen #chart-inline-title { margin-top: 1; text-style: bold; color: $accent; }
    ReplayScreen #chart-inline { padding: 0; }
    ReplayScreen.-wide #replay-side { width: 40%; min-width: 56; }
    ReplayScreen.-wide #chart-side, ReplayScreen.-wide #chart-side-title { display: block; }
    ReplayScreen.-wide #chart-inline, ReplayScreen.-wide #chart-inline-title { display: none; }
    ReplayScreen #replay-side:focus-within .pane-title { color: $accent; }
    """

    def __init__(self, path: str, loaded: LoadedSave, viewer: str = FACILITATOR, turn: int | None = None):
        super().__init__()
        self.path = path
        self.loaded = loaded
        # Odds as the teams were shown them in this game (its setting, else the campaign's).
        self.campaign: Campaign = with_show_odds(loaded.campaign.campaign, loaded.save.settings.show_odds)
        self.records: tuple[TurnRecord, ...] = loaded.save.turns
        self.names = {t.id: t.name for t in self.campaign.teams}
        if viewer != FACILITATOR and viewer not in self.names:
            raise ValueError(f'no team "{viewer}" in this game (teams: {", ".join(self.names)})')
        self.viewer = viewer
        last = len(self.records)
        self.turn = min(max(turn if turn is not None else min(1, last), 0), last)
        self.history = escalation_history(self.campaign, self.records)
        self.rungs = [
            {"id": r.id, "name": r.name, "band": r.band, "firebreak": r.firebreak, "terminal": r.terminal}
            for r in self.campaign.rungs
        ]
        state = initial_state(self.campaign)
        self.states = [state]  # the state at the start and after each turn, for a team's view then
        for record in self.records:
            state = apply_all(self.campaign, state, record.events)
            self.states.append(state)
        self.crisis = [state.crisis() for state in self.states]
        self.ended_on = next(
            (r.number for r in self.records if any(isinstance(e, ev.GameEnded) for e in r.events)), None
        )

    # -- layout ---------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="replay-body"):
            with Vertical(id="replay-side"):
                yield Static(escape(self.campaign.title), classes="pane-title")
                yield DataTable(id="timeline", cursor_type="row", zebra_stripes=True)
                yield Static(classes="pane-title chart-title", id="chart-side-title")
                yield EscalationChart(self.rungs, self._history(), self.campaign.short_names(), id="chart-side")
            with VerticalScroll(id="replay-detail"):
                yield Static(id="detail-heading")
                yield Static(id="detail-summary")
                yield TurnDetail(id="detail")
                # Below the turn on narrow screens, so that what happened is what shows first.
                yield Static(classes="chart-title", id="chart-inline-title")
                yield EscalationChart(self.rungs, self._history(), self.campaign.short_names(), id="chart-inline")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Replay"
        table = self.query_one("#timeline", DataTable)
        table.add_column("Turn", key="turn")
        table.add_column("Crisis at its close", key="crisis")
        table.add_row("start", self._rung_name(0), key="0")
        for record in self.records:
            table.add_row(str(record.number), self._rung_name(record.number), key=str(record.number))
        table.focus()
        # Moving the cursor highlights the row, which shows the turn (see on_data_table_row_highlighted).
        table.move_cursor(row=self.turn, animate=False)
        self._set_titles()

    def _rung_name(self, turn: int) -> str:
        name = self.campaign.rungs[self.crisis[turn]].name
        width = 40 if self.size.width >= WIDE else 21  # the timeline is 30 columns on narrow screens
        return name if len(name) <= width else name[: width - 1] + "…"

    def on_resize(self) -> None:
        table = self.query_one("#timeline", DataTable)
        if table.row_count != len(self.records) + 1:
            return  # not filled yet: on_mount does it with the right width
        for turn in range(len(self.records) + 1):
            table.update_cell(str(turn), "crisis", self._rung_name(turn), update_width=True)

    def _history(self) -> dict[str, list[str]]:
        return {dyad: rungs[: self.turn + 1] for dyad, rungs in self.history.items()}

    @property
    def viewer_name(self) -> str:
        return "Facilitator (everything)" if self.viewer == FACILITATOR else self.names[self.viewer]

    def heading(self) -> str:
        """Whose view and which turn, in words: "What Blue knew after turn 3"."""
        if self.viewer == FACILITATOR:
            return f"{self.viewer_name}, " + ("at the start" if self.turn == 0 else f"turn {self.turn}")
        return f"What {self.viewer_name} knew " + ("at the start" if self.turn == 0 else f"after turn {self.turn}")

    def _set_titles(self) -> None:
        self.sub_title = self.heading()
        self.query_one("#detail-heading", Static).update(escape(self.heading()))

    # -- showing a turn -----------------------------------------------------------------------------
    async def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row != event.data_table.cursor_row:
            return  # a key held down: a later highlight is already queued, show that one
        await self.show_turn(event.cursor_row)

    async def show_turn(self, turn: int) -> None:
        self.turn = turn
        self._set_titles()
        self.query_one("#detail-summary", Static).update(escape(self.summary()))
        up_to = "Escalation at the start" if self.turn == 0 else f"Escalation up to turn {self.turn}"
        for title in self.query(".chart-title").results(Static):
            title.update(up_to)
        for chart in self.query(EscalationChart):
            chart.set_history(self._history())
        await self.query_one(TurnDetail).show(self.sections())
        self.query_one("#replay-detail", VerticalScroll).scroll_home(animate=False)

    def summary(self) -> str:
        last = len(self.records)
        rung = self.campaign.rungs[self.crisis[self.turn]]
        if self.turn == 0:
            held = "no turns yet" if last == 0 else f"{last} turn{'s' if last != 1 else ''}"
            text = f"Crisis at the start: {rung.name} ({rung.band}). The save holds {held}"
        else:
            text = f"Crisis when the turn closed: {rung.name} ({rung.band}). Turn {self.turn} of {last} in the save"
        if self.ended_on is not None:
            return text + f"; the game ended on turn {self.ended_on}."
        return text + "; the game had not ended."

    def sections(self) -> tuple[Section, ...]:
        known = self._known_sections() if self.viewer != FACILITATOR else ()
        if self.turn == 0:
            return self._start_sections() + known
        return self._notes_section() + self._turn_sections() + known

    def _notes_section(self) -> tuple[Section, ...]:
        """The white cell's notes on this turn (a team's view: the shared ones), first: they say what the room said."""
        notes = [
            n for n in self.loaded.save.annotations
            if n.turn == self.turn and (self.viewer == FACILITATOR or n.shared)
        ]
        if not notes:
            return ()
        lines = tuple(
            Line(("(on event " + str(n.event) + ") " if n.event else "") + n.text + (" [shared]" if n.shared else ""))
            for n in notes
        )
        return (Section("White cell's notes", lines),)

    def action_annotate(self) -> None:
        from ...persistence import annotations
        from ..dialogs.note import NoteDialog

        if self.turn == 0:
            self.notify("Choose a turn first: notes are on a turn.", severity="warning")
            return
        turn = self.turn

        async def written(answer: tuple[str, bool] | None) -> None:
            if answer is None:
                return
            try:
                annotations.add(self.path, turn, answer[0], shared=answer[1])
                self.loaded = load_save(self.path)
            except ProblemsFound as found:
                self.notify("\n".join(p.message for p in found.problems), severity="error")
                return
            self.notify(f"Noted on turn {turn} in {Path(self.path).name}.")
            await self.show_turn(turn)

        self.app.push_screen(
            NoteDialog(f"White cell's note on turn {turn}", "What the room said (kept in the save, shown in the reports)",
                       max_length=annotations.MAX_ANNOTATION_CHARS, ask_share=True),
            written,
        )

    def _known_sections(self) -> tuple[Section, ...]:
        """What the viewing team had in front of it after this turn, from its own view (views.team_view)."""
        log = tuple(e for r in self.records[: self.turn] for e in r.events)
        view = team_view(self.campaign, self.states[self.turn], log, self.viewer)
        track_names = TRACK_LABELS | {t.id: t.name for t in self.campaign.tracks}
        own = tuple(Line(f"{track_names.get(k, k)}: {v:g}") for k, v in view.tracks.items())
        intel = tuple(
            Line(f"{self.names.get(team, team)}: " + ", ".join(f"{track_names.get(k, k).lower()} {v:g}" for k, v in tracks.items()))
            for team, tracks in view.intel.items()
        )
        proposals = tuple(
            Line(
                f"{p.kind.replace('_', ' ').capitalize()} from {self.names.get(p.sender, p.sender)} ({p.id}), "
                f"to answer by the end of turn {p.expires}"
            )
            for p in view.proposals
        )
        treaties = {t.id: t.name for t in self.campaign.treaties}
        owed = tuple(
            Line(f"Under {treaties.get(o.treaty, o.treaty)}: a move tagged {o.tag.replace('_', ' ')} by the end of turn {o.due}", mark="warning")
            for t in view.treaties for o in t.owed
        )
        return (
            Section(f"Tracks of {self.viewer_name} (budget {view.budget} next turn)", own),
            Section(f"What its intelligence showed of the others (intelligence {view.intel_level:.2f})", intel, "Nothing."),
            Section("Proposals awaiting its answer", proposals, "None."),
            Section("What it owed its allies", owed, "Nothing was owed."),
        )

    def _turn_sections(self) -> tuple[Section, ...]:
        record = self.records[self.turn - 1]
        shown = [e for e in record.events if visible(e, self.viewer)]
        orders = [o for o in record.orders if self.viewer in (FACILITATOR, o.team)]
        out = [
            Section(
                "Orders" if self.viewer == FACILITATOR else f"Orders of {self.viewer_name}",
                tuple(line for o in orders for line in self._order_lines(o)),
                "No orders were given." if self.viewer == FACILITATOR else "This team gave no orders.",
            ),
            Section(
                "Messages",
                tuple(self._event_line(e) for e in shown if isinstance(e, MESSAGES)),
                "No messages sent or received." if self.viewer != FACILITATOR else "No messages.",
            ),
        ]
        if self.viewer == FACILITATOR:
            out.append(
                Section(
                    "Facilitator interventions",
                    tuple(self._intervention_line(record, i) for i in record.interventions),
                    "None: every outcome stood as rolled.",
                )
            )
        outcomes = []
        cause_shown = False  # a consequence whose cause this viewer cannot see stands on its own
        for e in record.events:
            seen = visible(e, self.viewer)
            if not isinstance(e, CONSEQUENCES):
                cause_shown = seen
            if seen and not isinstance(e, (*MESSAGES, *RESULTS, ev.TurnCompleted)):
                outcomes.append(self._event_line(e, under=cause_shown))
        out.append(Section("Outcomes", tuple(outcomes), "Nothing this side could see."))
        results = tuple(self._event_line(e) for e in shown if isinstance(e, RESULTS))
        if results:
            out.append(Section("How the game ended", results))
        return tuple(out)

    def _start_sections(self) -> tuple[Section, ...]:
        c = self.campaign
        dyads = []
        for dyad, rungs in self.history.items():
            a, b = dyad.split("-", 1)
            rung = next(r for r in c.rungs if r.id == rungs[0])
            dyads.append(Line(f"{self.names[a]}–{self.names[b]}: {rung.name}"))
        scenario = [Line(" ".join(c.summary.split()))] if c.summary.strip() else []
        seats = []
        settings = self.loaded.save.settings
        for t in c.teams:
            played = "humans" if t.id in settings.humans else f"bot ({settings.bots.get(t.id, t.persona)})"
            seats.append(Line(f"{t.name}: {played}"))
        extra = [Line(f"Forked from {settings.forked_from}")] if settings.forked_from else []
        return (
            Section("Scenario", tuple(scenario + extra), c.title),
            Section("Teams", tuple(seats)),
            Section("Escalation at the start", tuple(dyads)),
        )

    def _order_lines(self, orders: TeamOrders) -> list[Line]:
        """One line per team: its moves, then each free-form move and each answer to a proposal."""
        team = self.names.get(orders.team, orders.team)
        moves = {m.id: m.name for m in self.campaign.moves}
        made = [
            moves.get(m.move, m.move) + (f" → {self.names.get(m.target, m.target)}" if m.target else "")
            for m in orders.moves
        ]
        lines = [Line(f"{team}: " + (" · ".join(made) if made else "no catalogue moves"))]
        for m in orders.moves:
            if m.rationale:
                lines.append(Line(f"{team}, why {moves.get(m.move, m.move)}: “{m.rationale}”"))
        for f in orders.freeform:
            target = f" (towards {self.names.get(f.target, f.target)})" if f.target else ""
            because = f" because “{f.argument}”" if f.argument else ""
            lines.append(Line(f"{team}, free-form{target}: “{f.action}”{because}"))
        for r in orders.responses:
            lines.append(Line(f"{team} {'accepts' if r.accept else 'rejects'} proposal {r.proposal}"))
        return lines

    def _intervention_line(self, record: TurnRecord, i: Intervention) -> Line:
        kind = RULING_NAMES[i.kind]
        what = ""
        if i.kind in ("override", "adjudicate") and i.team:
            orders = next((o for o in record.orders if o.team == i.team), None)
            listed = (orders.moves if i.kind == "override" else orders.freeform) if orders else ()
            if i.order is not None and 0 <= i.order < len(listed):
                item = listed[i.order]
                what = getattr(item, "move", None) or getattr(item, "action", "")
                moves = {m.id: m.name for m in self.campaign.moves}
                what = f" {moves.get(what, what)}"
            what = f" {self.names.get(i.team, i.team)}:{what}"
            if i.outcome:
                what += f" → {i.outcome}"
            if i.escalation:
                what += f", escalation {i.escalation:+d}"
        elif i.inject:
            inject = next((j.name for j in self.campaign.injects if j.id == i.inject), i.inject)
            what = f" “{inject}”"
            if i.kind == "postpone_inject":
                what += f" for {i.turns} turn{'s' if i.turns != 1 else ''}"
        return Line(f"{kind.capitalize()}{what} — {i.reason}", mark="accent")

    def _event_line(self, e: ev.Event, under: bool = True) -> Line:
        mark = ""
        match e:
            case ev.MoveResolved():
                mark = "success" if e.success else "failure"
            case ev.OrderRefused() | ev.MessageLost() | ev.BurdenShortfall():
                mark = "failure"
            case ev.ObligationSettled():
                mark = "success" if e.honoured else "failure"
            case ev.ObjectiveScored():
                mark = "success" if e.met else "failure"
            case ev.AccidentRolled():
                mark = "warning" if e.happened else ""
            case ev.InjectFired() | ev.TreatyTriggered() | ev.GameEnded():
                mark = "warning"
        sub = under and isinstance(e, CONSEQUENCES)
        return Line(describe(self.campaign, e, self._viewpoint(e.turn)), sub=sub, mark=mark, note=self._secrecy(e))

    def _viewpoint(self, turn: int) -> Viewpoint:
        """The viewer with what it knew once turn `turn` was adjudicated (its intelligence then)."""
        if self.viewer == FACILITATOR:
            return Viewpoint(FACILITATOR)
        state = self.states[turn] if 0 <= turn < len(self.states) else self.states[-1]
        return viewpoint(self.campaign, state, self.viewer)

    def _secrecy(self, e: ev.Event) -> str:
        if e.public:
            return ""
        if self.viewer != FACILITATOR:
            return "not public"
        if not e.audience:
            return "seen by no team"
        return "seen only by " + ", ".join(self.names.get(t, t) for t in e.audience)

    # -- commands ---------------------------------------------------------------------------------------
    def action_step(self, delta: int) -> None:
        # From the cursor, not self.turn: the cursor moves at once, the shown turn a moment later,
        # and a key held down must not lose steps.
        self.go_to(self.query_one("#timeline", DataTable).cursor_row + delta)

    def go_to(self, turn: int) -> None:
        table = self.query_one("#timeline", DataTable)
        table.move_cursor(row=min(max(turn, 0), len(self.records)))

    def action_jump(self) -> None:
        from ..dialogs.jump import JumpDialog

        def chosen(turn: int | None) -> None:
            if turn is not None:
                self.go_to(turn)

        self.app.push_screen(JumpDialog(self.turn, len(self.records)), chosen)

    def action_viewpoint(self) -> None:
        from ..dialogs.viewpoint import ViewpointDialog

        choices = [(FACILITATOR, "Facilitator (everything)")] + [(t.id, t.name) for t in self.campaign.teams]

        async def chosen(viewer: str | None) -> None:
            if viewer is not None and viewer != self.viewer:
                self.viewer = viewer
                await self.show_turn(self.turn)
                self.notify(f"Showing {self.heading()[0].lower()}{self.heading()[1:]}.", title="Point of view")

        self.app.push_screen(ViewpointDialog(choices, self.viewer), chosen)

    def action_fork(self) -> None:
        from ..dialogs.fork import ForkDialog

        after = self.turn
        if self.ended_on is not None and after >= self.ended_on:
            self.notify(
                f"The game ended on turn {self.ended_on}; play from an earlier turn.",
                severity="error",
                title="Cannot play from here",
            )
            return

        def chosen(choice) -> None:
            if choice is not None:
                self.fork(after, choice.path, choice.bots, choice.humans)

        from ...core.bots import PERSONAS
        from ..dialogs.fork import HUMAN, Seat

        settings = self.loaded.save.settings
        seats = tuple(
            Seat(t.id, t.name, HUMAN if t.id in settings.humans else settings.bots.get(t.id, t.persona))
            for t in self.campaign.teams
        )
        self.app.push_screen(ForkDialog(self.path, after, fork_path(self.path, after), seats, tuple(PERSONAS)), chosen)

    def fork(self, after_turn: int, target: str, bots: dict[str, str] | None = None, humans: tuple[str, ...] | None = None) -> None:
        """Start a new game after `after_turn` in `target`, with teams reseated; the replayed save is only read."""
        try:
            session = Session.fork(self.path, after_turn, target, bots=bots, humans=humans)
        except (SessionError, ProblemsFound) as exc:
            self.notify(str(exc), severity="error", title="Cannot play from here")
            return
        except OSError as exc:
            self.notify(f"Could not write {target}: {exc.strerror or exc}", severity="error", title="Cannot play from here")
            return
        start = getattr(self.app, "start_game", None)
        if start is None:
            self.notify(f"New game saved to {target}; resume it with wargame play --resume.", title="Forked")
            return
        start(session)

    def action_scroll_detail(self, pages: int) -> None:
        detail = self.query_one("#replay-detail", VerticalScroll)
        if pages > 0:
            detail.scroll_page_down(animate=False)
        elif pages < 0:
            detail.scroll_page_up(animate=False)
        else:
            detail.scroll_home(animate=False)

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.dismiss(None)
        else:
            self.app.exit()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.dismiss(None)
