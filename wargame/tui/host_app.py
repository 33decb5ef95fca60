"""`wargame host` with a screen: the host runs inside Textual's event loop and the facilitator drives it.

    host = Host(session, auto_adjudicate=False)      # the facilitator decides when a turn is adjudicated
    app = HostApp(host, bind="127.0.0.1", port=8765, web_port=8766)
    app.run()

The app starts the host on mount, shows the host screen with the join lines (the codes exist in plain
text only on that screen and in the facilitator's clipboard; the save keeps salted hashes), and stops
the host (and the web join server, with `web_port`) when the facilitator quits.
Everything the host does arrives as a `HostEvent`, on this same loop, and redraws what is shown.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import ssl as ssl_module

from textual.message import Message

from ..net.headless import EXIT_INTERRUPTED
from ..net.host import Host, HostEvent
from ..problems import Problem
from ..session import SessionError
from .app import WargameApp
from .commands import Command, bindings

HOST_APP_COMMANDS = (
    Command("f1,question_mark", "app.help", "Help", "List every key and command of this screen"),
    Command("ctrl+q", "app.quit", "Stop hosting", "Disconnect every team and stop (asks first); go on later with wargame host --resume"),
)
STOP_TIMEOUT = 15.0
"""Seconds to wait for the last updates to leave when the host stops."""


class HostApp(WargameApp):
    """The facilitator console of a hosted game."""

    BINDINGS = bindings(HOST_APP_COMMANDS)

    class HostChanged(Message):
        """A HostEvent, carried onto the app's message queue."""

        def __init__(self, event: HostEvent):
            super().__init__()
            self.event = event

    def __init__(
        self,
        host: Host,
        bind: str = "127.0.0.1",
        port: int = 0,
        tls: ssl_module.SSLContext | None = None,
        public_host: str | None = None,
        web_port: int | None = None,
    ):
        super().__init__(session=host.session)
        self.host = host
        self.bind = bind
        self.port = port
        self.tls = tls
        self.public_host = public_host
        self.web_port = web_port
        self.web = None
        self.web_address: str | None = None
        self.host_screen = None
        self.stopping = False
        self.adjudicating = False
        self.unlocked = not host.session.has_passphrase()
        self._unsubscribe = None

    # -- starting and stopping ------------------------------------------------------------------------
    async def on_mount(self, event) -> None:
        event.prevent_default()  # WargameApp.on_mount would start hot-seat play
        from ..net.headless import guess_public_host
        from .screens.host import HostScreen

        host, session = self.host, self.host.session
        try:
            port = await host.start(self.bind, self.port, self.tls)
        except OSError as exc:
            hint = "; choose another --port (or --port 0 for any free one)" if self.port else ""
            problem = Problem(f"{self.bind}:{self.port}", f"cannot listen: {exc.strerror or exc}{hint}")
            self.exit(return_code=1, message=str(problem))
            return
        shown = self.public_host or guess_public_host(self.bind)
        observer_line = host.observer_line(shown, port)
        notes = []
        team_lines = host.join_lines(shown, port)
        missing = [t for t in session.humans() if t not in host.codes]
        if missing:
            # Only hashes were saved, so a resumed host cannot show these codes again.
            notes.append(f"{', '.join(missing)}: the codes given when the game was first hosted still work")
        self._unsubscribe = host.subscribe(lambda e: self.post_message(self.HostChanged(e)))
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, lambda: self.run_worker(self.stop_hosting(EXIT_INTERRUPTED)))
        self.host_screen = HostScreen(host, team_lines, observer_line, None, notes)
        self.push_screen(self.host_screen)
        if self.web_port is not None:
            self.run_worker(self.start_web(host.url(shown, port), shown), group="web")

    async def start_web(self, join_url: str, shown: str) -> None:
        """The browsers' join screen, started once the host screen is up (it takes a second or two)."""
        from .web import WebError, WebJoinServer

        web = WebJoinServer(join_url, self.bind, self.web_port, shown)
        try:
            address = await web.start()
        except WebError as exc:
            self.notify(str(exc), severity="error", title="No web join screen", timeout=30)
            if self.host_screen in self.screen_stack:
                self.host_screen.show_web(None, f"no join screen for browsers: {exc}")
            return
        if self.stopping:  # the facilitator quit while it started
            await web.stop()
            return
        self.web, self.web_address = web, address
        note = "the browser join screen is plain HTTP: codes typed there are not encrypted" if self.tls is not None else ""
        if self.host_screen in self.screen_stack:
            self.host_screen.show_web(address, note)

    async def stop_hosting(self, return_code: int = 0) -> None:
        """Disconnect everyone (after their last updates), stop the web server, and leave."""
        if self.stopping:
            return
        self.stopping = True
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            asyncio.get_running_loop().remove_signal_handler(signal.SIGTERM)
        if self._unsubscribe is not None:
            self._unsubscribe()
        reason = f"the game is over: {self.session.ended}" if self.session.ended else "the facilitator stopped hosting; the game can be resumed"
        with contextlib.suppress(asyncio.TimeoutError, TimeoutError):
            await asyncio.wait_for(self.host.stop(reason), STOP_TIMEOUT)
        if self.session.ended:
            with contextlib.suppress(asyncio.TimeoutError, TimeoutError):
                await asyncio.wait_for(self.host.wait_finished(), STOP_TIMEOUT)
        if self.web is not None:
            await self.web.stop()
            self.web = None
        self.exit(return_code=return_code)

    async def action_quit(self) -> None:
        from .dialogs.confirm import ConfirmDialog

        if self.session.ended or self.host.port is None:
            await self.stop_hosting()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_worker(self.stop_hosting(), group="stop")

        status = self.host.status()
        online = f"{len(status.connected)} team{'s' if len(status.connected) != 1 else ''} and {status.observers} observer{'s' if status.observers != 1 else ''} online"
        self.push_screen(
            ConfirmDialog(
                f"Stop hosting? Everyone is disconnected ({online}); submitted orders are saved.\n"
                f"Go on later with: wargame host --resume {self.session.path}",
                yes="Stop hosting",
            ),
            answered,
        )

    # -- the flow of a game ---------------------------------------------------------------------------
    def advance(self) -> None:
        """After a commit: back to the host screen, or the end of the game."""
        from .screens.end import EndScreen

        if self.session.ended:
            if not any(isinstance(s, EndScreen) for s in self.screen_stack):
                self.show(EndScreen(self.session))
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()

    def open_adjudication(self) -> None:
        """The turn's outcomes as they stand, bots' orders included, ready for rulings and the commit."""
        from .screens.host_adjudication import HostAdjudicationScreen

        if self.session.ended:
            return
        if self.run_safely(self.session.submit_bots):
            self.push_screen(HostAdjudicationScreen(self.session))

    def adjudicate(self) -> None:
        """Commit the turn through the host, so that every client gets its update."""
        if not self.adjudicating:
            self.run_worker(self._adjudicate(), group="adjudicate")

    async def _adjudicate(self) -> None:
        self.adjudicating = True
        try:
            record = await self.host.adjudicate_now()
        except SessionError as exc:
            self.notify(str(exc), severity="error", title="Not adjudicated")
            return
        except OSError as exc:
            self.notify(f"Could not save: {exc.strerror or exc}", severity="error", title="Save failed")
            return
        finally:
            self.adjudicating = False
        self.lock_facilitator()
        self.notify(f"Turn {record.number} adjudicated; every team has its update.")
        self.advance()

    def on_host_app_host_changed(self, message: HostChanged) -> None:
        from .screens.end import EndScreen
        from .screens.facilitator import FacilitatorScreen
        from .screens.host_adjudication import HostAdjudicationScreen

        event = message.event
        if self.host_screen is not None and self.host_screen in self.screen_stack:
            self.host_screen.record(event)
        top = self.screen
        if event.kind in ("submitted", "withdrawn"):
            if isinstance(top, HostAdjudicationScreen):
                top.refresh_outcomes()
            elif isinstance(top, FacilitatorScreen):
                top.refresh_console()
        elif event.kind == "ended" and not any(isinstance(s, EndScreen) for s in self.screen_stack):
            self.advance()
        elif event.kind == "error":
            self.notify(event.detail, severity="error", title="Host")

    # -- help -------------------------------------------------------------------------------------------
    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen_commands(self.screen), HOST_APP_COMMANDS))
