"""After a team has submitted: who else has, live, until the host adjudicates the turn."""

from __future__ import annotations

import attrs
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from ..commands import REJOIN, Command, bindings
from ..remote import RemoteSession
from ..widgets.turn_status import TurnStatus
from .team import order_rows


class WaitingScreen(Screen):
    """"Your orders are in": every human team with its state, redrawn on each Update."""

    COMMAND_TABLE = (
        Command("e", "change", "Change orders", "Take your orders back to change them, until the turn is adjudicated"),
        Command("a", "counter", "Counter", "Counter the other teams' free-form moves you know of (the argument round)"),
        REJOIN,
    )
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, session: RemoteSession, team: str):
        super().__init__()
        self.session = session
        self.team = team
        self.turn_number = session.turn

    def compose(self) -> ComposeResult:
        yield Static(id="team-header")
        yield TurnStatus(id="turn-status")
        with Vertical(id="waiting-card"):
            yield Label(id="waiting-title")
            yield Static(id="waiting-orders")
            yield Static(id="waiting-teams")
            yield Static(id="waiting-arguing")
            yield Static(
                "The host adjudicates the turn once every team has submitted, or when the facilitator decides; "
                "this screen then shows the new turn. Press [b]e[/b] to change your orders until then.",
                classes="muted",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.updated()

    def updated(self) -> None:
        s, u = self.session, self.session.update
        names = {t.id: t.name for t in s.campaign.teams}
        self.query_one("#team-header", Static).update(
            f"[b]{names[self.team]}[/b] · turn {u.turn} of {u.turns} · crisis: [b]{u.crisis}[/b]"
        )
        c = s.campaign
        channels = {ch.id: ch.name for ch in c.channels}
        rows = order_rows(
            u.orders, names, {m.id: m.name for m in c.moves}, {m.id: m.cost for m in c.moves}, channels=channels,
        ) if u.orders else []
        self.query_one("#waiting-title", Label).update(f"[b]Your orders for turn {u.turn} are in.[/b]")
        self.query_one("#waiting-orders", Static).update(
            Text("\n".join(f"• {line}" for line, _ in rows), style="italic") if rows else Text("No orders this turn.", style="dim italic")
        )
        lines = Text()
        for team in u.humans:
            if team in u.submitted:
                lines.append(f"\n✓ {names[team]}", style="bold green").append(" — orders in")
            else:
                lines.append(f"\n… {names[team]}", style="yellow").append(" — still deciding")
            if team not in u.connected:
                lines.append(" (not connected)", style="dim")
        bots = [names[t] for t in names if t not in u.humans]
        if bots:
            lines.append(f"\nPlayed by bots: {', '.join(bots)}.", style="dim")
        lines.append("\n")
        self.query_one("#waiting-teams", Static).update(lines)
        arguing = self.query_one("#waiting-arguing", Static)
        arguing.display = bool(u.arguing)
        if u.arguing:
            given = len(u.orders.counters) if u.orders else 0
            moves = "1 free-form move" if len(u.arguing) == 1 else f"{len(u.arguing)} free-form moves"
            arguing.update(
                f"[b $warning]⚑ Argument round: {moves} of other teams to counter[/] — press [b]a[/b]"
                + (f" (you have answered {given})" if given else "")
            )
        self.app.draw_status(self)

    def action_counter(self) -> None:
        from ..dialogs.counter import CounterDialog

        u = self.session.update
        if not u.arguing or u.orders is None:
            self.notify("No other team's free-form move is there for you to counter.", title="Argument round")
            return

        def answered(counters) -> None:
            if counters is not None and self.session.update.orders is not None:
                self.app.submit(attrs.evolve(self.session.update.orders, counters=counters))

        words = [w.word for w in self.session.campaign.rules.estimative_scale]
        self.app.push_screen(CounterDialog(u.arguing, words, u.orders.counters), answered)

    def action_change(self) -> None:
        self.app.withdraw()
