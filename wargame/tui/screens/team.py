"""A team's own screen: its situation in fog of war, the move catalogue and its staged orders."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Markdown, Static, TabbedContent, TabPane

from ...core import events as ev
from ...core.orders import FreeformOrder, MessageOrder, MoveOrder, Response, TeamOrders
from ...core.views import Option
from ...session import Session
from ..commands import Command, bindings
from ..widgets.catalogue import MoveCatalogue
from ..widgets.channels import ChannelPanel
from ..widgets.event_log import EventLog, style_for
from ..widgets.inbox import Inbox
from ..widgets.intel import IntelPanel
from ..widgets.ladder import LadderView
from ..widgets.staged_orders import StagedOrders
from ..widgets.tracks import TrackPanel
from ..widgets.treaties import TreatyPanel

TABS = ("situation", "ladder", "inbox", "intel", "log", "briefing")


class TeamScreen(Screen):
    """Everything one team may know, and the orders it is drafting."""

    COMMAND_TABLE = (
        Command("ctrl+s", "submit", "Submit orders", "Hand in this team's orders for the turn"),
        Command("ctrl+t", "message", "Message", "Send a message or a proposal on a channel"),
        Command("ctrl+o", "freeform", "Free-form", "Describe an action of your own for the facilitator to rule on"),
        Command("ctrl+r", "remove", "Remove order", "Remove the highlighted staged order", footer=False),
        Command("slash", "filter", "Filter moves", "Type to filter the move catalogue", footer=False),
        Command("f2", "facilitator", "Facilitator", "The facilitator console (passphrase)"),
        *(
            Command(str(i + 1), f"tab('{tab}')", f"Show {tab}", f"Switch the left panel to {tab}", footer=False)
            for i, tab in enumerate(TABS)
        ),
    )
    BINDINGS = bindings(COMMAND_TABLE)

    def __init__(self, session: Session, team: str):
        super().__init__()
        self.session = session
        self.team = team
        staged = session.pending.get(team, TeamOrders(team))
        self.moves: list[MoveOrder] = list(staged.moves)
        self.messages: list[MessageOrder] = list(staged.messages)
        self.freeform: list[FreeformOrder] = list(staged.freeform)
        self.answers: dict[str, bool] = {r.proposal: r.accept for r in staged.responses}
        c = session.campaign
        self.names = {t.id: t.name for t in c.teams}
        self.costs = {m.id: m.cost for m in c.moves}
        self.move_names = {m.id: m.name for m in c.moves}

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        c = self.session.campaign
        yield Static(id="team-header")
        with Horizontal(id="team-body"):
            with TabbedContent(id="situation", initial="situation"):
                with TabPane("Situation", id="situation"):
                    with VerticalScroll():
                        # What happened last turn comes first: it is what a team sits down to read.
                        yield Label("[b]Last turn, as you saw it[/b]")
                        yield EventLog(id="last-turn")
                        yield Label("[b]Your tracks[/b]")
                        yield TrackPanel(id="tracks")
                        yield Label("[b]Treaties[/b]")
                        yield TreatyPanel(id="treaties")
                        yield Label("[b]Channels[/b]")
                        yield ChannelPanel(id="channels")
                with TabPane("Ladder", id="ladder"):
                    with VerticalScroll():
                        yield LadderView(id="ladder-view")
                with TabPane("Inbox", id="inbox"):
                    yield Inbox(id="inbox-table")
                with TabPane("Intel", id="intel"):
                    with VerticalScroll():
                        yield IntelPanel(id="intel-panel")
                with TabPane("Log", id="log"):
                    with VerticalScroll():
                        yield EventLog(id="full-log")
                with TabPane("Briefing", id="briefing"):
                    with VerticalScroll():
                        yield Markdown(self.briefing())
            with Vertical(id="orders-side"):
                yield MoveCatalogue(id="catalogue")
                yield StagedOrders(id="staged")
        yield Footer()

    def briefing(self) -> str:
        c = self.session.campaign
        team = c.team(self.team)
        parts = [f"# {team.name}", team.briefing or "_No team briefing._"]
        if team.objectives:
            parts.append("## Your objectives")
            parts += [f"- **{o.points} points** — {o.description}" for o in team.objectives]
        parts += ["## The situation", c.briefing or c.summary or "_No general briefing._"]
        return "\n\n".join(parts)

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one("#move-filter", Input).focus()

    # -- drawing ------------------------------------------------------------------------------
    def remaining(self) -> int:
        return self.session.view(self.team).budget - sum(self.costs.get(m.move, 0) for m in self.moves)

    def refresh_view(self) -> None:
        s, c = self.session, self.session.campaign
        view = s.view(self.team)
        remaining = self.remaining()
        self.query_one("#team-header", Static).update(
            f"[b]{self.names[self.team]}[/b] · turn {view.turn} of {s.settings.turns} · "
            f"budget [b]{remaining}[/b] of {view.budget} left · crisis: [b]{view.crisis}[/b]"
        )
        bounds = {t: c.track_bounds(t) for t in view.tracks}
        self.query_one("#tracks", TrackPanel).show(view.tracks, bounds, {t.id: t.name for t in c.tracks})
        self.query_one("#treaties", TreatyPanel).show(view.treaties, self.names, view.turn)
        self.query_one("#channels", ChannelPanel).show(view.channels, self.names)
        rows = [(r.turn, r.text, style_for(r)) for r in view.events if r.kind != ev.TurnCompleted.KIND]
        last = [(r.turn, r.text, style_for(r)) for r in view.events if r.turn == view.turn - 1 and self.headline(r)]
        self.query_one("#last-turn", EventLog).show(last, "This is the first turn.")
        self.query_one("#full-log", EventLog).show(rows)
        self.query_one("#ladder-view", LadderView).show(c.rungs, view.dyads, c.short_names(), self.team)
        self.query_one("#intel-panel", IntelPanel).show(view.intel, self.names, view.intel_level)
        self.query_one("#inbox-table", Inbox).show(self.inbox_rows(view), self.answers)
        descriptions = {m.id: m.description for m in c.moves}
        self.query_one("#catalogue", MoveCatalogue).show(s.options(self.team), c.short_names(), descriptions, remaining)
        self.query_one("#staged", StagedOrders).show(self.staged_rows())

    def headline(self, seen) -> bool:
        """Whether an event (as the team learnt it) belongs in the last-turn summary (the Log tab keeps everything)."""
        if seen.kind in (ev.TurnCompleted.KIND, ev.InteropChanged.KIND):
            return False
        e = seen.event
        if seen.kind == ev.TrackChanged.KIND:
            # Its own tracks, whatever the cause (the text names the team first).
            return seen.text.startswith(f"{self.names[self.team]} — ")
        if seen.kind in (ev.AccidentRolled.KIND, ev.MoveDetected.KIND):
            return e is not None and (e.happened if isinstance(e, ev.AccidentRolled) else e.detected)
        return True

    def inbox_rows(self, view) -> list[tuple[int, str, str, str]]:
        open_ids = {p.id for p in view.proposals}
        rows = []
        for e in (r.event for r in view.events):
            if isinstance(e, ev.MessageDelivered):
                route = f"{self.names[e.sender]} → {', '.join(self.names[t] for t in e.to)}"
                kind = f"[{e.proposal.replace('_', ' ')} proposal] " if e.proposal else ""
                rows.append((e.turn, route, f"{kind}{e.text}", e.id if e.id in open_ids else ""))
            elif isinstance(e, ev.MessageLost):
                rows.append((e.turn, f"you → {', '.join(self.names[t] for t in e.to)}", f"(unacknowledged: {e.reason})", ""))
            elif isinstance(e, ev.ProposalAnswered):
                rows.append((e.turn, f"{self.names[e.responder]}", f"{e.answer} proposal {e.id}", ""))
        return sorted(rows, key=lambda r: -r[0])

    def staged_rows(self) -> list[tuple[str, str]]:
        return order_rows(self.orders(), self.names, self.move_names, self.costs)

    # -- staging ------------------------------------------------------------------------------
    def on_move_catalogue_chosen(self, message: MoveCatalogue.Chosen) -> None:
        option: Option = message.option
        if option.refusal:
            self.notify(f"{option.name}: {option.refusal}.", severity="warning")
            return
        if option.cost > self.remaining():
            self.notify(f"{option.name} costs {option.cost}; you have {self.remaining()} left.", severity="warning")
            return
        self.moves.append(MoveOrder(option.move, option.target or None))
        self.refresh_view()

    def on_staged_orders_removed(self, message: StagedOrders.Removed) -> None:
        index = message.index
        for bucket in (self.moves, self.messages, self.freeform):
            if index < len(bucket):
                del bucket[index]
                break
            index -= len(bucket)
        else:
            answers = list(self.answers)
            if index < len(answers):
                del self.answers[answers[index]]
        self.refresh_view()

    def on_inbox_answered(self, message: Inbox.Answered) -> None:
        self.answers[message.proposal] = message.accept
        self.refresh_view()

    def action_remove(self) -> None:
        self.query_one("#staged", StagedOrders).action_remove()

    def action_filter(self) -> None:
        self.query_one("#move-filter", Input).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one("#situation", TabbedContent).active = tab

    def action_message(self) -> None:
        from ..dialogs.message import MessageDialog

        channels = self.session.view(self.team).channels
        if not channels:
            self.notify("You are on no channel.", severity="warning")
            return

        def staged(order: MessageOrder | None) -> None:
            if order is not None:
                self.messages.append(order)
                self.refresh_view()

        self.app.push_screen(MessageDialog(self.team, channels, self.names), staged)

    def action_freeform(self) -> None:
        from ..dialogs.freeform import FreeformDialog

        def staged(order: FreeformOrder | None) -> None:
            if order is not None:
                self.freeform.append(order)
                self.refresh_view()

        self.app.push_screen(FreeformDialog(self.team, self.names), staged)

    def orders(self) -> TeamOrders:
        return TeamOrders(
            team=self.team,
            moves=tuple(self.moves),
            freeform=tuple(self.freeform),
            messages=tuple(self.messages),
            responses=tuple(Response(p, a) for p, a in self.answers.items()),
        )

    def action_submit(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        count = len(self.staged_rows())
        question = (
            f"Submit {count} order{'s' if count != 1 else ''} for {self.names[self.team]}? "
            "They cannot be changed after this."
            if count
            else f"Submit no orders for {self.names[self.team]} this turn?"
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.hand_in(self.orders())

        self.app.push_screen(ConfirmDialog(question, yes="Submit"), answered)

    def hand_in(self, orders: TeamOrders) -> None:
        """Give the confirmed orders to the session; the app shows what comes next."""
        if self.app.run_safely(self.session.submit, orders):
            self.app.advance()

    def action_facilitator(self) -> None:
        from .facilitator import FacilitatorScreen

        self.app.with_facilitator(lambda: self.app.push_screen(FacilitatorScreen(self.session)))


def order_rows(
    orders: TeamOrders, names: dict[str, str], move_names: dict[str, str], costs: dict[str, int]
) -> list[tuple[str, str]]:
    """A line and a cost for each of a team's orders, as the staged-orders table shows them."""
    rows = []
    for m in orders.moves:
        target = f" → {names[m.target]}" if m.target else ""
        rows.append((f"Move: {move_names.get(m.move, m.move)}{target}", str(costs.get(m.move, 0))))
    for m in orders.messages:
        kind = f"{m.proposal.replace('_', ' ')} proposal" if m.proposal else "message"
        to = ", ".join(names[t] for t in m.to) or "all members"
        rows.append((f"{kind.capitalize()} on {m.channel} to {to}: “{m.text}”", "—"))
    for f in orders.freeform:
        rows.append((f"Free-form: {f.action}", "—"))
    for r in orders.responses:
        rows.append((f"{'Accept' if r.accept else 'Reject'} proposal {r.proposal}", "—"))
    return rows
