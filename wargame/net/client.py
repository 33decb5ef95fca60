"""The client side of network play: join a host, follow the game, stage and submit orders. No UI here.

    client = await Client.connect("ws://127.0.0.1:8765", team="blue", code="...")
    client.campaign                 # the campaign as blue may read it (Welcome.campaign)
    client.update                   # the latest Update: view, options, staged draft, who has submitted
                                    # (a Status from the host is applied to it: who is online, who has submitted;
                                    # the events each Update brings are appended to those before: it is whole)
    await client.stage(orders)      # a draft the host keeps (restored on reconnect)
    await client.submit(orders)     # counts for the turn; returns the acknowledging Update
    async for update in client.updates():   # every Update from now on, until the connection closes
        ...
    await client.close()

Everything runs on the caller's asyncio loop (a Textual app's loop works: run `updates()` in a worker).
A dropped connection is not retried here: connect again with the same team and code to get back to
where you were, with your staged draft.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl as ssl_module

import attrs
from collections.abc import AsyncIterator, Callable
from urllib.parse import urlsplit

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from ..core.model import Campaign
from ..core.orders import TeamOrders
from .protocol import (
    HOST_MESSAGES,
    MAX_HOST_MESSAGE,
    PROTOCOL_VERSION,
    Hello,
    ProtocolError,
    Refused,
    Role,
    Stage,
    Status,
    Submit,
    Update,
    Welcome,
    Withdraw,
    decode,
    encode,
)

CONNECT_TIMEOUT = 10.0
"""Seconds to reach the host and be welcomed."""
REQUEST_TIMEOUT = 10.0
"""Seconds to wait for the host to acknowledge a stage, submit or withdraw."""

_wire_log = logging.getLogger("wargame.net.wire")
_wire_log.setLevel(logging.WARNING)  # frames (holding the join code) are logged only at DEBUG
_wire_log.addHandler(logging.NullHandler())
_log = logging.getLogger("wargame.net.client")
_log.addHandler(logging.NullHandler())


class ClientError(Exception):
    """Something the player should be told; `reason` is a sentence for them."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class JoinError(ClientError):
    """Could not join: the host refused (wrong code, unknown team, another protocol version) or could
    not be reached."""


class RequestRefused(ClientError):
    """The host refused one request (stage, submit, withdraw); the connection stays open."""


class Disconnected(ClientError):
    """The connection is closed; `code` is the WebSocket close code (see protocol.CLOSE_*)."""

    def __init__(self, reason: str, code: int | None = None):
        super().__init__(reason)
        self.code = code


