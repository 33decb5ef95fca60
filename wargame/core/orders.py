"""What teams and the facilitator submit for a turn: orders, messages, responses, interventions."""

from __future__ import annotations

from typing import Literal

import attrs

from .events import AnyEvent
from .model import Condition, ProposalKind


@attrs.frozen
class MoveOrder:
    """Make a catalogue move, against a target team when the move takes one.

    A move on another pair's dyad (`target = "dyad"`) names the pair: `target` and `dyad_with`.
    """

    move: str
    target: str | None = None
    dyad_with: str | None = None


FreeformVisibility = Literal["public", "target", "secret"]


@attrs.frozen
class FreeformOrder:
    """A matrix-game move: what the team does and why; the facilitator adjudicates it.

    `visibility`: public (everyone is told), target (only its target is told, the default and how
    older saves played) or secret (nobody, unless the facilitator rules it was detected).
    """

    action: str
    argument: str = ""
    target: str | None = None
    visibility: FreeformVisibility = "target"


@attrs.frozen
class MessageOrder:
    """A message, or a structured proposal, sent over a deconfliction channel."""

    channel: str
    text: str
    to: tuple[str, ...] = ()
    proposal: ProposalKind | None = None


@attrs.frozen
class Response:
    """Accept or reject a proposal that reached this team."""

    proposal: str
    accept: bool


@attrs.frozen
class Vote:
    """A member's vote on a decision open under a treaty: support (the obligation binds) or block."""

    treaty: str
    support: bool


@attrs.frozen
class DeclareOrder:
    """Declare a public red line: one the campaign offers this team (`line`, its id), or, where the
    campaign allows, one composed of parts: `text`, the `condition` that crosses it, the moves or tags
    that count as enforcing it (`enforce`) and the last turn it stands (`until`; 0: until tested)."""

    line: str = ""
    text: str = ""
    condition: Condition | None = None
    enforce: tuple[str, ...] = ()
    until: int = 0


@attrs.frozen
class TeamOrders:
    """Everything one team submits, secretly, for one turn."""

    team: str
    moves: tuple[MoveOrder, ...] = ()
    freeform: tuple[FreeformOrder, ...] = ()
    messages: tuple[MessageOrder, ...] = ()
    responses: tuple[Response, ...] = ()
    votes: tuple[Vote, ...] = ()
    declarations: tuple[DeclareOrder, ...] = ()


InterventionKind = Literal["override", "adjudicate", "fire_inject", "postpone_inject", "end_game"]

RULING_NAMES: dict[str, str] = {
    "override": "override",
    "adjudicate": "free-form ruling",
    "fire_inject": "inject fired",
    "postpone_inject": "inject postponed",
    "end_game": "game ended",
}
"""Each kind of intervention as the white cell and the reports name it."""


@attrs.frozen
class Intervention:
    """A facilitator's decision for the turn, recorded so that a replay reproduces it.

    `override` forces the outcome of `team`'s move number `order` (0-based);
    `adjudicate` decides `team`'s free-form move number `order`, with an optional
    escalation against its target, whether a secret move was `detected`, and whether the
    reason is shared with the teams that learn of the move (`share_reason`); `fire_inject` and `postpone_inject` act on
    `inject`; `end_game` ends the game after this turn.
    """

    kind: InterventionKind
    reason: str
    team: str | None = None
    order: int | None = None
    outcome: Literal["success", "failure"] | None = None
    escalation: int = 0
    inject: str | None = None
    turns: int = 1
    detected: bool = False
    share_reason: bool = False


@attrs.frozen
class TurnRecord:
    """One committed turn: its inputs and the events they produced."""

    number: int
    orders: tuple[TeamOrders, ...]
    interventions: tuple[Intervention, ...] = ()
    events: tuple[AnyEvent, ...] = ()
