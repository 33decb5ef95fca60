"""The wire protocol between a host and its clients: JSON text frames over one WebSocket per client.

Every frame is one message, an attrs class below, unstructured by the one converter
(wargame/converter.py) with its `KIND` under the key `kind`, e.g. `{"kind": "stage", "orders": {...}}`.
Defaults are left out of the JSON, as in saves.

A conversation:

    client                                   host
    Hello(protocol, role, team, code)  --->
                                       <---  Welcome(protocol, role, team, campaign)   or Refused(fatal) + close
                                       <---  Update(...)                               the state now
    Stage(orders, turn, ref)           --->  (a draft the host keeps for reconnects; not submitted)
                                       <---  Update(ack=ref)                           or Refused(ref=ref)
    Submit(orders, turn, ref)          --->  (journalled in the save; counts for the turn)
                                       <---  Update(ack=ref) to this client, Status to everyone else
    Withdraw(turn, ref)                --->  (takes submitted orders back; the draft stays)
                                       <---  Update(ack=ref) to this client, Status to everyone else
                                       <---  Status(...) whenever only who is online or who has submitted changed
                                       <---  Update(...) to everyone once a turn is adjudicated

Latest state wins: the host keeps, per client, only whether it owes it a new Update or Status, and
computes the frame when the client can take it; a client that reads slowly skips the states it
missed and gets the newest. Welcome and Refused frames are never skipped.

Events travel once: an Update carries only the events after those the host has already sent that
client (`Update.events_from`), and the client appends them to its list. The host counts, per
connection, how many events it has sent, so a client that skipped frames still gets every event it
missed, and a new connection (a reconnect, a late observer) gets the whole list.

A client sees only its own team: its `TeamView`, options, draft and submitted orders, and who has
submitted (team ids only). An observer sees public events and the ladder. A refused request leaves
the connection open unless `Refused.fatal` is set; the host then closes with one of the CLOSE_* codes.
"""

from __future__ import annotations

import json
import typing
from typing import Literal

import attrs

from ..core import events as ev
from ..core.arguments import OpenMove
from ..core.model import Campaign
from ..core.orders import TeamOrders
from ..core.views import DyadView, Option, Seen, TeamView

PROTOCOL_VERSION = 5
"""Raised on any change a client of the previous version could not read; checked in `Hello`.
3: `Status` messages; `Update.ack` answers every request up to `ack`; no more close code 4003;
`Update.events_from`: events are sent once, each Update continues the client's list.
4: team views carry beliefs, red lines, alliance decisions and odds in words; orders carry
declarations, votes and moves on another pair's dyad; `Welcome.freeform`.
5: orders carry `counters` (the argument round) and a `rationale` on moves, votes and declarations;
`Update.arguing`: the free-form moves a team may counter."""

MAX_CLIENT_MESSAGE = 64 * 1024
"""Bytes in one client frame (UTF-8). Larger frames are closed by the WebSocket layer (CLOSE_TOO_BIG)."""
MAX_HOST_MESSAGE = 32 * 1024 * 1024
"""Bytes in one host frame: the first `Update` of a connection carries the team's whole visible log."""

CLOSE_GAME_OVER = 1000
"""The game ended; the last `Update` says why."""
CLOSE_HOST_STOPPED = 1001
"""The host stopped (Ctrl+C, or the facilitator closed it); resume with `wargame host --resume`."""
CLOSE_TOO_BIG = 1009
"""A frame above MAX_CLIENT_MESSAGE (sent by the websockets library itself)."""
CLOSE_REFUSED = 4001
"""After a fatal `Refused`: no hello, wrong protocol version, unknown team, wrong code."""
CLOSE_REPLACED = 4002
"""The same team joined again from another connection; the newest one wins."""
# 4003 ("too slow") was sent up to protocol 2. A slow client now gets the newest state when it reads
# again; a dead one (no pong) has its connection cut, with no close frame, since it would not read one.

Role = Literal["team", "observer"]


class ProtocolError(ValueError):
    """A frame that is not a valid message of this protocol; the message says what is wrong."""


class VersionMismatch(ProtocolError):
    """A `hello` from another protocol version."""


# -- client to host ------------------------------------------------------------------------------
@attrs.frozen
class Hello:
    """The first message of every connection. A team sends its id and join code; an observer neither."""

    KIND = "hello"
    protocol: int
    role: Role = "team"
    team: str = ""
    code: str = attrs.field(default="", repr=False)


