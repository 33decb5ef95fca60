"""Network play at a team's (or the projector's) terminal: join a host, then follow its game turn by turn."""

from __future__ import annotations

import asyncio
import ssl as ssl_module
from collections.abc import Sequence

from textual import work
from textual.screen import Screen

from ..core.orders import TeamOrders
from ..net.client import Client, Disconnected, JoinError, RequestRefused
from ..net.protocol import CLOSE_GAME_OVER, CLOSE_REFUSED, CLOSE_REPLACED, Update
from .app import BaseApp
from .remote import RemoteSession
from .screens.game_over import GameOverScreen
from .screens.join import JoinScreen
from .screens.observer import ObserverScreen
from .screens.remote_team import RemoteTeamScreen
from .screens.waiting import WaitingScreen
from .widgets.turn_status import TurnStatus

RETRY_DELAYS: tuple[float, ...] = (0.5, 1, 2, 4, 8, 15)
"""Seconds to wait before each attempt to rejoin after the connection drops; then F5 tries again."""


class JoinApp(BaseApp):
    """Joins in a worker (the screen never waits on the network), shows the screen the latest Update calls
    for, stages every edit and submits over the wire, and rejoins by itself when the connection drops."""

    def __init__(
        self,
        url: str,
        team: str | None = None,
        code: str | None = None,
        observer: bool = False,
        *,
        ssl: ssl_module.SSLContext | None = None,
        retry_delays: Sequence[float] = RETRY_DELAYS,
    ):
        super().__init__()
        self.url = url
        self.team, self.code, self.observer = team, code, observer
        self.ssl = ssl
        self.retry_delays = tuple(retry_delays)
        self.client: Client | None = None
        self.remote: RemoteSession | None = None
        self.problem = ""
        """What is wrong with the link to the host, for the status line ("" while all is well)."""
        self._draft: TeamOrders | None = None  # the latest draft to stage, for the turn in _draft_turn
        self._draft_turn = 0
        self._on_host: TeamOrders | None = None  # the draft the host last said it holds
        self._staging = False
        self._handing_in = 0  # the turn whose orders were last sent with Submit
        self._leaving = False

    def on_mount(self) -> None:
        self.push_screen(JoinScreen(self.url, self.team or "", self.code or "", self.observer))

    async def on_unmount(self) -> None:
        self._leaving = True
        if self.client is not None:
            await self.client.close()  # the host keeps the draft and any submitted orders

    def game_screen(self) -> Screen | None:
        """The screen under any dialog or help: the join screen, a team, waiting, observer or end screen."""
        return self.screen_stack[1] if len(self.screen_stack) > 1 else None

    # -- joining ------------------------------------------------------------------------------------
    def join(self, team: str | None, code: str | None, observer: bool = False) -> None:
        """Called by the join screen; it hears back through `failed`, or is replaced by the game."""
        self.team, self.code, self.observer = team, code, observer
        self._first_join()

    @work(exclusive=True, group="connection")
    async def _first_join(self) -> None:
        try:
            client = await self._connect()
        except JoinError as exc:
            screen = self.game_screen()
            if isinstance(screen, JoinScreen):
                screen.failed(exc.reason)
            return
        self._joined(client)
        await self._stay_joined()

    async def _connect(self) -> Client:
        return await Client.connect(self.url, self.team, self.code, self.observer, ssl=self.ssl)

    def _joined(self, client: Client) -> None:
        self.client = client
        if self.remote is None:
            self.remote = RemoteSession(client.campaign, client.update, client.team)
        else:
            self.remote.update = client.update
        self._on_host = client.update.staged
        self.problem = ""
        client.on_update(lambda update: self.call_later(self._received, client, update))
        self.advance()
        screen = self.game_screen()
        if isinstance(screen, RemoteTeamScreen) and screen.turn_number == client.update.turn:
            self.stage(screen.orders())  # whatever was typed while the link was down

    async def _stay_joined(self) -> None:
        """Follow the game; when the connection drops, rejoin (with growing pauses), else wait for F5."""
        while True:
            client = self.client
            assert client is not None and self.remote is not None
            await client.wait_closed()
            if self._leaving or self.remote.update.ended or client.close_code == CLOSE_GAME_OVER:
                return self._set_problem("")
            if client.close_code == CLOSE_REPLACED:
                name = self.remote.campaign.team(client.team).name if client.team else "This observer"
                return self._set_problem(
                    f"{name} joined from another terminal, so this one let go. Press F5 to take over here again."
                )
            if client.close_code == CLOSE_REFUSED:
                return self._set_problem(f"The host refused this terminal: {client.close_reason}.")
            self.notify("Lost the connection to the host; rejoining…", severity="warning", title="Connection")
            if not await self._rejoin(client.close_reason or "the connection to the host was lost", self.retry_delays):
                return

    async def _rejoin(self, why: str, delays: Sequence[float]) -> bool:
        """Try to join again after each delay; True once joined. The status line says why the link went
        down (the host's own words when it said any), not each retry's network error."""
        why = why[:1].upper() + why[1:].rstrip(".")
        reason = ""
        for attempt, delay in enumerate(delays, 1):
            self._set_problem(f"{why}. Rejoining (attempt {attempt} of {len(delays)})…")
            await asyncio.sleep(delay)
            try:
                client = await self._connect()
            except JoinError as exc:
                reason = exc.reason
                continue
            self._joined(client)
            self.notify("Rejoined the game.", title="Connection")
            return True
        self._set_problem(f"{why}. Could not rejoin ({reason.rstrip('.')}). Press F5 to try again.")
        return False

    def action_rejoin(self) -> None:
        if self.remote is None or self._leaving:
            return
        if self.client is not None and not self.client.closed:
            self.notify("Connected to the host already.")
            return
        self._rejoin_now()

    @work(exclusive=True, group="connection")
    async def _rejoin_now(self) -> None:
        if await self._rejoin("not connected to the host", (0,)):
            await self._stay_joined()

    def _set_problem(self, problem: str) -> None:
        self.problem = problem
        screen = self.game_screen()
        if screen is not None:
            self.draw_status(screen)

    # -- following the game -------------------------------------------------------------------------
    def _received(self, client: Client, update: Update) -> None:
        if client is not self.client or self.remote is None:
            return  # a late update from a connection already replaced
        self.remote.update = update
        self._on_host = update.staged
        self.advance()

    def advance(self) -> None:
        """Show the screen the latest Update calls for, or redraw the current one if it is still right."""
        if self.remote is None:
            return
        u = self.remote.update
        team = self.remote.team
        current = self.game_screen()
        if u.ended:
            wanted: type[Screen] = GameOverScreen
        elif team is None:
            wanted = ObserverScreen
        elif u.orders is not None:
            wanted = WaitingScreen
        else:
            wanted = RemoteTeamScreen
        if type(current) is wanted and getattr(current, "turn_number", u.turn) == u.turn:
            current.updated()  # type: ignore[union-attr]
            return
        turn_before = getattr(current, "turn_number", u.turn)
        if isinstance(current, RemoteTeamScreen) and u.turn > turn_before and self._handing_in != turn_before:
            self.notify(
                f"Turn {turn_before} was adjudicated before your orders were in; your draft was not used.",
                severity="warning", title="Turn adjudicated",
            )
        elif team and u.turn > turn_before and not u.ended:
            self.notify(f"Turn {u.turn} has begun: last turn's outcomes are on the Situation tab.", title="New turn")
        if wanted is RemoteTeamScreen:
            self._draft = None
            screen: Screen = RemoteTeamScreen(self.remote, team)  # type: ignore[arg-type]
        elif wanted is WaitingScreen:
            screen = WaitingScreen(self.remote, team)  # type: ignore[arg-type]
        else:
            screen = wanted(self.remote)  # type: ignore[call-arg]
        self.show(screen)

    def draw_status(self, screen: Screen) -> None:
        """Who has submitted, who is online and the state of the link, on every status line of `screen`."""
        if self.remote is None:
            return
        u, c = self.remote.update, self.remote.campaign
        bots = tuple(t.id for t in c.teams if t.id not in u.humans)
        for widget in screen.query(TurnStatus):
            widget.show(c.short_names(), u.humans, u.submitted, u.connected, bots, self.problem)

    # -- orders -------------------------------------------------------------------------------------
    def stage(self, orders: TeamOrders) -> None:
        """Keep `orders` as the team's draft on the host; edits made in quick succession go as one."""
        if self.remote is None:
            return
        self._draft, self._draft_turn = orders, self.remote.turn
        if not self._staging:
            self._send_drafts()

    @work(group="stage")
    async def _send_drafts(self) -> None:
        self._staging = True
        try:
            while (
                self.client is not None and not self.client.closed and self.remote is not None
                and self._draft is not None and self._draft != self._on_host and self._draft_turn == self.remote.turn
            ):
                orders = self._draft
                try:
                    await self.client.stage(orders)
                except RequestRefused as exc:
                    if self._draft_turn == self.remote.turn:
                        self.notify(exc.reason, severity="warning", title="Draft not kept by the host")
                    return
                except (Disconnected, TimeoutError):
                    return  # sent again once rejoined
                self._on_host = orders
        finally:
            self._staging = False

    def submit(self, orders: TeamOrders) -> None:
        self._send_submit(orders)

    @work(group="requests")
    async def _send_submit(self, orders: TeamOrders) -> None:
        client = self.client
        if client is None or client.closed or self.remote is None:
            self.notify(
                "Not connected to the host, so nothing was sent; your orders are still here. "
                "Submit again once the status line says you have rejoined.",
                severity="error", title="Not submitted",
            )
            return
        self._handing_in = self.remote.turn
        try:
            await client.submit(orders)
        except RequestRefused as exc:
            self.notify(exc.reason, severity="error", title="Not submitted")
        except Disconnected:
            self.notify(
                "The connection dropped before the host confirmed your orders. Once rejoined, "
                "this screen shows whether they arrived; if not, submit again.",
                severity="error", title="Not confirmed",
            )
        except TimeoutError:
            self.notify("The host did not confirm your orders in time; submit again.", severity="error", title="Not confirmed")
        # The acknowledging Update has already shown the waiting screen (or the next turn).

    def withdraw(self) -> None:
        self._send_withdraw()

    @work(group="requests")
    async def _send_withdraw(self) -> None:
        client = self.client
        if client is None or client.closed:
            self.notify("Not connected to the host; try again once rejoined.", severity="error", title="Not withdrawn")
            return
        try:
            await client.withdraw()
        except RequestRefused as exc:
            self.notify(exc.reason, severity="error", title="Not withdrawn")
        except (Disconnected, TimeoutError):
            self.notify("The host did not answer; try again once rejoined.", severity="error", title="Not withdrawn")
