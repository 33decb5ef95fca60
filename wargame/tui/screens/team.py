"""A team's own screen: its situation in fog of war, the move catalogue and its staged orders."""

from __future__ import annotations

import attrs
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Markdown, Static, TabbedContent, TabPane

from ...core import events as ev
from ...core import perception
from ...core.orders import MAX_RATIONALE_CHARS, DeclareOrder, FreeformOrder, MessageOrder, MoveOrder, Response, TeamOrders, Vote
from ...core.views import Option
from ...session import Session
from ..commands import Command, bindings
from ..widgets.catalogue import ALT_DIGITS, MoveCatalogue
from ..widgets.channels import ChannelPanel
from ..widgets.event_log import EventLog, style_for
from ..widgets.inbox import Inbox, Letter
from ..widgets.intel import IntelPanel
from ..widgets.ladder import LadderView
from ..widgets.red_lines import RedLinePanel
from ..widgets.staged_orders import StagedOrders
from ..widgets.tracks import TrackPanel
from ..widgets.treaties import TreatyPanel

TABS = ("situation", "ladder", "inbox", "intel", "log", "briefing")
SHORT_SCREEN = 32
"""Below this many rows the panels and the catalogue take turns: the catalogue shows with the panels' tab bar,
and a panel key shows that panel in its place (/ or Esc brings the catalogue back)."""

PROPOSAL_TERMS = {
    "stand_down": "mutual stand-down",
    "settlement": "settlement (back to the bottom rung)",
}


def proposal_kind(kind: str) -> str:
    """A proposal kind in words: "mutual stand-down", not "stand_down"."""
    return PROPOSAL_TERMS.get(kind, kind.replace("_", " "))


def proposal_terms(kind: str, sender: str, responder: str, short: dict[str, str]) -> str:
    """What a proposal proposes, on which dyad: "mutual stand-down on Meridia–Korvath" (the dyad named in the
    campaign's order of teams, as the ladder names it)."""
    order = list(short)
    a, b = sorted((sender, responder), key=lambda t: order.index(t) if t in order else len(order))
    return f"{proposal_kind(kind)} on {short.get(a, a)}–{short.get(b, b)}"


