"""Re-adjudicating a recorded game, turn by turn, to check it reproduces."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .adjudicator import adjudicate
from .model import Campaign
from .orders import TurnRecord
from .state import GameState, apply_all, initial_state


@attrs.frozen
class Divergence:
    """The first turn whose recomputed events differ from the recorded ones."""

    turn: int
    index: int
    recorded: object
    recomputed: object


def state_after(campaign: Campaign, records: Sequence[TurnRecord]) -> GameState:
    """The state rebuilt from the recorded events alone."""
    state = initial_state(campaign)
    for record in records:
        state = apply_all(campaign, state, record.events)
    return state


def verify(
    campaign: Campaign, seed: int, records: Sequence[TurnRecord], last_turn: int
) -> Divergence | None:
    """None when every turn reproduces from its orders and interventions, else where it first differs."""
    state = initial_state(campaign)
    for record in records:
        if record.number != state.turn:
            return Divergence(record.number, -1, f"turn {record.number}", f"turn {state.turn}")
        events = adjudicate(campaign, state, record.orders, record.interventions, seed, last_turn)
        if events != record.events:
            index = next(
                (i for i, (a, b) in enumerate(zip(events, record.events)) if a != b),
                min(len(events), len(record.events)),
            )
            recorded = record.events[index] if index < len(record.events) else "(no event)"
            recomputed = events[index] if index < len(events) else "(no event)"
            return Divergence(record.number, index, recorded, recomputed)
        state = apply_all(campaign, state, events)
    return None


def escalation_history(campaign: Campaign, records: Sequence[TurnRecord]) -> dict[str, list[str]]:
    """Each dyad ("a-b") with its rung id at the start and after every recorded turn."""
    ids = [t.id for t in campaign.teams]
    pairs = [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]]
    state = initial_state(campaign)
    history = {f"{a}-{b}": [campaign.rungs[state.rung(a, b)].id] for a, b in pairs}
    for record in records:
        state = apply_all(campaign, state, record.events)
        for a, b in pairs:
            history[f"{a}-{b}"].append(campaign.rungs[state.rung(a, b)].id)
    return history
