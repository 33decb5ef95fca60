"""The end of a game: why it ended, every team's objectives and score, the escalation history, the report."""

from __future__ import annotations

import json
from pathlib import Path

from rich.markup import escape
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label, Static

from ...core import events as ev
from ...core.replay import escalation_history
from ...persistence.html_report import to_html
from ...persistence.report import build_report, to_markdown
from ...persistence.saves import atomic_write, load_save
from ...problems import ProblemsFound
from ...session import Session
from ..commands import Command, bindings
from ..widgets.escalation_chart import EscalationChart

COMMAND_TABLE = (
    Command("e", "export('md')", "Report (Markdown)", "Write the report as Markdown beside the save", footer_title="Markdown"),
    Command("h", "export('html')", "Report (HTML)", "Write the report as one HTML page beside the save, for projecting", footer_title="HTML"),
    Command("j", "export('json')", "Report (JSON)", "Write the report as JSON beside the save", footer_title="JSON"),
    Command("r", "replay", "Replay", "Replay this game turn by turn"),
    Command("q", "app.quit", "Quit", "Leave wargame (the game is saved)"),
    # The chart and the save's place sit below the tables; on a short screen these keys reach them.
    Command("pagedown", "scroll_body(1)", "Page down", "Scroll the results down a page", footer=False, priority=True),
    Command("pageup", "scroll_body(-1)", "Page up", "Scroll the results up a page", footer=False, priority=True),
)

HEADLINES = {
    "terminal": "The crisis went over the edge",
    "settlement": "A settlement was agreed",
    "facilitator": "The facilitator ended the game",
    "de-escalation": "The crisis calmed down",
    "turn_limit": "Time ran out",
}