class TeamScreen(Screen):
    """Everything one team may know, and the orders it is drafting."""

    COMMAND_TABLE = (
        Command("ctrl+s", "submit", "Submit orders", "Hand in this team's orders for the turn", footer_title="Submit"),
        Command("ctrl+t", "message", "Message", "Send a message or a proposal on a channel"),
        Command("ctrl+o", "freeform", "Free-form", "Describe an action of your own for the facilitator to rule on"),
        Command("ctrl+l", "declare", "Red line", "Declare a public red line: what you will do if it is crossed",
                footer=False),
        Command("slash", "filter", "Find move", "Clear the move filter and type in it (works from anywhere)",
                priority=True, footer_title="Find"),
        Command("enter", "noop", "Stage move", "In the filter or the table: stage the highlighted move; ↑/↓ choose it",
                footer=False),
        Command("ctrl+r", "remove", "Remove order", "Remove the highlighted staged order (Del in the staged list)",
                footer=False),
        *(
            Command(
                f"alt+{i + 1},{ALT_DIGITS[i]}", f"tab('{tab}')", f"{tab.capitalize()} panel",
                f"Show it (plain {i + 1} outside the filter; Esc or / goes back to moves)",
                footer=i == 0, priority=True, footer_keys="Alt+1…6", footer_title="Panels",
            )
            for i, tab in enumerate(TABS)
        ),
        Command("escape", "moves", "Back to moves", "Close the panel and go back to the move catalogue", footer=False),
        Command("a", "noop", "Accept proposal", "In the Inbox: accept the highlighted proposal", footer=False),
        Command("r", "noop", "Reject proposal", "In the Inbox: reject the highlighted proposal", footer=False),
        Command("f2", "facilitator", "Facilitator", "The facilitator console (passphrase)"),
        Command("ctrl+y", "rationale", "Why", "Say why for the highlighted staged move (shown in the debrief)",
                footer=False, priority=True),
        Command("ctrl+d", "vote", "Vote", "On every alliance decision open to you: support, block, or stay silent (consent)",
                footer=False, priority=True),
    )
    # Plain digits switch panels too; they are no priority, so they type into the filter when it has focus.
    BINDINGS = bindings(COMMAND_TABLE) + [
        Binding(str(i + 1), f"tab('{tab}')", f"{tab.capitalize()} panel", show=False) for i, tab in enumerate(TABS)
    ]

    def __init__(self, session: Session, team: str):
        super().__init__()
        self.session = session
        self.team = team
        staged = session.pending.get(team, TeamOrders(team))
        self.moves: list[MoveOrder] = list(staged.moves)
        self.messages: list[MessageOrder] = list(staged.messages)
        self.freeform: list[FreeformOrder] = list(staged.freeform)
        self.answers: dict[str, bool] = {r.proposal: r.accept for r in staged.responses}
        self.votes: dict[str, bool] = {v.treaty: v.support for v in staged.votes}
        self.declarations: list[DeclareOrder] = list(staged.declarations)
        c = session.campaign
        self.names = {t.id: t.name for t in c.teams}
        self.short = c.short_names()
        self.costs = {m.id: m.cost for m in c.moves}
        self.move_names = {m.id: m.name for m in c.moves}
        self.ready = False

    # -- layout -------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="team-header")
        with Vertical(id="team-body"):
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
                        yield Label("[b]Red lines[/b]")
                        yield RedLinePanel(id="red-lines")
                with TabPane("Ladder", id="ladder"):
                    with VerticalScroll():
                        yield LadderView(id="ladder-view")
                with TabPane("Inbox", id="inbox"):
                    yield Label("[dim]↑/↓ choose a message · [b]a[/b] accept · [b]r[/b] reject a proposal · "
                                "Ctrl+T write one · / back to moves[/dim]", id="inbox-keys")
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
        yield Footer(compact=True, show_command_palette=False)

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
        self.set_class(self.app.size.height < SHORT_SCREEN, "-short")
        self.refresh_view()
        self.query_one("#move-filter", Input).focus()
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.ready = True

    def on_resize(self, event: Resize) -> None:
        short = self.app.size.height < SHORT_SCREEN
        if short != self.has_class("-short"):
            self.set_class(short, "-short")
            self.draw_ladder()

    # -- drawing ------------------------------------------------------------------------------
    def remaining(self) -> int:
        return self.session.view(self.team).budget - sum(self.costs.get(m.move, 0) for m in self.moves)

    def refresh_view(self) -> None:
        s, c = self.session, self.session.campaign
        view = s.view(self.team)
        remaining = self.remaining()
        self.query_one("#team-header", Static).update(
            f"[b]{self.names[self.team]}[/b] · turn {view.turn} of {s.last_turn} · "
            f"budget [b]{remaining}[/b]/{view.budget} left · crisis: [b]{view.crisis}[/b]"
            + (" · [b]⚖ vote: Ctrl+D[/b]" if any(t.decision is not None for t in view.treaties) else "")
        )
        bounds = {t: c.track_bounds(t) for t in view.tracks}
        self.query_one("#tracks", TrackPanel).show(view.tracks, bounds, {t.id: t.name for t in c.tracks})
        self.query_one("#treaties", TreatyPanel).show(view.treaties, self.names, view.turn, self.votes)
        self.query_one("#channels", ChannelPanel).show(view.channels, self.names)
        hint = " Ctrl+L declares one." if any(not o.refusal for o in view.offers) or view.compose_red_lines else ""
        if self.declarations:
            hint = f" You have {len(self.declarations)} staged to declare this turn." + hint
        self.query_one("#red-lines", RedLinePanel).show(view.red_lines, self.names, self.team, c, hint)
        rows = [(r.turn, r.text, style_for(r)) for r in view.events if r.kind != ev.TurnCompleted.KIND]
        last = [(r.turn, r.text, style_for(r)) for r in view.events if r.turn == view.turn - 1 and self.headline(r)]
        self.query_one("#last-turn", EventLog).show(last, "This is the first turn.")
        self.query_one("#full-log", EventLog).show(rows)
        self.draw_ladder()
        track_names = {t.id: t.name for t in c.tracks}
        errors = {(e.team, e.track): e.error for e in view.estimates}  # beliefs (core.perception): ± each estimate
        self.query_one("#intel-panel", IntelPanel).show(
            view.intel, self.names, view.intel_level, track_names, beliefs=perception.active(c), errors=errors,
        )
        letters = self.letters(view)
        self.query_one("#inbox-table", Inbox).show(letters, self.answers)
        waiting = sum(1 for x in letters if x.answerable and x.proposal not in self.answers)
        self.query_one("#situation", TabbedContent).get_tab("inbox").label = f"Inbox ({waiting})" if waiting else "Inbox"
        descriptions = {m.id: m.description for m in c.moves}
        bases = {m.id: m.success.base for m in c.moves}
        self.query_one("#catalogue", MoveCatalogue).show(s.options(self.team), self.short, descriptions, remaining, bases)
        self.query_one("#staged", StagedOrders).show(self.staged_rows())

    def draw_ladder(self) -> None:
        c = self.session.campaign
        view = self.session.view(self.team)
        compact = self.has_class("-short")
        self.query_one("#ladder-view", LadderView).show(c.rungs, view.dyads, self.short, self.team, compact=compact)

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

    def letters(self, view) -> list[Letter]:
        """The inbox from this team's side: who wrote, on which channel, and each proposal's terms and state."""
        channels = {ch.id: ch.name for ch in self.session.campaign.channels}
        open_now = {p.id: p for p in view.proposals}
        told = [r.event for r in view.events if r.event is not None]  # the events as this team learnt them
        answered = {e.id: e for e in told if isinstance(e, ev.ProposalAnswered)}

        def who(team: str) -> str:
            return "you" if team == self.team else self.names[team]

        letters = []
        for e in told:
            if isinstance(e, ev.MessageDelivered):
                route = f"from {self.names[e.sender]}" if e.sender != self.team else f"you → {', '.join(who(t) for t in e.to)}"
                letter = Letter(e.turn, route, channels.get(e.channel, e.channel), e.text)
                if e.proposal:
                    responder = e.to[0] if e.to else self.team
                    if e.id in open_now:
                        p = open_now[e.id]
                        due = "answer this turn" if p.expires <= view.turn else f"answer by turn {p.expires}"
                        state, answerable = "open", True
                    elif e.id in answered:
                        a = answered[e.id]
                        state = a.answer if a.answer == "lapsed" else f"{a.answer} by {who(a.responder)}"
                        due, answerable = "", False
                    else:
                        state, due, answerable = f"awaiting {who(responder)}'s answer", "", False
                    # A proposal carried between two teams is on their dyad, not the carrier's.
                    pair = e.to if len(e.to) == 2 else (e.sender, responder)
                    letter = attrs.evolve(
                        letter, proposal=e.id, terms=proposal_terms(e.proposal, *pair, self.short),
                        state=state, answerable=answerable, due=due,
                    )
                letters.append(letter)
            elif isinstance(e, ev.MessageLost):
                letters.append(Letter(
                    e.turn, f"you → {', '.join(who(t) for t in e.to)}", channels.get(e.channel, e.channel),
                    f"({e.reason})",
                ))
        return sorted(letters, key=lambda x: -x.turn)

    def proposals(self) -> dict[str, tuple[str, str, str]]:
        """Each open proposal to this team: (kind, sender, responder), for naming answers by what they answer."""
        return {p.id: (p.kind, p.sender, p.responder) for p in self.session.view(self.team).proposals}

    def staged_rows(self) -> list[tuple[str, str]]:
        channels = {ch.id: ch.name for ch in self.session.campaign.channels}
        treaties = {t.id: t.name for t in self.session.campaign.treaties}
        lines = {o.id: o.text for o in self.session.view(self.team).offers}
        return order_rows(
            self.orders(), self.names, self.move_names, self.costs, self.proposals(), self.short, channels, treaties,
            lines,
        )

    # -- staging ------------------------------------------------------------------------------
    def on_move_catalogue_chosen(self, message: MoveCatalogue.Chosen) -> None:
        option: Option = message.option
        target = f" → {self.short.get(option.target, option.target)}" if option.target else ""
        if option.dyad_with:
            target += f"–{self.short.get(option.dyad_with, option.dyad_with)}"
        if option.refusal:
            self.notify(f"{option.name}: {option.refusal}.", severity="warning")
            return
        if option.cost > self.remaining():
            self.notify(f"{option.name} costs {option.cost}; you have {self.remaining()} left.", severity="warning")
            return
        order = MoveOrder(option.move, option.target or None, option.dyad_with or None)
        if any(attrs.evolve(m, rationale="") == order for m in self.moves):
            # A second Enter out of habit must not spend the budget twice.
            self.notify(f"{option.name}{target} is staged already.", severity="warning")
            return
        self.moves.append(order)
        self.refresh_view()

    def action_rationale(self) -> None:
        """Ask why for the highlighted staged move (the last one staged when another row is highlighted)."""
        from ..dialogs.note import NoteDialog

        if not self.moves:
            self.notify("Stage a move first: the why goes with a move.", severity="warning")
            return
        row = self.query_one("#staged", StagedOrders).cursor_row
        index = row if 0 <= row < len(self.moves) else len(self.moves) - 1
        order = self.moves[index]
        name = self.move_names.get(order.move, order.move)

        def said(answer: tuple[str, bool] | None) -> None:
            if answer is not None:
                self.moves[index] = attrs.evolve(order, rationale=answer[0])
                self.refresh_view()

        self.app.push_screen(
            NoteDialog(f"Why {name}?", "In a sentence, for the debrief (empty clears it)", order.rationale,
                       MAX_RATIONALE_CHARS, allow_empty=True),
            said,
        )

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
            elif index - len(answers) < len(self.votes):
                del self.votes[list(self.votes)[index - len(answers)]]
            elif index - len(answers) - len(self.votes) < len(self.declarations):
                del self.declarations[index - len(answers) - len(self.votes)]
        self.refresh_view()

    def on_inbox_answered(self, message: Inbox.Answered) -> None:
        self.answers[message.proposal] = message.accept
        self.refresh_view()

    def action_vote(self) -> None:
        """Ctrl+D: a dialog with every decision open to this team, each voted support, block or silent."""
        from ..dialogs.decision import DecisionDialog

        open_now = [t for t in self.session.view(self.team).treaties if t.decision is not None]
        if not open_now:
            self.notify("No alliance decision is open to you.", severity="warning")
            return

        def staged(votes: dict[str, bool | None] | None) -> None:
            if votes is None:
                return
            said = []
            for t in open_now:
                support = votes.get(t.id)
                if support is None:
                    self.votes.pop(t.id, None)
                else:
                    self.votes[t.id] = support
                what = {True: "support acting", False: "block acting"}.get(support)
                victim = self.names[t.decision.victim]
                said.append(f"{t.name}: you {what} for {victim}." if what else f"{t.name}: no vote (silence is consent).")
            self.notify(" ".join(said))
            self.refresh_view()

        self.app.push_screen(DecisionDialog(open_now, self.votes, self.names), staged)

    def action_noop(self) -> None:
        """Keys listed for help only; the widget that has them does the work."""

    def action_remove(self) -> None:
        self.query_one("#staged", StagedOrders).action_remove()

    def action_filter(self) -> None:
        """`/` from anywhere: the catalogue comes back, its filter emptied and ready for typing."""
        self.remove_class("-panel")
        self.query_one("#catalogue", MoveCatalogue).clear_filter()

    def action_moves(self) -> None:
        self.remove_class("-panel")
        self.query_one("#move-filter", Input).focus()

    def action_tab(self, tab: str) -> None:
        self.query_one("#situation", TabbedContent).active = tab
        self.open_panel(tab)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if self.ready and event.tabbed_content.id == "situation" and event.pane.id:
            self.open_panel(event.pane.id)

    def open_panel(self, tab: str) -> None:
        """On a short screen the panel takes the catalogue's place; the Inbox takes the keys so a/r answer."""
        short = self.has_class("-short")
        if short:
            self.add_class("-panel")
        if tab == "inbox":
            self.query_one("#inbox-table", Inbox).focus()
        elif short:
            pane = self.query_one(f"TabPane#{tab}", TabPane)
            scroll = pane.query(VerticalScroll)
            (scroll.first() if scroll else pane).focus()

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

    def action_declare(self) -> None:
        from ...core.narrative import track_name
        from ..dialogs.declare import DeclareDialog

        view = self.session.view(self.team)
        staged_lines = {d.line for d in self.declarations if d.line}
        offers = [o for o in view.offers if o.id not in staged_lines]
        if not any(not o.refusal for o in offers) and not view.compose_red_lines:
            why = next((o.refusal for o in offers if o.refusal), "")
            self.notify(
                f"No red line to declare now{': ' + why if why else ''}." if view.offers else
                "This campaign offers your team no red lines.", severity="warning",
            )
            return

        def staged(order: DeclareOrder | None) -> None:
            if order is not None:
                self.declarations.append(order)
                self.refresh_view()

        c = self.session.campaign
        # A composed track line: the team's own tracks, or another team's credibility (public).
        tracks = [(self.team, t, f"{self.names[self.team]}'s {track_name(c, t).lower()}") for t in c.track_names()]
        tracks += [(o.id, "credibility", f"{self.names[o.id]}'s credibility") for o in c.teams if o.id != self.team]
        self.app.push_screen(
            DeclareDialog(offers, view.compose_red_lines, view.dyads, c.rungs, c.moves, self.names, view.turn, tracks),
            staged,
        )

    def orders(self) -> TeamOrders:
        return TeamOrders(
            team=self.team,
            moves=tuple(self.moves),
            freeform=tuple(self.freeform),
            messages=tuple(self.messages),
            responses=tuple(Response(p, a) for p, a in self.answers.items()),
            votes=tuple(Vote(t, support) for t, support in self.votes.items()),
            declarations=tuple(self.declarations),
        )

    AFTER_SUBMITTING = "They cannot be changed after this."
    """What the submit question tells a team about changing its mind (hot seat: the keyboard moves on)."""

    def action_submit(self) -> None:
        from ..dialogs.confirm import ConfirmDialog

        count = len(self.staged_rows())
        team = self.names[self.team]
        if not self.moves and not self.freeform:
            # The costly slip is an empty turn (a first Enter that did not stage, a message sent instead of a
            # move): ask plainly, and make "go back" the answer a stray Enter gives.
            others = f" Your staged messages and answers ({count}) are sent either way." if count else ""
            question = f"Submit a turn with no moves for {team}?{others}"
            dialog = ConfirmDialog(question, yes="Submit without moves", no="Go back", default=False)
        else:
            question = f"Submit {count} order{'s' if count != 1 else ''} for {team}? {self.AFTER_SUBMITTING}"
            dialog = ConfirmDialog(question, yes="Submit")

        def answered(yes: bool | None) -> None:
            if yes:
                self.hand_in(self.orders())

        self.app.push_screen(dialog, answered)

    def hand_in(self, orders: TeamOrders) -> None:
        """Give the confirmed orders to the session; the app shows what comes next."""
        if self.app.run_safely(self.session.submit, orders):
            self.app.advance()

    def action_facilitator(self) -> None:
        from .facilitator import FacilitatorScreen

        self.app.with_facilitator(lambda: self.app.push_screen(FacilitatorScreen(self.session)))