@attrs.frozen
class Stage:
    """Keep `orders` as this team's draft (restored on reconnect). Not submitted: it does not count.

    `turn` is the turn the orders were written for (0: whichever is open), so that orders written
    for a turn that has just been adjudicated are refused rather than applied to the next one.
    `ref`, when not 0, comes back as `Update.ack` or `Refused.ref`.
    """

    KIND = "stage"
    orders: TeamOrders
    turn: int = 0
    ref: int = 0


@attrs.frozen
class Submit:
    """Submit `orders` for the turn (replacing earlier ones); journalled in the save at once."""

    KIND = "submit"
    orders: TeamOrders
    turn: int = 0
    ref: int = 0


@attrs.frozen
class Withdraw:
    """Take this team's submitted orders back (the draft stays)."""

    KIND = "withdraw"
    turn: int = 0
    ref: int = 0


# -- host to client ------------------------------------------------------------------------------
@attrs.frozen
class Welcome:
    """The host accepted the hello. `campaign` is redacted for this client (see `redact`)."""

    KIND = "welcome"
    protocol: int
    role: Role
    team: str
    campaign: Campaign
    freeform: str = ""
    """Why this host refuses free-form moves (no facilitator rules on them), or "" when it takes them:
    a team is told before it writes one."""


@attrs.frozen
class Update:
    """The game as this client may see it, sent after the welcome and whenever it changes.

    `turn` is the turn open for orders (or the last one, once `ended` says why the game is over);
    `turns` the turn limit. For a team: `view` (its fog-of-war view), `options` (every move with its
    chance or the reason it is barred), `staged` (its draft, kept by the host for reconnects) and
    `orders` (what the host holds as submitted for it this turn). For an observer `view` is None,
    `options`, `staged` and `orders` are empty, and `public` holds the public events as the room may
    know them.

    The events a client may see (a team's `view.events`, an observer's `public`) form one list, all
    turns, that only grows. On the wire an Update carries the part of it from index `events_from` on:
    the client keeps the first `events_from` events it has and appends these (0: the whole list, as in
    the first Update of every connection). `Client.update` is always whole again. Events travel as
    `views.Seen` records written from the client's side, never raw: no client is sent a value or a
    cause it may not know (see `wargame.core.views`). Everyone gets `dyads` and `crisis` (the
    ladder is public), `humans` (the teams whose orders are awaited), `submitted` (which of them have
    submitted), `connected` (which are connected now) and `observers` (how many watch). `ack` is the
    `ref` of the latest request of this client that this update answers, else 0; every request with a
    smaller `ref` has been answered too, by this update or by a `Refused` that came before it (the host
    sends only the newest state, so the update answering an earlier request may have been skipped).
    """

    KIND = "update"
    turn: int
    turns: int
    ended: str = ""
    view: TeamView | None = None
    options: tuple[Option, ...] = ()
    public: tuple[Seen, ...] = ()
    dyads: tuple[DyadView, ...] = ()
    crisis: str = ""
    humans: tuple[str, ...] = ()
    submitted: tuple[str, ...] = ()
    connected: tuple[str, ...] = ()
    observers: int = 0
    staged: TeamOrders | None = None
    orders: TeamOrders | None = None
    ack: int = 0
    events_from: int = 0
    arguing: tuple[OpenMove, ...] = ()
    """For a team: the free-form moves other teams have submitted this turn that it may read, written
    from its side (`arguments.open_moves`); it counters them (or votes their odds) in the
    `counters` of its orders, submitted again if they were in already."""

    @property
    def events(self) -> tuple[Seen, ...]:
        """The events this Update carries: a team's `view.events`, an observer's `public`."""
        return self.view.events if self.view is not None else self.public

    def continuing(self, earlier: tuple[Seen, ...]) -> Update:
        """This Update made whole, on a client that has the `earlier` events: `events_from` 0 and every event
        in it. ProtocolError when it continues from further than `earlier` goes (the host lost count)."""
        if self.events_from > len(earlier):
            raise ProtocolError(
                f"an update continuing the events from number {self.events_from}, but this client has {len(earlier)}"
            )
        if self.events_from == 0:
            return self
        events = earlier[: self.events_from] + self.events
        if self.view is not None:
            return attrs.evolve(self, view=attrs.evolve(self.view, events=events), events_from=0)
        return attrs.evolve(self, public=events, events_from=0)

    def from_event(self, start: int) -> Update:
        """This whole Update as sent to a client that already has its first `start` events."""
        if start == 0:
            return self
        if self.view is not None:
            return attrs.evolve(self, view=attrs.evolve(self.view, events=self.view.events[start:]), events_from=start)
        return attrs.evolve(self, public=self.public[start:], events_from=start)