class EndScreen(Screen[None]):
    """Shown once a game has ended; the place to start the after-action review."""

    COMMAND_TABLE = COMMAND_TABLE
    BINDINGS = bindings(COMMAND_TABLE)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    DEFAULT_CSS = """
    EndScreen #end-body { height: 1fr; padding: 0 1; }
    EndScreen #end-reason { height: auto; padding: 0 1; margin-top: 1; background: $boost; border-left: thick $accent; }
    EndScreen #end-columns { height: auto; layout: vertical; }
    EndScreen .end-column { height: auto; width: 100%; }
    EndScreen.-wide #end-columns { layout: horizontal; }
    EndScreen.-wide #end-left { width: 3fr; }
    EndScreen.-wide #end-right { width: 2fr; margin-left: 2; }
    EndScreen .end-section { text-style: bold; color: $primary; margin-top: 1; }
    EndScreen DataTable { height: auto; }
    EndScreen #end-hint { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, session: Session):
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        c = self.session.campaign
        names = c.short_names()
        rungs = [
            {"id": r.id, "name": r.name, "band": r.band, "firebreak": r.firebreak, "terminal": r.terminal}
            for r in c.rungs
        ]
        yield Header()
        with VerticalScroll(id="end-body"):
            yield Static(self._reason(), id="end-reason")
            with Horizontal(id="end-columns"):
                with Vertical(id="end-left", classes="end-column"):
                    yield Label("Scores", classes="end-section")
                    yield DataTable(id="scores", cursor_type="row", zebra_stripes=True)
                    yield Label("Objectives", classes="end-section")
                    yield DataTable(id="objectives", cursor_type="row", zebra_stripes=True)
                with Vertical(id="end-right", classes="end-column"):
                    yield Label("Escalation by dyad, turn by turn", classes="end-section")
                    yield EscalationChart(rungs, escalation_history(c, self.session.records), names, id="chart")
            if self.session.path:
                yield Label(f"Saved in {escape(self.session.path)}; reports (e, h, j) are written next to it.", id="end-hint")
        yield Footer()

    def action_scroll_body(self, pages: int) -> None:
        body = self.query_one("#end-body", VerticalScroll)
        (body.scroll_page_down if pages > 0 else body.scroll_page_up)(animate=False)

    def _reason(self) -> Text:
        ended = next((e for e in reversed(self.session.log) if isinstance(e, ev.GameEnded)), None)
        text = Text()
        if ended is None:
            text.append("The game is over", style="bold")
            if self.session.ended:
                text.append(f" ({self.session.ended})")
            return text
        text.append(HEADLINES.get(ended.reason, "The game is over"), style="bold")
        text.append(f" — on turn {ended.turn}\n")
        detail = ended.detail[:1].upper() + ended.detail[1:]
        text.append(f"{detail}.", style="italic")
        text.append(f"  (ending: {ended.reason.replace('_', ' ')})", style="dim")
        return text

    def on_mount(self) -> None:
        c = self.session.campaign
        self.sub_title = f"{c.title}: game over"
        names = {t.id: t.name for t in c.teams}
        totals = {t.id: sum(e.points for e in self.scored if e.team == t.id) for t in c.teams}
        scores = self.query_one("#scores", DataTable)
        scores.add_columns("team", "played by", "points", "objectives met")
        best = max(totals.values(), default=0)
        for team_id in sorted(totals, key=lambda t: -totals[t]):
            mine = [e for e in self.scored if e.team == team_id]
            style = "bold" if totals[team_id] == best and best > 0 else ""
            persona = self.session.persona(team_id)
            scores.add_row(
                Text(names[team_id], style=style),
                Text(f"bot ({persona})" if persona else "humans"),
                Text(str(totals[team_id]), style=style, justify="right"),
                Text(f"{sum(e.met for e in mine)} of {len(mine)}"),
                key=team_id,
            )
        scores.focus()
        self.call_after_refresh(self._fill_objectives)

    @property
    def scored(self) -> list[ev.ObjectiveScored]:
        return [e for e in self.session.log if isinstance(e, ev.ObjectiveScored)]

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill_objectives)

    def _fill_objectives(self) -> None:
        """Objectives wrap in their column, so the table is laid out again for the width it has."""
        table = self.query_one("#objectives", DataTable)
        names = {t.id: t.name for t in self.session.campaign.teams}
        scored = self.scored
        team_width = max((len(n) for n in names.values()), default=4)
        # each column has one cell of padding either side; keep 2 for a scrollbar
        room = table.size.width - (team_width + 2) - (3 + 2) - (6 + 2) - 2 - 2
        table.clear(columns=True)
        table.add_column("team", width=team_width)
        table.add_column("objective", width=max(room, 20))
        table.add_column("met", width=3)
        table.add_column("points", width=6)
        for e in scored:
            table.add_row(
                Text(names.get(e.team, e.team)),
                Text(e.description),
                Text("yes", style="bold") if e.met else Text("no", style="dim"),
                Text(str(e.points), justify="right"),
                height=None,
            )
        if not scored:
            table.add_row(Text("—"), Text("no objectives were scored"), Text(""), Text(""))

    # -- actions -------------------------------------------------------------------------------------------
    def action_export(self, fmt: str) -> None:
        if not self.session.path:
            self.notify("This game has no save file to report on.", severity="error", title="No report")
            return
        self._export(self.session.path, fmt)

    @work(thread=True, group="end-export")
    def _export(self, save_path: str, fmt: str) -> None:
        """Reading the save back and writing the report happen off the UI thread."""
        save = Path(save_path)
        target = save.with_name(f"{save.stem}-report.{fmt}")
        try:
            report = build_report(load_save(save_path))
            renderers = {
                "json": lambda r: json.dumps(r, indent=2, ensure_ascii=False) + "\n",
                "html": to_html,
                "md": to_markdown,
            }
            text = renderers[fmt](report)
            atomic_write(target, text, backups=0)
        except ProblemsFound as found:
            self._error_from_thread("\n".join(str(p) for p in found.problems), "Cannot read the save")
        except OSError as exc:
            self._error_from_thread(f"Could not write {target}: {exc.strerror or exc}", "Not written")
        else:
            self.app.call_from_thread(self.notify, f"Report written to {target}", title="Report")

    def _error_from_thread(self, message: str, title: str) -> None:
        """A worker's failure, shown as a notification on the UI thread."""
        self.app.call_from_thread(self.notify, message, severity="error", title=title)

    def action_replay(self) -> None:
        from .replay import ReplayScreen

        if not self.session.path:
            self.notify("This game has no save file to replay.", severity="error", title="No replay")
            return
        self._open_replay(self.session.path, ReplayScreen)

    @work(thread=True, exclusive=True, group="end-replay")
    def _open_replay(self, save_path: str, screen_class) -> None:
        """Read the save off the UI thread, then open the viewer on it."""
        try:
            loaded = load_save(save_path)
        except ProblemsFound as found:
            self._error_from_thread("\n".join(str(p) for p in found.problems), "Cannot read the save")
        except OSError as exc:
            self._error_from_thread(f"Could not read {save_path}: {exc.strerror or exc}", "No replay")
        else:
            self.app.call_from_thread(lambda: self.app.push_screen(screen_class(save_path, loaded)))