def answer_line(
    proposal: str, accept: bool, proposals: dict[str, tuple[str, str, str]] | None, short: dict[str, str]
) -> str:
    """A staged answer named by what it answers: "Accept Korvath's mutual stand-down proposal". Without the
    open proposals (a caller that has none at hand), the answer names the proposal's id."""
    verb = "Accept" if accept else "Reject"
    if proposals is None:
        return f"{verb} proposal {proposal}"
    if proposal not in proposals:
        return f"{verb} a proposal no longer open ({proposal})"
    kind, sender, _ = proposals[proposal]
    return f"{verb} {short.get(sender, sender)}'s {proposal_kind(kind)} proposal"


def order_rows(
    orders: TeamOrders, names: dict[str, str], move_names: dict[str, str], costs: dict[str, int],
    proposals: dict[str, tuple[str, str, str]] | None = None, short: dict[str, str] | None = None,
    channels: dict[str, str] | None = None, treaties: dict[str, str] | None = None,
    lines: dict[str, str] | None = None,
) -> list[tuple[str, str]]:
    """A line and a cost for each of a team's orders, as the staged-orders table shows them."""
    channels = channels or {}
    rows = []
    for m in orders.moves:
        target = f" → {names[m.target]}" if m.target else ""
        if m.dyad_with:
            target += f"–{names[m.dyad_with]}"
        why = f" — why: “{m.rationale}”" if m.rationale else ""
        rows.append((f"Move: {move_names.get(m.move, m.move)}{target}{why}", str(costs.get(m.move, 0))))
    for m in orders.messages:
        kind = f"{proposal_kind(m.proposal)} proposal" if m.proposal else "message"
        to = ", ".join(names[t] for t in m.to) or "all members"
        rows.append((f"{kind[0].upper()}{kind[1:]} via {channels.get(m.channel, m.channel)} to {to}: “{m.text}”", "—"))
    for f in orders.freeform:
        rows.append((f"Free-form: {f.action}", "—"))
    for r in orders.responses:
        rows.append((answer_line(r.proposal, r.accept, proposals, short or names), "—"))
    for v in orders.votes:
        rows.append((f"Vote under {(treaties or {}).get(v.treaty, v.treaty)}: {'support' if v.support else 'block'}", "—"))
    for d in orders.declarations:
        rows.append((f"Red line: “{(lines or {}).get(d.line, d.line) if d.line else d.text}”", "—"))
    return rows
