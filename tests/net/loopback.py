"""Helpers for network play on loopback: a host in the test's own event loop, clients joining it, bounded waits.

Every await in these tests goes through `within`, so that a hung connection fails the test in
seconds instead of hanging the suite.
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Awaitable
from pathlib import Path
from typing import TypeVar

from websockets.asyncio.client import connect

from wargame.campaign.loader import load_campaign
from wargame.core.orders import FreeformOrder, MessageOrder, MoveOrder, TeamOrders
from wargame.net.client import Client
from wargame.net.host import Host
from wargame.net.protocol import PROTOCOL_VERSION, Hello, encode
from wargame.session import Session

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL_PATH = str(ROOT / "campaigns" / "tutorial.toml")
TUTORIAL = load_campaign(TUTORIAL_PATH)
TEAMS = tuple(t.id for t in TUTORIAL.campaign.teams)  # blue, red, green
SEED = 11
LIMIT = 5.0  # seconds any one await may take
CODES = {"blue": "blue-code-0001", "red": "red-code-0002", "green": "green-code-003"}

T = TypeVar("T")


async def within(awaitable: Awaitable[T], seconds: float = LIMIT) -> T:
    return await asyncio.wait_for(awaitable, seconds)


def scripted(team: str, turn: int) -> TeamOrders:
    """The orders each team submits every turn: one simple move, plus secrets marked with who may read them.

    `X-ONLY` is for team X alone (a free-form move without a target); `X-TO-Y` is a message from X to Y.
    """
    if team == "blue":
        return TeamOrders(
            "blue", (MoveOrder("demarche", "red"),),
            freeform=(FreeformOrder(f"BLUE-ONLY-T{turn} quiet reinforcement", f"BLUE-ONLY-T{turn} because"),),
            messages=(MessageOrder("mediator", f"BLUE-TO-GREEN-T{turn} hold firm", ("green",)),),
        )
    if team == "red":
        return TeamOrders(
            "red", (MoveOrder("grey_zone_swarm", "blue"),),
            freeform=(FreeformOrder(f"RED-ONLY-T{turn} sabotage plan", f"RED-ONLY-T{turn} deniable"),),
            messages=(MessageOrder("hotline", f"RED-TO-BLUE-T{turn} back off", ("blue",)),),
        )
    return TeamOrders(
        "green", (MoveOrder("staff_talks", "blue"),),
        freeform=(FreeformOrder(f"GREEN-ONLY-T{turn} quiet assurance"),),
    )


def draft(team: str, turn: int) -> TeamOrders:
    """A draft each team stages before it submits: never submitted, so nobody else may ever read it."""
    return TeamOrders(team, freeform=(FreeformOrder(f"{team.upper()}-DRAFT-T{turn} first thoughts"),))


def new_session(folder: Path, name: str = "game.toml", humans=TEAMS, bots=None) -> Session:
    return Session.start(TUTORIAL, SEED, humans=list(humans), bots=bots, path=str(folder / name))


async def join(host: Host, team: str, **kwargs) -> Client:
    return await within(Client.connect(host.url(), team, CODES[team], **kwargs))


def stop_reading(host: Host, client: Client) -> None:
    """The client's terminal stops reading (a laptop lid half shut): the host's frames pile up against it.
    The socket buffers between them are made small, as on a slow network, so that they fill in a test's time."""
    port = client._ws.local_address[1]
    ends = [client._ws] + [c.ws for c in [*host._teams.values(), *host._observers] if c.ws.remote_address[1] == port]
    for ws in ends:
        for buffer in (socket.SO_RCVBUF, socket.SO_SNDBUF):
            ws.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, buffer, 4096)
    client._ws.transport.pause_reading()


class Raw:
    """A bare WebSocket that has said hello as a team: for sending frames no Client would send."""

    def __init__(self, ws):
        self.ws = ws

    @classmethod
    async def join(cls, host: Host, team: str) -> Raw:
        ws = await within(connect(host.url(), proxy=None))
        await within(ws.send(encode(Hello(PROTOCOL_VERSION, "team", team, CODES[team]))))
        raw = cls(ws)
        assert (await raw.next())["kind"] == "welcome"
        assert (await raw.next())["kind"] == "update"
        return raw

    async def next(self) -> dict:
        return json.loads(await within(self.ws.recv()))

    async def next_of(self, kind: str, bound: int = 20) -> dict:
        for _ in range(bound):
            frame = await self.next()
            if frame["kind"] == kind:
                return frame
        raise AssertionError(f"no {kind} within {bound} frames")