@attrs.frozen
class Status:
    """Only who is online, who has submitted or how many watch changed: those fields of `Update`, for the
    turn `turn`. Everyone gets the same Status (team ids and a count; nothing about orders but whether
    they are in). A client applies it to its latest Update if that is of the same turn, else ignores it."""

    KIND = "status"
    turn: int
    submitted: tuple[str, ...] = ()
    connected: tuple[str, ...] = ()
    observers: int = 0


@attrs.frozen
class Refused:
    """A request the host did not carry out, and why. `ref` is the request's `ref` (0: the frame could
    not be read). When `fatal`, the host closes the connection next (CLOSE_REFUSED)."""

    KIND = "refused"
    reason: str
    ref: int = 0
    fatal: bool = False


CLIENT_MESSAGES: tuple[type, ...] = (Hello, Stage, Submit, Withdraw)
HOST_MESSAGES: tuple[type, ...] = (Welcome, Update, Status, Refused)
MESSAGE_TYPES: tuple[type, ...] = CLIENT_MESSAGES + HOST_MESSAGES
Message = typing.Union[MESSAGE_TYPES]  # type: ignore[valid-type]
"""The tagged union of every message, registered on the converter under the key `kind`."""
ClientMessage = typing.Union[CLIENT_MESSAGES]  # type: ignore[valid-type]
HostMessage = typing.Union[HOST_MESSAGES]  # type: ignore[valid-type]

_BY_KIND = {cls.KIND: cls for cls in MESSAGE_TYPES}


def encode(message) -> str:
    """One message as a JSON text frame."""
    from ..converter import converter  # the converter imports this module to register Message

    if type(message) not in _BY_KIND.values():
        raise TypeError(f"not a protocol message: {type(message).__name__}")
    data = converter.unstructure(message, Message)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _no_constants(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def decode(text: str | bytes, expect: tuple[type, ...] = MESSAGE_TYPES, limit: int = MAX_CLIENT_MESSAGE):
    """A JSON text frame -> a message of one of the `expect` kinds; ProtocolError says what is wrong.

    The host decodes with `expect=CLIENT_MESSAGES`, the client with `expect=HOST_MESSAGES,
    limit=MAX_HOST_MESSAGE`. A `hello` naming another protocol version raises VersionMismatch
    before its other fields are read, since another version may name them differently.
    """
    from ..converter import converter, structure_problems

    if isinstance(text, (bytes, bytearray, memoryview)):
        raise ProtocolError("binary frames are not part of the protocol; send JSON as text")
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise ProtocolError(f"a message of {size:,} bytes is larger than the {limit:,} the protocol allows")
    try:
        data = json.loads(text, parse_constant=_no_constants)
    except RecursionError:
        raise ProtocolError("not valid JSON: nested too deeply") from None
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        raise ProtocolError(f"not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ProtocolError("expected a JSON object with a \"kind\"")
    kind = data.get("kind")
    kinds = ", ".join(cls.KIND for cls in expect)
    if not isinstance(kind, str):
        raise ProtocolError(f'no "kind" string in the message (kinds: {kinds})')
    cls = _BY_KIND.get(kind)
    if cls is None or cls not in expect:
        shown = kind if len(kind) <= 40 else kind[:37] + "..."
        raise ProtocolError(f'unknown kind "{shown}" (kinds: {kinds})')
    if cls is Hello:
        version = data.get("protocol")
        if isinstance(version, int) and not isinstance(version, bool) and version != PROTOCOL_VERSION:
            raise VersionMismatch(
                f"this host speaks wargame protocol {PROTOCOL_VERSION}, the client protocol {version}: "
                "install the same wargame version as the host"
            )
    try:
        return converter.structure(data, Message)
    except RecursionError:
        raise ProtocolError(f"malformed {kind}: nested too deeply") from None
    except Exception as exc:  # cattrs groups every problem; each one is named
        problems = "; ".join(f"{at}: {message}" if at else message for at, message in structure_problems(exc))
        raise ProtocolError(f"malformed {kind}: {problems}") from None


def redact(campaign: Campaign, team: str | None) -> Campaign:
    """The campaign as `team` may read it (None: an observer).

    Removed: other teams' briefings, objectives, bot doctrine and the red lines they could declare (a
    declared line reaches everyone as its event) (for an observer, every team's), every
    team's bot persona but the reader's own (which bot plays whom is the host's business), and the
    injects (the white cell's script: teams learn of an inject when it fires, from its event).
    Everything the rules and the narrative need to show a view stays: teams' names and tracks, the
    ladder, the move catalogue, channels and treaties.
    """
    teams = tuple(
        t if t.id == team else attrs.evolve(t, briefing="", objectives=(), doctrine=None, persona="random", red_lines=())
        for t in campaign.teams
    )
    return attrs.evolve(campaign, teams=teams, injects=())
