"""What teams and the facilitator submit for a turn: orders, messages, responses, interventions."""

from __future__ import annotations

from typing import Literal

import attrs

from .events import AnyEvent
from .model import Condition, ProposalKind

MAX_MESSAGE_CHARS = 2000
"""The longest text of a message or free-form move the adjudicator records; longer text is cut."""

MAX_RATIONALE_CHARS = 500
"""The longest `rationale` an order may carry: a short why for the debrief, not an essay."""


@attrs.frozen
class MoveOrder:
    """Make a catalogue move, against a target team when the move takes one.

    A move on another pair's dyad (`target = "dyad"`) names the pair: `target` and `dyad_with`.
    """

    move: str
    target: str | None = None
    dyad_with: str | None = None
    rationale: str = ""
    """Why the team made the move, in its own words, for the debrief; the rules never read it."""


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
class CounterArgument:
    """A team's answer, in the argument round, to another team's free-form move it may see: why it
    should fail (`text`) and, where the campaign has the uninvolved teams vote the odds
    (`rules.odds_by = "vote"`), the word of the estimative scale this team gives it (`odds`).

    `mover` and `index` name the move: `mover`'s free-form move number `index` (0-based) this turn.
    Either part may be empty; a team that passes gives none.
    """

    mover: str
    index: int
    text: str = ""
    odds: str = ""


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
    rationale: str = ""
    """Why the team voted so, in its own words, for the debrief; the rules never read it."""


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
    rationale: str = ""
    """Why the team drew this line, in its own words, for the debrief; the rules never read it."""


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
    counters: tuple[CounterArgument, ...] = ()


@attrs.frozen
class TrackEffect:
    """A change of one team's track that a free-form ruling sets."""

    team: str
    track: str
    delta: float


@attrs.frozen
class RulingEffects:
    """What a free-form move changes when it succeeds (or fails), as the white cell rules it.

    `rung`: the dyad of the move's team and its target goes to this rung, stopping below every
    firebreak but the one `crosses` names; `channel` goes to `channel_status`; `interop` is added to
    the two teams' interoperability; `inject` is a development written on the spot, told to whoever
    learns of the move.
    """

    tracks: tuple[TrackEffect, ...] = ()
    rung: str = ""
    crosses: str = ""
    channel: str = ""
    channel_status: str = ""
    interop: float = 0.0
    inject: str = ""


InterventionKind = Literal[
    "override", "adjudicate", "fire_inject", "postpone_inject", "end_game",
    "set_track", "set_rung", "set_channel", "adhoc_inject", "set_turns",
]

RULING_NAMES: dict[str, str] = {
    "override": "override",
    "adjudicate": "free-form ruling",
    "fire_inject": "inject fired",
    "postpone_inject": "inject postponed",
    "end_game": "game ended",
    "set_track": "track set",
    "set_rung": "dyad moved",
    "set_channel": "channel set",
    "adhoc_inject": "ad-hoc inject",
    "set_turns": "game length changed",
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

    A ruling with `odds` (a word of `rules.estimative_scale`) is rolled instead: success when the
    roll is below the word's chance, and then `on_success` applies, else `on_failure`.

    The white cell's powers, at any turn: `set_track` sets `team`'s `track` to `value`; `set_rung`
    puts the dyad `team`–`target` on `rung`; `set_channel` gives `channel` the `status`;
    `adhoc_inject` tells everyone `text`; `set_turns` makes `turns` the last turn of the game.
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
    odds: str = ""
    on_success: RulingEffects = RulingEffects()
    on_failure: RulingEffects = RulingEffects()
    track: str = ""
    value: float = 0.0
    target: str = ""
    rung: str = ""
    channel: str = ""
    status: str = ""
    text: str = ""


@attrs.frozen
class TurnRecord:
    """One committed turn: its inputs and the events they produced."""

    number: int
    orders: tuple[TeamOrders, ...]
    interventions: tuple[Intervention, ...] = ()
    events: tuple[AnyEvent, ...] = ()
