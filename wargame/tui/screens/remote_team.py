"""The team screen of network play: the hot-seat team screen, with orders going to the host."""

from __future__ import annotations

import attrs
from textual.app import ComposeResult

from ...core.orders import TeamOrders
from ..commands import REJOIN, Command, bindings
from ..remote import RemoteSession
from ..widgets.turn_status import TurnStatus
from .team import TeamScreen


class RemoteTeamScreen(TeamScreen):
    """Every edit is staged on the host (so a dropped terminal gets its draft back); submitting sends the
    orders; who has submitted shows under the header. No facilitator console: that is the host's."""

    COMMAND_TABLE = (
        *(c for c in TeamScreen.COMMAND_TABLE if c.action != "facilitator"),
        Command("ctrl+k", "counter", "Counter", "Counter other teams' free-form moves you know of (the argument round)",
                footer=False, priority=True),  # over the move filter's own Ctrl+K
        REJOIN,
    )
    AFTER_SUBMITTING = "Until the host adjudicates, e on the waiting screen takes them back."
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, session: RemoteSession, team: str):
        super().__init__(session, team)  # type: ignore[arg-type]  # reads only what RemoteSession has
        self.turn_number = session.turn
        self.sent: TeamOrders = session.pending.get(team, TeamOrders(team))
        self.counters = self.sent.counters  # given before submitting: they go with the draft and the orders
        self.offered = len(session.update.arguing)

    def compose(self) -> ComposeResult:
        parts = super().compose()
        yield next(parts)  # the team header comes first; the turn status sits right under it
        yield TurnStatus(id="turn-status")
        yield from parts

    def refresh_view(self) -> None:
        super().refresh_view()
        self.app.draw_status(self)
        orders = self.orders()
        if orders != self.sent:
            self.sent = orders
            self.app.stage(orders)

    def updated(self) -> None:
        """A new Update for the same turn: who has submitted and who is online, and the moves to counter."""
        self.app.draw_status(self)
        arguing = self.session.update.arguing
        if len(arguing) > self.offered:
            self.notify("Another team's free-form move may be countered: Ctrl+K.", title="Argument round")
        self.offered = len(arguing)

    def orders(self) -> TeamOrders:
        return attrs.evolve(super().orders(), counters=self.counters)

    def action_counter(self) -> None:
        """The argument round before submitting (a headless host adjudicates once the last team submits)."""
        from ..dialogs.counter import CounterDialog

        arguing = self.session.update.arguing
        if not arguing:
            self.notify("No other team's free-form move is there for you to counter yet.", title="Argument round")
            return

        def answered(counters) -> None:
            if counters is not None:
                self.counters = counters
                self.refresh_view()  # stages the draft with them

        words = [w.word for w in self.session.campaign.rules.estimative_scale]
        self.app.push_screen(CounterDialog(arguing, words, self.counters), answered)

    def hand_in(self, orders: TeamOrders) -> None:
        self.app.submit(orders)

    def action_freeform(self) -> None:
        """A host with nobody to rule on a free-form move says so before the team writes one."""
        client = getattr(self.app, "client", None)
        refused = client.welcome.freeform if client is not None else ""
        if refused:
            self.notify(refused[0].upper() + refused[1:] + ".", severity="warning", title="No free-form moves in this game")
            return
        super().action_freeform()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return action != "facilitator"

    def action_facilitator(self) -> None:
        """The facilitator console runs on the host, not on a team's terminal."""