class Client:
    """One joined connection to a host. Make it with `await Client.connect(...)`."""

    def __init__(self, ws: ClientConnection, welcome: Welcome, update: Update, keep_transcript: bool = False):
        self._ws = ws
        self.welcome = welcome
        self.update: Update = update
        self.refusals: list[Refused] = []
        """Refusals not tied to a request of `stage`/`submit`/`withdraw` (e.g. of an unreadable frame)."""
        self.transcript: list[str] | None = None
        """With keep_transcript: every frame received, as text, in order (for tests and debugging). An Update
        there holds only the events after `events_from`, as it was sent."""
        if keep_transcript:
            self.transcript = []
        self.close_code: int | None = None
        self.close_reason = ""
        self._next_ref = 0
        self._waiting: dict[int, asyncio.Future] = {}
        self._queues: list[asyncio.Queue] = []
        self._callbacks: list[Callable[[Update], None]] = []
        self._reader: asyncio.Task | None = None

    # -- joining ------------------------------------------------------------------------------
    @classmethod
    async def connect(
        cls,
        url: str,
        team: str | None = None,
        code: str | None = None,
        observer: bool = False,
        *,
        ssl: ssl_module.SSLContext | None = None,
        timeout: float = CONNECT_TIMEOUT,
        keep_transcript: bool = False,
    ) -> Client:
        """Join the host at `url` (`ws://HOST:PORT` or `wss://...`) as `team` with its `code`, or as an
        observer. Returns once welcomed, with the first Update in `client.update`. JoinError says why not.

        `ssl` is for `wss://` hosts with a certificate the system does not trust, e.g.
        `ssl.create_default_context(cafile="host.pem")`.
        """
        if observer and team:
            raise JoinError("join as a team or as an observer, not both")
        if not observer and not team:
            raise JoinError("say which team to join (or join as an observer)")
        if not observer and not code:
            raise JoinError(f"joining as {team} needs the team's code from the facilitator")
        parts = urlsplit(url)
        if parts.scheme not in ("ws", "wss") or not parts.hostname:
            raise JoinError(f"{url} is not a host address; it looks like ws://HOST:PORT (or wss:// with TLS)")
        if ssl is not None and parts.scheme != "wss":
            raise JoinError(f"{url}: a certificate was given, but the address is ws://, not wss://")
        tls = {"ssl": ssl} if ssl is not None else {}  # wss:// without one: the system's trusted certificates
        try:
            ws = await asyncio.wait_for(
                connect(
                    url, max_size=MAX_HOST_MESSAGE, proxy=None, open_timeout=timeout, logger=_wire_log,
                    user_agent_header=None, **tls,
                ),
                timeout,
            )
        except (asyncio.TimeoutError, TimeoutError):
            raise JoinError(f"no answer from {url} within {timeout:g} seconds") from None
        except InvalidURI:
            raise JoinError(f"{url} is not a host address; it looks like ws://HOST:PORT") from None
        except ssl_module.SSLError as exc:
            raise JoinError(f"cannot make a secure connection to {url}: {exc.reason or exc}") from None
        except (OSError, InvalidHandshake) as exc:
            why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            raise JoinError(f"cannot reach {url}: {why}") from None
        try:
            role: Role = "observer" if observer else "team"
            await ws.send(encode(Hello(PROTOCOL_VERSION, role, team or "", code or "")))
            welcome = await cls._expect(ws, Welcome, timeout, url)
            update = await cls._expect(ws, Update, timeout, url)
            try:
                update = update.continuing(())  # the first Update of a connection carries every event
            except ProtocolError as exc:
                raise JoinError(f"{url} does not speak this wargame protocol: {exc}") from None
        except BaseException:
            with contextlib.suppress(Exception):
                await ws.close()
            raise
        client = cls(ws, welcome, update, keep_transcript)
        if client.transcript is not None:
            client.transcript += [encode(welcome), encode(update)]
        client._reader = asyncio.create_task(client._read())
        return client

    @staticmethod
    async def _expect(ws: ClientConnection, kind: type, timeout: float, url: str):
        try:
            text = await asyncio.wait_for(ws.recv(), timeout)
        except (asyncio.TimeoutError, TimeoutError):
            raise JoinError(f"{url} did not welcome us within {timeout:g} seconds") from None
        except ConnectionClosed as exc:
            reason = exc.rcvd.reason if exc.rcvd and exc.rcvd.reason else "the host closed the connection"
            raise JoinError(reason) from None
        try:
            message = decode(text, expect=HOST_MESSAGES, limit=MAX_HOST_MESSAGE)
        except ProtocolError as exc:
            raise JoinError(f"{url} does not speak this wargame protocol: {exc}") from None
        if isinstance(message, Refused):
            raise JoinError(message.reason)
        if not isinstance(message, kind):
            raise JoinError(f"{url} sent {message.KIND} where {kind.KIND} was expected")
        return message

    # -- what the client knows ------------------------------------------------------------------
    @property
    def role(self) -> Role:
        return self.welcome.role

    @property
    def team(self) -> str | None:
        """The team this client plays; None for an observer."""
        return self.welcome.team or None

    @property
    def campaign(self) -> Campaign:
        """The campaign as this client may read it (other teams' briefings and objectives removed)."""
        return self.welcome.campaign

    @property
    def closed(self) -> bool:
        return self.close_code is not None

    def on_update(self, callback: Callable[[Update], None]) -> Callable[[], None]:
        """Call `callback(update)` for every new Update; returns a function that unsubscribes."""
        self._callbacks.append(callback)
        return lambda: self._callbacks.remove(callback) if callback in self._callbacks else None

    async def updates(self) -> AsyncIterator[Update]:
        """Every Update from now on, in order; ends when the connection closes. A Status from the host comes
        as the latest Update with its fields changed (`ack` 0)."""
        queue: asyncio.Queue = asyncio.Queue()
        self._queues.append(queue)
        try:
            if self.closed:
                return
            while (item := await queue.get()) is not None:
                yield item
        finally:
            self._queues.remove(queue)

    async def wait_for(self, predicate: Callable[[Update], bool], timeout: float = REQUEST_TIMEOUT) -> Update:
        """The first Update (the latest one included) for which `predicate` holds. TimeoutError after
        `timeout` seconds; Disconnected if the connection closes first."""

        async def first() -> Update:
            if predicate(self.update):
                return self.update
            async for update in self.updates():
                if predicate(update):
                    return update
            raise Disconnected(self.close_reason or "the connection closed", self.close_code)

        return await asyncio.wait_for(first(), timeout)

    # -- requests -------------------------------------------------------------------------------
    async def stage(self, orders: TeamOrders, *, timeout: float = REQUEST_TIMEOUT) -> Update:
        """Keep `orders` as this team's draft on the host; returns the acknowledging Update."""
        return await self._request(lambda ref: Stage(orders, self.update.turn, ref), timeout)

    async def submit(self, orders: TeamOrders, *, timeout: float = REQUEST_TIMEOUT) -> Update:
        """Submit `orders` for the open turn; returns the acknowledging Update (which may already show
        the next turn, when this was the last team the host was waiting for)."""
        return await self._request(lambda ref: Submit(orders, self.update.turn, ref), timeout)

    async def withdraw(self, *, timeout: float = REQUEST_TIMEOUT) -> Update:
        """Take this team's submitted orders back for the open turn."""
        return await self._request(lambda ref: Withdraw(self.update.turn, ref), timeout)

    async def _request(self, make, timeout: float) -> Update:
        """Send a request and wait for its answer: the Update acknowledging it, or RequestRefused."""
        if self.closed:
            raise Disconnected(self.close_reason or "the connection is closed", self.close_code)
        self._next_ref += 1
        ref = self._next_ref
        answer = asyncio.get_running_loop().create_future()
        self._waiting[ref] = answer
        try:
            try:
                await self._ws.send(encode(make(ref)))
            except ConnectionClosed:
                raise Disconnected(self.close_reason or "the connection closed", self.close_code) from None
            return await asyncio.wait_for(answer, timeout)
        finally:
            self._waiting.pop(ref, None)

    async def wait_closed(self) -> None:
        """Return once the connection is closed (by the host, e.g. at the end of the game, or by close());
        `close_code` and `close_reason` then say why."""
        if self._reader is not None:
            await asyncio.wait({self._reader})

    async def close(self) -> None:
        """Leave the game (the host keeps this team's draft and submitted orders)."""
        with contextlib.suppress(Exception):
            await self._ws.close()
        if self._reader is not None:
            await asyncio.wait({self._reader}, timeout=5)
        self._closed(self.close_code or 1000, self.close_reason or "left the game")

    # -- receiving ------------------------------------------------------------------------------
    async def _read(self) -> None:
        code, reason = 1006, "the connection to the host was lost"
        try:
            async for text in self._ws:
                if self.transcript is not None:
                    self.transcript.append(text if isinstance(text, str) else "<binary>")
                try:
                    message = decode(text, expect=HOST_MESSAGES, limit=MAX_HOST_MESSAGE)
                    if isinstance(message, Update):
                        message = message.continuing(self.update.events)
                except ProtocolError as exc:
                    code, reason = 1002, f"the host sent something unreadable: {exc}"
                    await self._ws.close(1002, "unreadable frame")
                    break
                self._dispatch(message)
        except ConnectionClosed:
            pass
        finally:
            received = self._ws.protocol.close_rcvd
            if received is not None and code != 1002:
                code, reason = received.code, received.reason or _CLOSE_TEXT.get(received.code, reason)
            self._closed(code, reason)

    def _dispatch(self, message) -> None:
        if isinstance(message, Status):
            if message.turn != self.update.turn or self.update.ended:
                return  # about a turn this client has not been shown (or no longer plays)
            message = attrs.evolve(
                self.update, submitted=message.submitted, connected=message.connected, observers=message.observers, ack=0,
            )
        if isinstance(message, Update):
            self.update = message
            # The host sends only the newest state, so this answers every request up to `ack` still waiting.
            for ref, waiter in self._waiting.items():
                if ref <= message.ack and not waiter.done():
                    waiter.set_result(message)
            for queue in self._queues:
                queue.put_nowait(message)
            for callback in list(self._callbacks):
                try:
                    callback(message)
                except Exception:  # a screen's bug must not stop the game's updates
                    _log.exception("an update callback failed")
        elif isinstance(message, Refused):
            waiter = self._waiting.get(message.ref)
            if message.ref and waiter is not None and not waiter.done():
                waiter.set_exception(RequestRefused(message.reason))
            else:
                self.refusals.append(message)
        # A second Welcome has no meaning after joining; it is ignored.

    def _closed(self, code: int, reason: str) -> None:
        if self.close_code is not None:
            return
        self.close_code, self.close_reason = code, reason
        for waiter in self._waiting.values():
            if not waiter.done():
                waiter.set_exception(Disconnected(reason, code))
        for queue in self._queues:
            queue.put_nowait(None)


_CLOSE_TEXT = {
    1000: "the game is over",
    1001: "the host stopped the game",
    1009: "a message was too large for the host",
}
