"""The host: one `Session` behind a WebSocket server; each client sees only what its team may know.

    host = Host(Session.start(campaign, seed, humans=[...], path=save))   # makes a join code per human team
    port = await host.start(bind="127.0.0.1", port=0)
    print("\\n".join(host.join_lines("127.0.0.1")))
    await host.wait_finished()                                            # the game ended, or stop() was called

The host is the only place rules run. Drafts (`Stage`) live in memory only; submitted orders go
through `Session.submit`, which journals them in the save, so a host killed mid-turn and resumed
with `Host.resume(path)` loses at most drafts. Everything runs on one asyncio loop: Session calls
are synchronous, so no two requests ever interleave inside one.

Sending (issue 20: a lecture hall of observers must not cost the host more than it can pay):
- Latest state wins. A connection holds no queue of updates, only what it is owed (nothing, a Status
  or a whole Update) and the highest request to acknowledge; its writer computes the frame when the
  client can take the next one, so a client that reads slowly is sent the newest state, never the
  stale ones in between, and what the host holds for it stays the same size however long it lags.
- Events travel once. A connection counts the events it has been sent (`_Conn.events_sent`); its next
  Update carries only those after them (`Update.events_from`), so a turn's Update costs what the turn
  brought, not the whole game so far, and a client that skipped frames still gets every event it missed.
  A new connection starts from none: a reconnect or a late observer gets the whole list.
- Encoded once per audience: observers that have been sent the same number of events are sent the same
  Update text, every client the same Status text; a team's Update is its own (its view, its draft).
- "Who is online" and "who has submitted" travel as a small Status, at most one round of them every
  STATUS_INTERVAL seconds, so a room joining at once does not cost each client an Update per join.
- A connection is closed only when it is dead: no pong to a ping within `ping_timeout` seconds,
  counted from the moment the ping is queued (a ping waits behind the frame being sent). Why a
  connection ended is said in the "left" event.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import ipaddress
import logging
import ssl as ssl_module
from collections.abc import Callable, Sequence
from typing import Literal

import attrs
from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory

from ..core import arguments, perception, views
from ..core.orders import Intervention, TeamOrders, TurnRecord
from ..persistence.saves import MAX_ORDERS
from ..session import Session, SessionError
from . import codes as join_codes
from .protocol import (
    CLIENT_MESSAGES,
    CLOSE_GAME_OVER,
    CLOSE_HOST_STOPPED,
    CLOSE_REFUSED,
    CLOSE_REPLACED,
    MAX_CLIENT_MESSAGE,
    PROTOCOL_VERSION,
    Hello,
    ProtocolError,
    Refused,
    Stage,
    Status,
    Submit,
    Update,
    Welcome,
    Withdraw,
    decode,
    encode,
    redact,
)

HELLO_TIMEOUT = 10.0
"""Seconds a new connection has to send its `Hello`."""
CLOSE_TIMEOUT = 10.0
"""Seconds the last frames and the close frame may take to leave when the host closes a connection;
after that the connection is cut."""
PING_INTERVAL = 20.0
"""Seconds between pings to each client."""
PING_TIMEOUT = 20.0
"""Seconds a client has to answer a ping (from the moment it is queued) before its connection counts as dead."""
STATUS_INTERVAL = 0.1
"""At most one round of Status messages this often: a room joining at once shares a few rounds."""
MAX_ANSWERS = 16
"""Welcome and Refused frames waiting for one client before the host stops reading its requests until it
reads its answers (the client's own frames then wait in its TCP buffers, not in the host's memory)."""

DEFLATE = ServerPerMessageDeflateFactory(
    server_max_window_bits=12, client_max_window_bits=12, compress_settings={"memLevel": 5, "level": 1},
)
"""Compression as websockets sets it by default, but at zlib's fastest level: the host compresses every frame once per
client (each connection has its own compressor), 200 times an observer Update in a lecture hall, and level 1 takes
half the time of the default for frames a fifth larger (JSON still shrinks to a tenth or so)."""

# The websockets library logs through this logger. It never logs below WARNING (frame contents,
# which hold join codes, are logged only at DEBUG) and, unless the application configures logging,
# nothing at all: a NullHandler keeps Python's last-resort handler from printing tracebacks.
_wire_log = logging.getLogger("wargame.net.wire")
_wire_log.setLevel(logging.WARNING)
_wire_log.addHandler(logging.NullHandler())
log = logging.getLogger("wargame.net.host")
log.addHandler(logging.NullHandler())

HostEventKind = Literal[
    "joined", "left", "replaced", "staged", "submitted", "withdrawn", "refused", "adjudicated", "ended", "error",
]


@attrs.frozen
class HostEvent:
    """Something that happened on the host, for the facilitator console and the headless log.

    `team` is the team concerned ("" for an observer or a connection that has not joined); `detail`
    is a sentence for people (never a code, never the contents of orders).
    """

    kind: HostEventKind
    team: str = ""
    detail: str = ""


@attrs.frozen
class HostStatus:
    """Who is connected and where the turn stands: what a facilitator console shows at a glance."""

    turn: int
    turns: int
    ended: str
    humans: tuple[str, ...]
    submitted: tuple[str, ...]
    staged: tuple[str, ...]
    connected: tuple[str, ...]
    observers: int


class HostError(ValueError):
    """The host cannot be set up as asked (no human team, a code for an unknown team, cannot listen)."""


@attrs.define(eq=False)
class _Close:
    code: int
    reason: str


OWED_NOTHING, OWED_STATUS, OWED_UPDATE = 0, 1, 2
"""What a connection is owed, in increasing order: an Update also carries everything a Status does."""


@attrs.define(eq=False)
class _Conn:
    """One joined client: the frames it must get in order (Welcome, Refused), what it is owed of the game
    (a Status or an Update, computed when its writer sends it) and why it ended, for the log."""

    ws: ServerConnection
    role: str
    team: str
    answers: collections.deque[str] = attrs.Factory(collections.deque)
    owed: int = OWED_NOTHING
    ack: int = 0
    events_sent: int = 0  # how many of the events it may see it has been sent; its next Update continues from there
    status_sent: tuple = ()
    wake: asyncio.Event = attrs.Factory(asyncio.Event)
    room: asyncio.Event = attrs.Factory(asyncio.Event)  # set while answers has room for more
    writer: asyncio.Task | None = None
    keepalive: asyncio.Task | None = None
    closing: _Close | None = None
    why: str = ""

    @property
    def label(self) -> str:
        return self.team or "an observer"


class Host:
    """Serves one `Session` to teams and observers over WebSocket.

    `codes` maps human teams to join codes chosen by the caller; without it, the codes already
    hashed in the save are kept (a resumed game) and a fresh `secrets` code is made for every human
    team that has none. Only salted hashes go into the save (`Settings.join_codes`); the plain codes
    of this run are in `host.codes` (empty for teams whose code was made by an earlier run).

    With `auto_adjudicate` (the default, and what `--headless` uses) the turn is adjudicated as soon
    as every human team has submitted; otherwise the facilitator calls `adjudicate_now()`.

    `white_cell` says whether a facilitator is there to rule on free-form moves. A headless host has
    none (`serve_headless` sets it to False), so it refuses free-form moves, staged or submitted,
    with the reason, rather than let a team's move be recorded as "not adjudicated" in silence.
    """

    NO_WHITE_CELL = (
        "this game runs without a facilitator (a headless host), so nobody can rule on a free-form move: "
        "remove it (Ctrl+R on it in your orders) and use a catalogue move or a message instead"
    )

    def __init__(
        self, session: Session, codes: dict[str, str] | None = None, *, auto_adjudicate: bool = True, white_cell: bool = True,
    ):
        self.session = session
        self.auto_adjudicate = auto_adjudicate
        self.white_cell = white_cell
        self.auto_odds = ""
        """With no facilitator: the word of the estimative scale free-form moves are ruled on
        (`host --headless --auto-odds`); "" refuses them instead."""
        humans = session.humans()
        if not humans:
            raise HostError("every team is played by a bot: there is nobody to join (leave at least one team without --bot)")
        stored = dict(session.settings.join_codes)
        self.codes: dict[str, str] = {}
        if codes is not None:
            unknown = sorted(set(codes) - set(humans))
            if unknown:
                raise HostError(f'no human team "{unknown[0]}" to give a code to (human teams: {", ".join(humans)})')
            for team, code in codes.items():
                if not isinstance(code, str) or not code:
                    raise HostError(f"the join code for {team} is empty")
            self.codes = dict(codes)
        for team in humans:
            if team not in self.codes and not join_codes.is_hash(stored.get(team)):
                self.codes[team] = join_codes.new_code()
        hashes = {t: stored[t] for t in humans if t in stored and t not in self.codes}
        hashes |= {t: join_codes.hash_code(c) for t, c in self.codes.items()}
        if hashes != stored:
            session.set_join_codes(hashes)
        self._hashes = hashes
        # Who plays which team is fixed for the game; these are read for every frame sent, 200 times a turn in a hall.
        self._team_ids, self._humans = session.team_ids(), humans
        self._teams: dict[str, _Conn] = {}
        self._observers: set[_Conn] = set()
        self._drafts: dict[str, TeamOrders] = {}
        self._listeners: list[Callable[[HostEvent], None]] = []
        self._cache_key = -1
        self._cache: dict[str, tuple[views.TeamView, tuple[views.Option, ...]]] = {}
        self._room: tuple[int, tuple[views.Seen, ...]] | None = None  # (turns committed, the room's news then)
        self._events: dict[str, tuple[views.Seen, ...]] = {}  # viewer (a team, ROOM) -> the events it could see last
        self._welcomes: dict[str, str] = {}  # team ("" for observers) -> its Welcome frame; the campaign never changes
        # The Update text for observers at this moment, by how many events they have been sent already.
        self._observer_frames: tuple[tuple, dict[int, str]] = ((), {})
        self._status_frame: tuple[tuple, str] | None = None
        self._status_timer: asyncio.TimerHandle | None = None
        self._status_at = float("-inf")
        self.ping_interval = PING_INTERVAL
        self.ping_timeout = PING_TIMEOUT
        self._server: Server | None = None
        self._finished: asyncio.Event | None = None
        self._stopping: asyncio.Task | None = None
        self.port: int | None = None
        self.tls = False

    @classmethod
    def resume(cls, path: str, *, new_codes: bool = False, auto_adjudicate: bool = True) -> Host:
        """Host a saved game again. The teams' codes still work (they are checked against the hashes
        in the save, so `host.codes` is empty and the host cannot print them); `new_codes` makes fresh
        ones instead, for when a team has lost its code. ProblemsFound when the save is refused."""
        session = Session.resume(path)
        if session.ended:
            raise HostError(f"{path}: the game is over ({session.ended}); there is no turn left to host")
        if new_codes:
            session.set_join_codes({})
        return cls(session, auto_adjudicate=auto_adjudicate)

    # -- what the facilitator sees and does ---------------------------------------------------
    def subscribe(self, listener: Callable[[HostEvent], None]) -> Callable[[], None]:
        """Call `listener(event)` for every HostEvent from now on; returns a function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def connected(self) -> tuple[str, ...]:
        """Teams with a live connection, in campaign order."""
        return tuple(t for t in self._team_ids if t in self._teams)

    def draft(self, team: str) -> TeamOrders | None:
        """The orders `team` has staged (or last submitted) this turn, as the host keeps them."""
        return self._drafts.get(team)

    def status(self) -> HostStatus:
        s = self.session
        return HostStatus(
            turn=s.turn, turns=s.last_turn, ended=s.ended, humans=s.humans(),
            submitted=self._submitted(), staged=tuple(t for t in s.team_ids() if t in self._drafts),
            connected=self.connected(), observers=len(self._observers),
        )

    def url(self, public_host: str | None = None, port: int | None = None) -> str:
        """`ws://HOST:PORT` (`wss://` with TLS) as teams reach it; HOST defaults to 127.0.0.1."""
        host = public_host or "127.0.0.1"
        with contextlib.suppress(ValueError):
            if ipaddress.ip_address(host).version == 6:
                host = f"[{host}]"
        chosen = port if port is not None else self.port
        if chosen is None:
            raise HostError("the host is not listening yet: call start() first, or give the port")
        return f"{'wss' if self.tls else 'ws'}://{host}:{chosen}"

    def join_lines(self, public_host: str | None = None, port: int | None = None) -> list[str]:
        """One `wargame join ws://HOST:PORT --team ID --code CODE` line per human team, in campaign order.
        A team whose code this run does not know (a resumed game) gets the line without `--code`:
        it keeps the code it was given, and the join screen asks for it."""
        url = self.url(public_host, port)
        return [
            f"wargame join {url} --team {team}" + (f" --code {self.codes[team]}" if team in self.codes else "")
            for team in self.session.humans()
        ]

    def observer_line(self, public_host: str | None = None, port: int | None = None) -> str:
        return f"wargame join {self.url(public_host, port)} --observer"

    async def adjudicate_now(self, interventions: Sequence[Intervention] = ()) -> TurnRecord:
        """Adjudicate the turn now, whoever has submitted (missing orders count as none; bots decide),
        with the session's queued interventions and these; then everyone gets the outcome.
        SessionError when the session refuses (the game is over, a bad intervention)."""
        record = self._adjudicate(interventions)
        await self._after_adjudication()
        return record

    # -- listening ------------------------------------------------------------------------------
    async def start(self, bind: str = "127.0.0.1", port: int = 0, ssl: ssl_module.SSLContext | None = None) -> int:
        """Listen on `bind`:`port` (0: any free port) and return the port. OSError when it cannot."""
        if self._server is not None:
            raise HostError("the host is already listening")
        self._finished = asyncio.Event()
        self.tls = ssl is not None
        self._server = await serve(
            self._handle, bind, port, ssl=ssl, max_size=MAX_CLIENT_MESSAGE, logger=_wire_log,
            open_timeout=HELLO_TIMEOUT, ping_interval=None, close_timeout=5, server_header=None,
            max_queue=4,  # a client's requests waiting to be read: 4 x 64 KiB at most
            extensions=[DEFLATE],
        )
        self.port = next(iter(self._server.sockets)).getsockname()[1]
        return self.port

    async def serve(
        self, bind: str = "127.0.0.1", port: int = 0, ssl: ssl_module.SSLContext | None = None,
        ready: Callable[[int], None] | None = None,
    ) -> None:
        """Listen, call `ready(port)`, and serve until the game ends or `stop()` is called."""
        chosen = await self.start(bind, port, ssl)
        if ready is not None:
            ready(chosen)
        try:
            await self.wait_finished()
        finally:
            await self.stop()

    async def wait_finished(self) -> None:
        """Return once the game has ended (and everyone got the last update) or `stop()` was called."""
        if self._finished is None:
            raise HostError("the host is not listening: call start() first")
        await self._finished.wait()

    async def stop(self, reason: str = "the host stopped the game; it can be resumed") -> None:
        """Close every connection with `reason` (after the frames already queued) and stop listening."""
        if self._server is None:
            return
        server, self._server = self._server, None
        code = CLOSE_GAME_OVER if self.session.ended else CLOSE_HOST_STOPPED
        conns = [*self._teams.values(), *self._observers]
        for conn in conns:
            self._close(conn, code, reason)
        writers = [c.writer for c in conns if c.writer is not None]
        if writers:
            await asyncio.wait(writers, timeout=CLOSE_TIMEOUT)
        for conn in conns:
            if conn.writer is not None and not conn.writer.done():
                conn.writer.cancel()
        if self._status_timer is not None:
            self._status_timer.cancel()
            self._status_timer = None
        server.close()  # and connections still saying hello
        with contextlib.suppress(asyncio.TimeoutError, TimeoutError):
            await asyncio.wait_for(server.wait_closed(), CLOSE_TIMEOUT)
        if self._finished is not None:
            self._finished.set()

    # -- one connection -----------------------------------------------------------------------
    async def _handle(self, ws: ServerConnection) -> None:
        conn = None
        try:
            conn = await self._join(ws)
            if conn is None:
                return
            async for text in ws:
                await self._receive(conn, text)
                if len(conn.answers) >= MAX_ANSWERS:
                    conn.room.clear()
                    await conn.room.wait()  # set by the writer as answers leave, and when it stops
        except ConnectionClosed:
            pass
        finally:
            if conn is not None:
                self._leave(conn)

    async def _join(self, ws: ServerConnection) -> _Conn | None:
        try:
            text = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT)
        except (asyncio.TimeoutError, TimeoutError):
            return await self._refuse_hello(ws, f"no hello within {HELLO_TIMEOUT:g} seconds")
        try:
            hello = decode(text, expect=CLIENT_MESSAGES)
        except ProtocolError as exc:
            return await self._refuse_hello(ws, str(exc))
        if not isinstance(hello, Hello):
            return await self._refuse_hello(ws, f"the first message must be a hello, not {hello.KIND}")
        if hello.protocol != PROTOCOL_VERSION:  # decode already refuses other versions; kept for clarity
            return await self._refuse_hello(ws, f"this host speaks wargame protocol {PROTOCOL_VERSION}")
        s = self.session
        if hello.role == "observer":
            conn = _Conn(ws, "observer", "")
            self._observers.add(conn)
        else:
            team = hello.team
            # Compared even for an unknown team, so that a wrong team costs the same time as a wrong code.
            matches = join_codes.check_code(hello.code, self._hashes.get(team))
            if team not in s.team_ids():
                shown = team if len(team) <= 40 else team[:37] + "..."
                return await self._refuse_hello(ws, f'no team "{shown}" in this game (teams to join: {", ".join(s.humans())})', team="")
            if team not in s.humans():
                return await self._refuse_hello(ws, f"{team} is played by a bot in this game; there is nothing to join", team=team)
            if not matches:
                return await self._refuse_hello(ws, f"wrong code for {team}: check the join line the facilitator gave you", team=team)
            conn = _Conn(ws, "team", team)
            old = self._teams.get(team)
            self._teams[team] = conn
            if old is not None:
                self._close(old, CLOSE_REPLACED, f"{team} joined again from another connection")
                self._emit("replaced", team, f"{team} joined again; the older connection was closed")
        conn.writer = asyncio.create_task(self._write(conn))
        conn.keepalive = asyncio.create_task(self._keepalive(conn))
        welcome = self._welcomes.get(conn.team)
        if welcome is None:
            refused = "" if self.white_cell or self.auto_odds else self.NO_WHITE_CELL
            welcome = encode(Welcome(PROTOCOL_VERSION, conn.role, conn.team, redact(s.campaign, conn.team or None), refused))
            self._welcomes[conn.team] = welcome
        self._answer(conn, welcome)
        self._owe(conn, OWED_UPDATE)
        self._emit("joined", conn.team, f"{conn.label} joined")
        self._status_changed()  # everyone else sees who is connected now
        return conn

    async def _refuse_hello(self, ws: ServerConnection, reason: str, team: str = "") -> None:
        self._emit("refused", team, f"a connection was refused: {reason}")
        with contextlib.suppress(ConnectionClosed, asyncio.TimeoutError, TimeoutError):
            await asyncio.wait_for(ws.send(encode(Refused(reason, fatal=True))), CLOSE_TIMEOUT)
            await ws.close(CLOSE_REFUSED, _close_reason(reason))
        return None

    def _leave(self, conn: _Conn) -> None:
        if self._teams.get(conn.team) is conn:
            del self._teams[conn.team]
        elif conn in self._observers:
            self._observers.discard(conn)
        else:
            return  # replaced: the newer connection is the team's now
        if conn.keepalive is not None:
            conn.keepalive.cancel()
        if conn.writer is not None and conn.closing is None:
            conn.writer.cancel()
        self._emit("left", conn.team, f"{conn.label} left{self._why_left(conn)}")
        if self._server is not None:
            self._status_changed()

    @staticmethod
    def _why_left(conn: _Conn) -> str:
        """Why a connection ended, for the log: cut as dead, closed by the host, or by the client."""
        if conn.why:
            return f": {conn.why}"
        if conn.closing is not None:
            return ""  # the host closed it and has said why already (game over, stopped, replaced)
        received = conn.ws.protocol.close_rcvd
        if received is None:
            return " (the connection dropped without a goodbye)"
        return ""

    async def _receive(self, conn: _Conn, text: str | bytes) -> None:
        try:
            message = decode(text, expect=CLIENT_MESSAGES)
        except ProtocolError as exc:
            return self._refuse(conn, str(exc))
        ref = getattr(message, "ref", 0)
        if isinstance(message, Hello):
            return self._refuse(conn, f"already joined as {conn.label}")
        if conn.role == "observer":
            return self._refuse(conn, "an observer cannot give orders", ref)
        s = self.session
        if s.ended:
            return self._refuse(conn, f"the game is over ({s.ended})", ref)
        if message.turn and message.turn != s.turn:
            return self._refuse(conn, f"that was for turn {message.turn}, but turn {s.turn} is open now", ref)
        before = s.pending.get(conn.team)
        if isinstance(message, Withdraw):
            self._arguing_changed(conn, before, None)
            try:
                s.withdraw(conn.team)
            except OSError as exc:
                self._emit("error", conn.team, f"cannot write the save: {exc.strerror or exc}")
                return self._refuse(conn, "the host cannot write its save; tell the facilitator", ref)
            self._emit("withdrawn", conn.team, f"{conn.team} withdrew its orders")
            self._owe(conn, OWED_UPDATE, ref)
            return self._status_changed()
        orders = message.orders
        if orders.team != conn.team:
            shown = orders.team if len(orders.team) <= 40 else orders.team[:37] + "..."
            return self._refuse(conn, f'orders for "{shown}" refused: this connection plays {conn.team}', ref)
        count = len(orders.moves) + len(orders.freeform) + len(orders.messages) + len(orders.responses)
        if count > MAX_ORDERS:
            return self._refuse(conn, f"{count} orders; a team gives at most {MAX_ORDERS} in a turn", ref)
        if orders.freeform and not self.white_cell and not self.auto_odds:
            return self._refuse(conn, self.NO_WHITE_CELL, ref)
        if isinstance(message, Stage):
            self._drafts[conn.team] = orders
            self._emit("staged", conn.team, f"{conn.team} staged a draft")
            return self._owe(conn, OWED_UPDATE, ref)
        assert isinstance(message, Submit)
        try:
            s.submit(orders)
        except SessionError as exc:
            return self._refuse(conn, str(exc), ref)
        except OSError as exc:  # the save could not be written: the orders are not kept either
            s.pending.pop(conn.team, None)
            self._emit("error", conn.team, f"cannot write the save: {exc.strerror or exc}")
            return self._refuse(conn, "the host cannot write its save; tell the facilitator", ref)
        self._drafts[conn.team] = orders
        self._arguing_changed(conn, before, orders)
        waiting = [t for t in s.humans() if t not in s.pending]
        self._emit("submitted", conn.team, f"{conn.team} submitted ({len(s.humans()) - len(waiting)} of {len(s.humans())})")
        self._owe(conn, OWED_UPDATE, ref)
        if self.auto_adjudicate and not waiting:
            try:
                self._adjudicate()
            except (SessionError, OSError) as exc:
                self._emit("error", "", f"turn {s.turn} could not be adjudicated: {exc}")
                return self._status_changed()
            return await self._after_adjudication()
        self._status_changed()

    def _arguing_changed(self, conn: _Conn, before: TeamOrders | None, after: TeamOrders | None) -> None:
        """When a team's submitted free-form moves change, each other team that may read one of them is
        owed an Update: the moves it may counter (`Update.arguing`), which a Status does not carry. Only
        those: an Update to a team that may not read the move would tell it that one was made."""
        old, new = (before.freeform if before else ()), (after.freeform if after else ())
        if old == new:
            return
        for team, other in self._teams.items():
            if other is not conn and any(arguments.may_counter(ff, conn.team, team) for ff in (*old, *new)):
                self._owe(other, OWED_UPDATE)

    def _refuse(self, conn: _Conn, reason: str, ref: int = 0) -> None:
        self._emit("refused", conn.team, f"a request from {conn.label} was refused: {reason}")
        self._answer(conn, encode(Refused(reason, ref)))

    # -- turns ------------------------------------------------------------------------------------
    def _adjudicate(self, interventions: Sequence[Intervention] = ()) -> TurnRecord:
        s = self.session
        s.submit_bots()
        if self.auto_odds and not self.white_cell:
            # Nobody to rule: each free-form move is rolled on the campaign's default odds, with no
            # effect beyond its outcome, and the record says why.
            for team, index in s.unruled_freeform():
                reason = f"ruled on the campaign's default odds ({self.auto_odds}): no facilitator at this host"
                s.intervene(Intervention("adjudicate", reason, team, index, odds=self.auto_odds, share_reason=True))
        record = s.commit(interventions)
        self._drafts.clear()
        crisis = s.campaign.rungs[s.state.crisis()].name
        self._emit("adjudicated", "", f"turn {record.number} adjudicated; crisis at {crisis}")
        return record

    async def _after_adjudication(self) -> None:
        for conn in self._conns():
            self._owe(conn, OWED_UPDATE)
        if self.session.ended:
            self._emit("ended", "", f"the game is over: {self.session.ended}")
            # In a task: stopping waits for every connection handler, and this may be running in one.
            self._stopping = asyncio.create_task(self.stop(f"the game is over: {self.session.ended}"))

    # -- sending ------------------------------------------------------------------------------
    def _submitted(self) -> tuple[str, ...]:
        pending = self.session.pending
        return tuple(t for t in self._humans if t in pending)

    def _team_state(self, team: str) -> tuple[views.TeamView, tuple[views.Option, ...]]:
        # A view and its options change only when a turn is committed; between commits they are reused.
        key = len(self.session.records)
        if key != self._cache_key:
            self._cache, self._cache_key = {}, key
        if team not in self._cache:
            view = self.session.view(team)
            self._events_now(team, view.events)
            self._cache[team] = (view, self.session.options(team))
        return self._cache[team]

    def _room_news(self) -> tuple[views.Seen, ...]:
        # What the room may know changes only when a turn is committed, like a team's view.
        key = len(self.session.records)
        if self._room is None or self._room[0] != key:
            self._room = (key, self.session.seen(views.ROOM))
            self._events_now(views.ROOM, self._room[1])
        return self._room[1]

    def _events_now(self, viewer: str, events: tuple[views.Seen, ...]) -> None:
        """Note the events `viewer` (a team, or ROOM for the observers) may see now.

        Clients are sent only the events after those they have, which holds as long as each list continues
        the one before: `views.seen` writes a turn's news once, with what the viewer knew when it arrived, and
        later turns only add to it. Should a list ever not continue the one before, every client of that
        viewer is sent the whole list again, so none is left holding news told differently since."""
        before = self._events.get(viewer, ())
        if events[: len(before)] != before:
            log.warning("the events %s may see were rewritten, not continued; its clients get them all again", viewer)
            for conn in self._conns():
                if (conn.team or views.ROOM) == viewer:
                    conn.events_sent = 0
        self._events[viewer] = events

    def _conns(self) -> list[_Conn]:
        return [*self._teams.values(), *self._observers]

    def _status_key(self) -> tuple:
        s = self.session
        return (s.turn, self._submitted(), self.connected(), len(self._observers))

    def _update_for(self, conn: _Conn, ack: int = 0) -> Update:
        """The whole Update for `conn` now (every event its viewer may see)."""
        s = self.session
        turn, submitted, connected, observers = self._status_key()
        common = dict(
            turn=turn, turns=s.last_turn, ended=s.ended,
            dyads=views.dyads(s.campaign, s.state), crisis=s.campaign.rungs[s.state.crisis()].name,
            humans=self._humans, submitted=submitted, connected=connected, observers=observers, ack=ack,
        )
        if conn.role == "observer":
            if perception.active(s.campaign):  # the room's ladder: what public news has shown it
                room = perception.public_state(s.campaign, s.state, s.log)
                common.update(dyads=views.dyads(s.campaign, room), crisis=s.campaign.rungs[room.crisis()].name)
            return Update(public=self._room_news(), **common)
        view, options = self._team_state(conn.team)
        common.update(dyads=view.dyads, crisis=view.crisis)  # a team reads the ladder as it believes it
        submitted_orders = tuple(s.pending[t] for t in self._team_ids if t in s.pending)
        return Update(
            view=view, options=options, staged=self._drafts.get(conn.team), orders=s.pending.get(conn.team),
            arguing=arguments.open_moves(s.campaign, submitted_orders, conn.team), **common,
        )

    def _update_frame(self, conn: _Conn) -> str:
        """The Update `conn` is owed, as of now, with the events after those it has been sent. Observers that
        have been sent as many events get the same text, encoded once per moment."""
        if conn.role != "observer":
            ack, conn.ack = conn.ack, 0
            update = self._update_for(conn, ack)  # computes the view first: that may reset conn.events_sent
            start, conn.events_sent = self._continue_from(conn, len(update.events)), len(update.events)
            return encode(update.from_event(start))
        news = self._room_news()  # first, as it may reset conn.events_sent
        start, conn.events_sent = self._continue_from(conn, len(news)), len(news)
        moment = (len(self.session.records), self.session.ended, self._status_key())
        if self._observer_frames[0] != moment:
            self._observer_frames = (moment, {})  # a few texts: new observers start from 0, the rest from one count
        frames = self._observer_frames[1]
        if start not in frames:
            frames[start] = encode(self._update_for(conn).from_event(start))
        return frames[start]

    @staticmethod
    def _continue_from(conn: _Conn, count: int) -> int:
        # More sent than there are now cannot happen while lists only grow; the whole list is the safe answer.
        return conn.events_sent if conn.events_sent <= count else 0

    def _status_frame_for(self, key: tuple) -> str:
        if self._status_frame is None or self._status_frame[0] != key:
            turn, submitted, connected, observers = key
            self._status_frame = (key, encode(Status(turn, submitted, connected, observers)))
        return self._status_frame[1]

    def _answer(self, conn: _Conn, frame: str) -> None:
        """A frame `conn` must get, in order (Welcome, Refused): never skipped, unlike updates."""
        if conn.closing is None:
            conn.answers.append(frame)
            conn.wake.set()

    def _owe(self, conn: _Conn, owed: int, ack: int = 0) -> None:
        """Note that `conn` is owed a Status or an Update (answering request `ack`); its writer sends the newest."""
        if conn.closing is None:
            conn.owed = max(conn.owed, owed)
            conn.ack = max(conn.ack, ack)
            conn.wake.set()

    def _status_changed(self) -> None:
        """Who is online, who has submitted or how many watch changed: everyone is owed a Status, soon.
        The first change after a quiet spell goes out at once; changes right behind it wait a little and
        go out together."""
        if self._status_timer is not None or self._server is None:
            return
        loop = asyncio.get_running_loop()
        delay = max(0.0, self._status_at + STATUS_INTERVAL - loop.time())
        self._status_timer = loop.call_later(delay, self._send_status)

    def _send_status(self) -> None:
        self._status_timer = None
        self._status_at = asyncio.get_running_loop().time()
        for conn in self._conns():
            self._owe(conn, OWED_STATUS)

    def _next_frame(self, conn: _Conn) -> str | None:
        """What `conn` should be sent next, computed now: answers first, then the newest Update or Status."""
        if conn.answers:
            frame = conn.answers.popleft()
            if len(conn.answers) < MAX_ANSWERS:
                conn.room.set()
            return frame
        owed, conn.owed = conn.owed, OWED_NOTHING
        if owed == OWED_UPDATE:
            conn.status_sent = self._status_key()
            return self._update_frame(conn)
        if owed == OWED_STATUS:
            key = self._status_key()
            if key != conn.status_sent:  # it may have seen this much in an Update already
                conn.status_sent = key
                return self._status_frame_for(key)
        return None

    def _close(self, conn: _Conn, code: int, reason: str) -> None:
        """Close `conn` with `code` once the frames it is owed have left."""
        if conn.closing is None:
            conn.closing = _Close(code, reason)
            conn.wake.set()

    async def _write(self, conn: _Conn) -> None:
        """Send `conn` what it is owed, one frame at a time; a slow or dead client never holds up the others."""
        try:
            while True:
                frame = self._next_frame(conn)
                if frame is not None:
                    await conn.ws.send(frame)  # waits while the client is not reading: the host holds this one frame
                elif conn.closing is not None:
                    close = conn.closing
                    await asyncio.wait_for(conn.ws.close(close.code, _close_reason(close.reason)), CLOSE_TIMEOUT)
                    return
                else:
                    conn.wake.clear()
                    await conn.wake.wait()
        except (ConnectionClosed, asyncio.TimeoutError, TimeoutError):
            conn.ws.transport.abort()
        finally:
            conn.room.set()  # a handler waiting for room to read the next request finds the connection gone

    async def _keepalive(self, conn: _Conn) -> None:
        """Ping `conn` every `ping_interval` seconds; cut it when a pong takes longer than `ping_timeout`,
        counted from the moment the ping was queued (behind a frame a slow client is still reading)."""
        with contextlib.suppress(ConnectionClosed, asyncio.CancelledError):
            while True:
                await asyncio.sleep(self.ping_interval)
                try:
                    async with asyncio.timeout(self.ping_timeout):
                        pong = await conn.ws.ping()
                        await pong
                except TimeoutError:
                    conn.why = (
                        f"no answer to a ping within {self.ping_timeout:g} seconds, so the connection was dead "
                        "and has been closed (the client can join again)"
                    )
                    log.warning("%s: %s", conn.label, conn.why)
                    conn.ws.transport.abort()
                    return

    def _emit(self, kind: HostEventKind, team: str = "", detail: str = "") -> None:
        event = HostEvent(kind, team, detail)
        log.info("%s", detail)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken console must not take the game down with it
                log.exception("a host listener failed on %s", kind)


def _close_reason(reason: str) -> str:
    """A close frame's reason holds at most 123 bytes of UTF-8."""
    data = reason.encode("utf-8")
    if len(data) <= 123:
        return reason
    return data[:120].decode("utf-8", "ignore") + "..."
